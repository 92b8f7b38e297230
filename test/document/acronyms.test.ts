import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { describe, expect, it } from 'vitest';
import { keepAcronymsTogether } from '../../src/document/acronyms.js';
import { file, html, md } from './helpers.js';

function run(markdown: string): Root {
  const tree = md(markdown);
  keepAcronymsTogether()(tree, file());
  return tree;
}

describe('hyphenated acronyms', () => {
  it('wraps them in a nowrap node rendered as <span class="nowrap">, text unchanged', () => {
    const text = 'IS-K and IS-Khorasan, COVID-19, an F-16, anti-US feeling and an X-ray.';
    const tree = run(text);
    expect(toString(tree)).toBe(text);
    const out = html(tree);
    for (const word of ['IS-K', 'IS-Khorasan', 'COVID-19', 'F-16', 'anti-US', 'X-ray']) expect(out).toContain(`<span class="nowrap">${word}</span>`);
  });

  it('leaves ordinary hyphenated words, dates and long compounds alone', () => {
    const out = html(run('A well-established, conflict-prone post-Bellum state on 2023-12-08, Al-Qaeda, and THE-VERY-LONG-ACRONYM-COMPOUND.'));
    expect(out).not.toContain('nowrap');
  });

  it('keeps the exact node shape others rely on', () => {
    const tree = run('IS-K');
    const paragraph = tree.children[0] as { children: unknown[] };
    // The node and its text keep their place in the source (line 1, columns 1 to 5).
    const position = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 5, offset: 4 } };
    expect(paragraph.children).toEqual([{ type: 'nowrap', children: [{ type: 'text', value: 'IS-K', position }], data: { hName: 'span', hProperties: { className: ['nowrap'] } }, position }]);
  });

  it('does not touch code, and does not wrap twice', () => {
    const tree = run('`IS-K` and IS-K');
    keepAcronymsTogether()(tree, file());
    expect(html(tree)).toBe('<p><code>IS-K</code> and <span class="nowrap">IS-K</span></p>');
  });
});
