import type { Root } from 'mdast';
import { toHast } from 'mdast-util-to-hast';
import { toHtml } from 'hast-util-to-html';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { readHtml } from '../../src/ingest/readers/html.js';

function read(body: string): Root {
  const text = `<!DOCTYPE html><html lang="en"><head><title>Notes</title></head><body><article>
<p>The canal opened in 1794 and carried coal for over a century, until the railway took its trade and the locks fell into ruin along most of the route.</p>
${body}
<p>Volunteers began clearing the towpath in 1968, and boats returned to the whole length of the canal in 2001 after decades of patient work.</p>
</article></body></html>`;
  return readHtml(text, new VFile({ path: 'notes.html', value: text })).tree;
}

function footnotes(tree: Root) {
  const references: string[] = [];
  visit(tree, 'footnoteReference', (node) => void references.push(node.identifier));
  const definitions = tree.children.filter((n) => n.type === 'footnoteDefinition').map((d) => [d.identifier, toString(d)]);
  return { references, definitions };
}

describe('footnotes in saved pages', () => {
  it('turns Pandoc-style notes (sup > a, section.footnotes > ol > li) into Markdown footnotes', () => {
    const tree = read(`<p>The summit lock is the deepest<sup id="fnref1"><a href="#fn1" class="footnote-ref">1</a></sup> and the tunnel the longest<sup id="fnref2"><a href="#fn2" class="footnote-ref">2</a></sup> on the canal, which made it famous among boaters.</p>
<section class="footnotes" role="doc-endnotes"><hr><ol>
<li id="fn1"><p>It drops 6.5 metres. <a href="#fnref1" class="footnote-back" role="doc-backlink">↩︎</a></p></li>
<li id="fn2"><p>Just under three kilometres. <a href="#fnref2" class="footnote-back" role="doc-backlink">↩︎</a></p></li>
</ol></section>`);
    expect(footnotes(tree)).toEqual({
      references: ['1', '2'],
      definitions: [
        ['1', 'It drops 6.5 metres.'],
        ['2', 'Just under three kilometres.'],
      ],
    });
    const html = toHtml(toHast(tree));
    expect(html.match(/data-footnote-ref/g)).toHaveLength(2);
    // Only the page's own footnote list is left: the source's list went into the definitions.
    expect(html.match(/<ol>/g)).toHaveLength(1);
    expect(html).not.toContain('<hr>');
    expect(toString(tree)).not.toContain('↩');
  });

  it('numbers notes by first reference, and two references to one note share it', () => {
    const tree = read(`<p>First claim<a href="#note-b">[1]</a>, second claim<a href="#note-a">[2]</a>, first again<a href="#note-b">[1]</a> in one long sentence about the history of the canal.</p>
<div class="notes"><p id="note-a">Note A text.</p><p id="note-b">Note B text.</p></div>`);
    expect(footnotes(tree)).toEqual({ references: ['1', '2', '1'], definitions: [['1', 'Note B text.'], ['2', 'Note A text.']] });
    const body = tree.children.filter((n) => n.type !== 'footnoteDefinition');
    expect(toString({ type: 'root', children: body })).not.toContain('Note A text.');
  });

  it('leaves ordinary in-page links alone', () => {
    const tree = read(`<p>See <a href="#history">the history section</a> below, where the whole story of the canal is told year by year.</p><h2 id="history">History</h2><p>The long version of the story, with every lock and every bridge along the way.</p>`);
    expect(footnotes(tree)).toEqual({ references: [], definitions: [] });
    expect(toString(tree)).toContain('the history section');
  });
});
