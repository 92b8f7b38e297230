import type { Paragraph, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { markSentences } from '../../src/document/sentences.js';

describe('positions through the sentence marking', () => {
  it('gives each sentence and each piece of cut text its own place in the source', () => {
    const source = 'Intro line.\n\nThe room opens at nine. It closes *at five. Late* on Fridays.';
    const tree = fromMarkdown(source) as Root;
    markSentences({ lang: 'en' })(tree, new VFile());
    const at = (node: { position?: { start: { offset?: number }; end: { offset?: number } } }) =>
      node.position ? source.slice(node.position.start.offset, node.position.end.offset) : undefined;
    const sentences: (string | undefined)[] = [];
    visit(tree, 'sentence', (node) => void sentences.push(at(node)));
    expect(sentences).toEqual(['Intro line.', 'The room opens at nine.', 'It closes *at five.', 'Late* on Fridays.']);
    // The emphasis cut by a sentence's end: each piece (the space between the sentences too) spans its own words.
    const halves: (string | undefined)[] = [];
    visit(tree.children[1] as Paragraph, 'emphasis', (node) => void halves.push(at(node)));
    expect(halves).toEqual(['at five.', ' ', 'Late']);
  });
});
