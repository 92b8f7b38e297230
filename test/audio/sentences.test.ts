import type { Paragraph, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { describe, expect, it } from 'vitest';
import { markSentences, sentenceRanges, sentencesOf } from '../../src/document/sentences.js';

const split = (text: string) => sentenceRanges(text).map(([a, b]) => text.slice(a, b));

describe('sentenceRanges', () => {
  it('does not end sentences at titles, initialisms, e.g. or decimals', () => {
    expect(split('Mr. Smith went to the U.S. Army base. It cost $1.6 billion, e.g. a lot. Dr. No agreed.')).toEqual([
      'Mr. Smith went to the U.S. Army base.',
      'It cost $1.6 billion, e.g. a lot.',
      'Dr. No agreed.',
    ]);
  });
  it('still ends a sentence after an initialism when a new sentence clearly starts', () => {
    expect(split('They left the U.S. The war went on.')).toEqual(['They left the U.S.', 'The war went on.']);
  });
  it('splits on question and exclamation marks', () => {
    expect(split('What are the IS-K capabilities? How serious is it! Fine.')).toEqual(['What are the IS-K capabilities?', 'How serious is it!', 'Fine.']);
  });
});

function paragraph(children: Paragraph['children']): Root {
  return { type: 'root', children: [{ type: 'heading', depth: 1, children: [{ type: 'text', value: 'Title' }] }, { type: 'paragraph', children }] };
}

describe('markSentences', () => {
  it('wraps each sentence in a span with sequential ids, keeping the text', () => {
    const tree = paragraph([{ type: 'text', value: 'One sentence here. Another one there.' }]);
    markSentences()(tree);
    const sentences = sentencesOf(tree);
    expect(sentences.map((s) => [s.data?.hProperties.id, toString(s)])).toEqual([
      ['s-1', 'One sentence here.'],
      ['s-2', 'Another one there.'],
    ]);
    expect(sentences[0]!.data?.hName).toBe('span');
    expect(toString(tree.children[1]!)).toBe('One sentence here. Another one there.');
    // The title heading is rendered by the page itself and is not marked.
    expect(toString(tree.children[0]!)).toBe('Title');
    expect((tree.children[0] as Paragraph).children[0]!.type).toBe('text');
  });

  it('splits emphasis that crosses a sentence end, each half staying emphasised', () => {
    const tree = paragraph([
      { type: 'text', value: 'Read with ' },
      { type: 'emphasis', children: [{ type: 'text', value: 'care. Then' }] },
      { type: 'text', value: ' stop.' },
    ]);
    markSentences()(tree);
    const [first, second] = sentencesOf(tree);
    expect(toString(first!)).toBe('Read with care.');
    expect(toString(second!)).toBe('Then stop.');
    expect(first!.children.at(-1)!.type).toBe('emphasis');
    expect(second!.children[0]!.type).toBe('emphasis');
  });

  it('keeps a link whole, merging the sentences it spans', () => {
    const tree = paragraph([
      { type: 'text', value: 'See ' },
      { type: 'link', url: 'https://example.com/', children: [{ type: 'text', value: 'this. And that' }] },
      { type: 'text', value: ' now. Next one.' },
    ]);
    markSentences()(tree);
    const sentences = sentencesOf(tree);
    expect(sentences.map((s) => toString(s))).toEqual(['See this. And that now.', 'Next one.']);
    expect(sentences[0]!.children.filter((c) => c.type === 'link')).toHaveLength(1);
  });

  it('marks list items, table cells and headings, numbering across the document', () => {
    const tree: Root = {
      type: 'root',
      children: [
        { type: 'heading', depth: 2, children: [{ type: 'text', value: 'Part II' }] },
        { type: 'list', children: [{ type: 'listItem', children: [{ type: 'paragraph', children: [{ type: 'text', value: 'Item one.' }] }] }] },
        { type: 'table', children: [{ type: 'tableRow', children: [{ type: 'tableCell', children: [{ type: 'text', value: 'Cell' }] }] }] },
      ],
    };
    markSentences({ idPrefix: 'x' })(tree);
    expect(sentencesOf(tree).map((s) => [s.data?.hProperties.id, toString(s)])).toEqual([
      ['x1', 'Part II'],
      ['x2', 'Item one.'],
      ['x3', 'Cell'],
    ]);
  });
});
