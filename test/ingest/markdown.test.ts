import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Root } from 'mdast';
import type { ContainerDirective, TextDirective } from 'mdast-util-directive';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { readMarkdown } from '../../src/ingest/readers/markdown.js';
import { readArticle } from '../../src/ingest/index.js';
import { FIXTURES } from '../helpers/fixtures.js';

function read(text: string) {
  const file = new VFile({ path: 'inline.md', value: text });
  return { ...readMarkdown(text, file), file };
}

function nodes<T>(tree: Root, type: string): T[] {
  const found: T[] = [];
  visit(tree, type, (node) => void found.push(node as T));
  return found;
}

describe('Markdown reader on test/fixtures/post.md', () => {
  const source = path.join(FIXTURES, 'post.md');
  const { tree, meta, file } = read(readFileSync(source, 'utf8'));

  it('reads the front matter', () => {
    expect(meta).toEqual({
      title: 'A Month of Cycling to Work: What the Numbers Say',
      authors: ['Priya Raman', 'Daniel Kowalski'],
      date: '2025-05-06',
      lang: 'en',
      description: 'Four weeks of commuting by bicycle, logged day by day, and what the figures show about time, money and mood.',
      keywords: ['cycling', 'commuting', 'health'],
    });
    expect(tree.children.some((n) => n.type === 'yaml')).toBe(false);
  });

  it('keeps the GFM table with its header row and alignment', () => {
    const [table] = nodes<import('mdast').Table>(tree, 'table');
    expect(table).toBeDefined();
    expect(table!.children).toHaveLength(5);
    expect(toString(table!.children[0]!)).toContain('Average time (min)');
    expect(table!.align).toEqual([null, 'right', 'right', 'right', 'right']);
  });

  it('keeps footnotes, references and definitions', () => {
    expect(nodes(tree, 'footnoteReference')).toHaveLength(2);
    const definitions = nodes<import('mdast').FootnoteDefinition>(tree, 'footnoteDefinition');
    expect(definitions.map((d) => d.identifier)).toEqual(['route', 'fitness']);
  });

  it('keeps images, with alt text where the source has it and "" where not', () => {
    const images = nodes<import('mdast').Image>(tree, 'image');
    expect(images.map((i) => i.url)).toEqual(['images/route-map.png', 'images/bike-rack.jpg']);
    expect(images[0]!.alt).toMatch(/^Map of the 9\.4 km route/);
    expect(images[1]!.alt).toBe('');
  });

  it('keeps the blockquote, the code block, links, task list and strikethrough', () => {
    expect(toString(nodes(tree, 'blockquote')[0] as Root)).toContain('arrived soaked and grumpy');
    const [code] = nodes<import('mdast').Code>(tree, 'code');
    expect(code!.lang).toBe('python');
    expect(code!.value).toContain('parking_per_month');
    expect(nodes<import('mdast').Link>(tree, 'link').map((l) => l.url)).toEqual(['https://example.org/cycle-map', 'https://example.org/charity']);
    const items = nodes<import('mdast').ListItem>(tree, 'listItem').filter((i) => i.checked !== null && i.checked !== undefined);
    expect(items.map((i) => i.checked)).toEqual([true, true, false]);
    expect(toString(nodes(tree, 'delete')[0] as Root)).toBe('later');
  });

  it('turns the raw <aside>, <abbr> and <kbd> into directive nodes that render as those elements', () => {
    const [aside] = nodes<ContainerDirective>(tree, 'containerDirective');
    expect(aside).toMatchObject({ name: 'aside', data: { hName: 'aside' } });
    expect(toString(aside!)).toMatch(/^A word on safety\. Neither of us/);
    expect(aside!.children[0]!.type).toBe('paragraph');
    const inline = nodes<TextDirective>(tree, 'textDirective');
    expect(inline.map((n) => [n.name, toString(n)])).toEqual([
      ['abbr', 'GPS'],
      ['kbd', 'Ctrl'],
      ['kbd', 'P'],
    ]);
    expect(inline[0]!.data).toEqual({ hName: 'abbr', hProperties: { title: 'Global Positioning System' } });
    expect(nodes(tree, 'html')).toHaveLength(0);
  });

  it('raises one image-alt warning, for the image without alt, through readArticle', async () => {
    const doc = await readArticle(source);
    const warnings = doc.file.messages.filter((m) => m.ruleId === 'image-alt');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.line).toBe(50);
    expect(warnings[0]!.reason).toContain('images/bike-rack.jpg');
    expect(file.messages).toHaveLength(0);
  });
});

describe('Markdown front matter', () => {
  it('takes one author string with "and" as two authors, and a list of names as given', () => {
    expect(read('---\nauthor: Asma Hussain and Ismail Ahmad\n---\nText.').meta.authors).toEqual(['Asma Hussain', 'Ismail Ahmad']);
    expect(read('---\nauthors: [Jane Doe, John Roe]\n---\nText.').meta.authors).toEqual(['Jane Doe', 'John Roe']);
    expect(read('---\nauthor: "Doe, Jane"\n---\nText.').meta.authors).toEqual(['Doe, Jane']);
    expect(read('---\nauthor:\n  name: Ann Poe\n---\nText.').meta.authors).toEqual(['Ann Poe']);
  });

  it('turns every kind of date into ISO 8601', () => {
    const date = (value: string) => read(`---\ndate: ${value}\n---\nText.`).meta.date;
    expect(date('2024-03-01')).toBe('2024-03-01');
    expect(date('"2024-03-01"')).toBe('2024-03-01');
    expect(date('2024-03-01T14:30:00Z')).toBe('2024-03-01T14:30:00.000Z');
    expect(date('2024-03-01 14:30:00 +01:00')).toBe('2024-03-01T13:30:00.000Z');
    expect(date('1 March 2024')).toBe('2024-03-01');
    expect(date('March 1, 2024')).toBe('2024-03-01');
  });

  it('warns about a date it cannot read and leaves the date out', () => {
    const { meta, file } = read('---\ndate: next Tuesday\n---\nText.');
    expect(meta.date).toBeUndefined();
    expect(file.messages.map((m) => m.ruleId)).toEqual(['front-matter-date']);
    expect(file.messages[0]!.reason).toContain('next Tuesday');
    // The date's own line, after the opening `---`.
    expect([file.messages[0]!.line, file.messages[0]!.column]).toEqual([2, 1]);
  });

  it('takes a title YAML reads as a number', () => {
    expect(read('---\ntitle: 1984\n---\nText.').meta.title).toBe('1984');
  });

  it('reads lang, dir, description and keywords or tags', () => {
    const { meta } = read('---\nlang: pt_br\ndir: RTL\nsummary: "A  short   one."\nkeywords: "one, two,three"\n---\nText.');
    expect(meta).toEqual({ lang: 'pt-BR', dir: 'rtl', description: 'A short one.', keywords: ['one', 'two', 'three'] });
    expect(read('---\ntags:\n  - a\n  - b\n---\nText.').meta.keywords).toEqual(['a', 'b']);
  });

  it('warns about a lang or dir it cannot use', () => {
    const { meta, file } = read('---\nlang: English please\ndir: sideways\n---\nText.');
    expect(meta).toEqual({});
    expect(file.messages.map((m) => [m.ruleId, m.line])).toEqual([['front-matter-lang', 2], ['front-matter-dir', 3]]);
  });

  it('ignores invalid YAML, and YAML that is not a mapping, with a warning', () => {
    for (const yaml of ['title: [unclosed', '- just\n- a list']) {
      const { meta, tree, file } = read(`---\n${yaml}\n---\nBody text.`);
      expect(meta).toEqual({});
      expect(file.messages.map((m) => m.ruleId)).toEqual(['front-matter-yaml']);
      // Bad YAML is placed where the parser stopped, inside the block (line 2); a list at the block.
      expect(file.messages[0]!.line).toBe(yaml.startsWith('title') ? 2 : 1);
      expect(toString(tree)).toBe('Body text.');
    }
  });

  it('reads a file with no front matter, and a thematic break is not front matter', () => {
    const { meta, tree } = read('# Title\n\nText.\n\n---\n\nMore.');
    expect(meta).toEqual({});
    expect(nodes(tree, 'thematicBreak')).toHaveLength(1);
  });
});

describe('Markdown RTL fixture test/fixtures/rtl-article.md', () => {
  const { tree, meta } = read(readFileSync(path.join(FIXTURES, 'rtl-article.md'), 'utf8'));

  it('states Arabic and its metadata', () => {
    expect(meta.lang).toBe('ar');
    expect(meta.title).toBe('فوائد القراءة اليومية');
    expect(meta.authors).toEqual(['ليلى حسن']);
    expect(meta.date).toBe('2025-02-03');
    expect(meta.keywords).toEqual(['القراءة', 'التعلم', 'الثقافة']);
  });

  it('has headings and at least three paragraphs of Arabic text', () => {
    expect(nodes(tree, 'heading').length).toBeGreaterThanOrEqual(3);
    const paragraphs = tree.children.filter((n) => n.type === 'paragraph').map((p) => toString(p));
    expect(paragraphs.length).toBeGreaterThanOrEqual(4);
    for (const text of paragraphs) expect(text).toMatch(/^[\u0600-\u06FF]/);
  });

  it('comes out of the shared pipeline right-to-left', async () => {
    const doc = await readArticle(path.join(FIXTURES, 'rtl-article.md'));
    expect(doc.meta.lang).toBe('ar');
    expect(doc.meta.dir).toBe('rtl');
  });
});
