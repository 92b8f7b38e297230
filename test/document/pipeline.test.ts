import type { Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { describe, expect, it } from 'vitest';
import { normaliseDocument } from '../../src/document/pipeline.js';
import { shorten } from '../../src/document/description.js';
import type { ReaderResult } from '../../src/document/types.js';
import { file, html, md } from './helpers.js';

function normalise(tree: Root, meta: ReaderResult['meta'] = {}, about?: RootContent[]) {
  const vfile = file();
  const doc = normaliseDocument({ source: 'test/fixtures/none/inline.md', name: 'inline-post', kind: 'markdown', file: vfile, read: { tree, meta, about } });
  return { doc, rules: vfile.messages.map((m) => m.ruleId) };
}

const RICH = `# A "Rich" Post -- With Everything

The US said it would stay.\u00A0 The UN said "no".

## Table

| Group | Founded |
|---|---|
| IS-K | 2015 |

#### Footnotes

A claim[^1] about NATO.

[^1]: A note citing the US.

> A quote -- with a dash.

- item one
- item two

![](chart.png)

![A chart of attacks](chart2.png)

\`\`\`js
const quote = "straight" -- 1;
\`\`\`
`;

describe('normaliseDocument on Markdown-shaped trees', () => {
  it('normalises a tree with tables, footnotes, lists, quotes, images and code without losing any of them', () => {
    const { doc, rules } = normalise(md(RICH));
    expect(doc.meta.title).toBe('A \u201CRich\u201D Post \u2014 With Everything');
    const types = new Set<string>();
    const walk = (n: Root | RootContent) => {
      types.add(n.type);
      if ('children' in n) n.children.forEach(walk);
    };
    walk(doc.tree);
    for (const type of ['table', 'footnoteReference', 'footnoteDefinition', 'list', 'blockquote', 'image', 'code', 'abbr', 'nowrap', 'sentence']) expect(types, type).toContain(type);
    const out = html(doc.tree);
    expect(out).toContain('const quote = "straight" -- 1;');
    expect(out).toContain('<abbr title="United States">US</abbr>');
    expect(out.match(/<abbr title="United States">/g)).toHaveLength(1);
    expect(out).toContain('<abbr title="North Atlantic Treaty Organization">NATO</abbr>');
    expect(out).toContain('<span class="nowrap"><abbr title="Islamic State Khorasan Province">IS-K</abbr></span>');
    expect(out).toContain('A quote \u2014 with a dash.');
    expect(out).toContain('<img src="chart.png" alt="">');
    expect(toString(doc.tree)).toContain('The UN said \u201Cno\u201D.');
    expect(toString(doc.tree)).not.toContain('\u00A0');
    expect(rules).toContain('image-alt');
    expect(rules.filter((r) => r === 'image-alt')).toHaveLength(1);
    expect(rules).toContain('heading-increment');
  });

  it('gives every heading an id and keeps heading levels without skips', () => {
    const { doc } = normalise(md(RICH));
    const headings = doc.tree.children.filter((n) => n.type === 'heading');
    expect(headings.map((h) => (h as { depth: number }).depth)).toEqual([1, 2, 3]);
    for (const h of headings) expect(h.data?.hProperties?.id).toBeTruthy();
  });

  it('appends the bio under "About the authors" with the fixed id, normalised like the body', () => {
    const about: RootContent[] = [{ type: 'paragraph', children: [{ type: 'text', value: "Jane Doe is the paper's US correspondent.\u00A0" }] }];
    const { doc } = normalise(md('# Title\n\nBody text that is long enough to count.'), {}, about);
    const index = doc.tree.children.findIndex((n) => n.data?.hProperties?.id === 'about-the-authors');
    expect(index).toBe(2);
    expect(toString(doc.tree.children[3])).toBe('Jane Doe is the paper\u2019s US correspondent.');
  });

  it('words the bio heading for one author and in the article\'s language, and keeps its id unique', () => {
    const bio = (text: string): RootContent[] => [{ type: 'paragraph', children: [{ type: 'text', value: text }] }];
    const one = normalise(md('# Title\n\n## About the authors\n\nA body section that happens to share the name.'), { authors: ['Jane Doe'] }, bio('Jane Doe writes.')).doc;
    const headings = one.tree.children.filter((n) => n.type === 'heading');
    expect(headings.map((h) => [toString(h), h.data?.hProperties?.id])).toEqual([
      ['Title', 'title'],
      ['About the authors', 'about-the-authors-2'],
      ['About the author', 'about-the-authors'],
    ]);
    const arabic = normalise(md('# عنوان\n\nوافق المجلس البلدي على الخطة بأغلبية سبعة أصوات مقابل خمسة، ووعد بمراجعة مناطق الصيد.'), { authors: ['ليلى حسن'] }, bio('ليلى حسن كاتبة.')).doc;
    expect(toString(arabic.tree.children.find((n) => n.data?.hProperties?.id === 'about-the-authors')!)).toBe('عن الكاتب');
  });

  it('keeps html-derived custom nodes (data.hName) and rewrites the text inside them', () => {
    const aside = { type: 'aside', data: { hName: 'aside' }, children: [{ type: 'paragraph', children: [{ type: 'text', value: 'A "side" note -- on the US.' }] }] } as unknown as RootContent;
    const kbd = { type: 'kbd', data: { hName: 'kbd' }, children: [{ type: 'text', value: 'Ctrl--"C"' }] } as unknown as RootContent;
    const tree: Root = { type: 'root', children: [{ type: 'heading', depth: 1, children: [{ type: 'text', value: 'T' }] }, aside, { type: 'paragraph', children: [kbd as never] }] };
    const { doc } = normalise(tree);
    const out = html(doc.tree);
    expect(out).toContain('<aside>');
    expect(out).toContain('A \u201Cside\u201D note \u2014 on the');
    expect(out).toContain('<kbd>Ctrl--"C"</kbd>');
  });

  it('takes the description from the first paragraph, shortened on a word boundary', () => {
    const long = 'Every war, whether inter or intrastate posses horrific consequences and many of them are felt for decades after the last shot is fired across the border lands of the region.';
    const { doc } = normalise(md(`# T\n\n${long}\n\nSecond.`));
    expect(doc.meta.description.length).toBeLessThanOrEqual(160);
    expect(long.startsWith(doc.meta.description.replace(/\u2026$/, ''))).toBe(true);
    expect(doc.meta.description).toMatch(/\p{L}\u2026$/u);
  });

  it('gives the title, the h1 and the body the quotation marks of the detected language', () => {
    const { doc } = normalise(md('# Der "neue" Hafen\n\nDer Gemeinderat hat den Plan mit sieben zu fünf Stimmen gebilligt und eine "Prüfung" der Fanggründe vor Beginn der Arbeiten versprochen.'));
    expect(doc.meta.lang).toBe('de');
    expect(doc.meta.title).toBe('Der \u201Eneue\u201C Hafen');
    expect(doc.tree.children.filter((n) => n.type === 'heading').map((h) => toString(h))).toEqual(['Der \u201Eneue\u201C Hafen']);
    expect(toString(doc.tree)).toContain('eine \u201EPrüfung\u201C der');
  });

  it('keeps a stated description, language and direction', () => {
    const { doc } = normalise(md('# T\n\nLe conseil municipal a approuvé le projet par sept voix contre cinq.'), { description: 'Stated.', lang: 'en', dir: 'rtl' });
    expect(doc.meta).toMatchObject({ description: 'Stated.', lang: 'en', dir: 'rtl' });
  });

  it('detects the language of an unlabelled right-to-left article', () => {
    const { doc } = normalise(md('# عنوان\n\nوافق المجلس البلدي على الخطة بأغلبية سبعة أصوات مقابل خمسة، ووعد بمراجعة مناطق الصيد قبل بدء أي أعمال.'));
    expect(doc.meta).toMatchObject({ lang: 'ar', dir: 'rtl' });
  });

  it('uses the file name for a title when there is none', () => {
    const { doc, rules } = normalise(md('Just a paragraph of text with no heading at all.'));
    expect(doc.meta.title).toBe('Inline post');
    expect(rules).toContain('title-missing');
  });
});

describe('shorten', () => {
  it('ends on a whole sentence without an ellipsis when it can', () => {
    expect(shorten('One sentence here. And then a second one that runs on and on and on.', 30)).toBe('One sentence here.');
  });
  it('leaves short text alone', () => {
    expect(shorten('Short.', 160)).toBe('Short.');
  });
});
