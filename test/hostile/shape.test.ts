import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Element } from 'hast';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { audioInfo, elements, parseHtml, pdfInfo, pdfText, tempDir, textOf } from './tools.js';

interface Outline {
  title: string;
  kids: Outline[];
}

/** Bookmark titles of a PDF, read by qpdf, depth first. */
function bookmarks(file: string): string[] {
  const run = spawnSync('qpdf', ['--json', '--json-key=outlines', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const { outlines } = JSON.parse(run.stdout) as { outlines: Outline[] };
  const titles: string[] = [];
  const walk = (items: Outline[]) => items.forEach((item) => (titles.push(item.title), walk(item.kids)));
  walk(outlines);
  return titles;
}

/** A PDF's text as poppler lays it out on the page (pdftotext -layout). */
function layoutText(file: string): string {
  return spawnSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).stdout;
}

/** Structure element names, in order, by poppler's pdfinfo -struct. */
function structure(file: string): string[] {
  const run = spawnSync('pdfinfo', ['-struct', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return run.stdout.split('\n').map((line) => line.match(/^\s*([A-Z][A-Za-z]*)\b/)?.[1]).filter((name): name is string => name !== undefined);
}

function depth(node: Element, tag: string): number {
  const below = node.children.filter((c): c is Element => c.type === 'element').map((c) => depth(c, tag));
  return (node.tagName === tag ? 1 : 0) + Math.max(0, ...below);
}

describe('shape: extreme structure builds correctly', () => {
  it('keeps 2,000 headings in the page, the PDF text and the PDF bookmarks', async () => {
    const dir = tempDir();
    const source = path.join(dir, 'many-headings.md');
    writeFileSync(source, `# Many headings\n\n${Array.from({ length: 2000 }, (_, i) => `## Heading ${i + 1}\n\nText under heading ${i + 1}.`).join('\n\n')}\n`);
    const result = await build({ inputs: [source], outDir: path.join(dir, 'out'), formats: ['html', 'pdf'] });
    const article = result.articles[0]!;
    expect(article.error).toBeUndefined();
    const page = parseHtml(readFileSync(path.join(article.outDir, 'index.html'), 'utf8'));
    const headings = elements(page, (node) => node.tagName === 'h2' && /^Heading \d+$/.test(textOf(node)));
    expect(headings).toHaveLength(2000);
    // Every heading id is unique, or the page, PDF and audio could not share them.
    expect(new Set(headings.map((h) => h.properties.id)).size).toBe(2000);
    const pdf = path.join(article.outDir, article.outputs.pdf!);
    expect(pdfInfo(pdf).Tagged).toBe('yes');
    const text = pdfText(pdf);
    expect(text).toContain('Heading 2000');
    expect(text).toContain('Text under heading 2000.');
    const titles = bookmarks(pdf).filter((title) => /^Heading \d+$/.test(title));
    expect(titles).toHaveLength(2000);
    expect(titles.at(-1)).toBe('Heading 2000');
  });

  it('builds lists nested 50 deep and zero-width, bidi-override and emoji text in every edition, and a table of 200 columns in page and print, readable on paper', async () => {
    const dir = tempDir();
    const nested = path.join(dir, 'nested.md');
    writeFileSync(nested, `# Nested lists\n\n${Array.from({ length: 50 }, (_, d) => `${'  '.repeat(d)}- Level ${d + 1} item.`).join('\n')}\n`);
    const wide = path.join(dir, 'wide.md');
    const columns = Array.from({ length: 200 }, (_, i) => `Column ${i + 1}`);
    writeFileSync(
      wide,
      `# A wide table\n\nThe table below is very wide.\n\n| ${columns.join(' | ')} |\n|${' --- |'.repeat(200)}\n| ${columns.map((_, i) => `v${i + 1}`).join(' | ')} |\n\n` +
        'A narrow one follows.\n\n| Name | Role | Since |\n| --- | --- | --- |\n| Ana | Reader | 2019 |\n| Bo | Editor | 2021 |\n',
    );
    const odd = path.join(dir, 'odd-characters.txt');
    writeFileSync(
      odd,
      'Odd characters\n\n' +
        'Zero\u200bwidth spaces, joiners\u200c and non\u2011breaking hyphens appear here. ' +
        'The word \u202eevil\u202c is wrapped in a right-to-left override. ' +
        'Emoji \u{1f6a2}\u{1f30a} and a family \u{1f468}\u200d\u{1f469}\u200d\u{1f467} are here. ' +
        'Arabic \u0645\u0631\u062d\u0628\u0627 sits beside English.\n',
    );
    const out = path.join(dir, 'out');
    const spoken = await build({ inputs: [nested, odd], outDir: out, voice: 'flite:rms' });
    for (const article of spoken.articles) {
      expect(article.error).toBeUndefined();
      expect(Object.keys(article.outputs).sort()).toEqual(['audio', 'braille', 'braillePreview', 'captions', 'epub', 'html', 'largePrintPdf', 'pdf']);
      expect(audioInfo(path.join(article.outDir, article.outputs.audio!)).codec).toBe('mp3');
    }
    // Narrating 400 table cells takes minutes; the table's narration is not what this case is about.
    const [table] = (await build({ inputs: [wide], outDir: out, formats: ['html', 'pdf'] })).articles as [(typeof spoken.articles)[0]];
    expect(table.error).toBeUndefined();
    const [lists, chars] = spoken.articles as [(typeof spoken.articles)[0], (typeof spoken.articles)[0]];

    const listPage = parseHtml(readFileSync(path.join(lists.outDir, 'index.html'), 'utf8'));
    const article = elements(listPage, (node) => node.tagName === 'article')[0]!;
    expect(depth(article, 'ul')).toBe(50);
    expect(pdfText(path.join(lists.outDir, lists.outputs.pdf!))).toContain('Level 50 item.');
    expect(readFileSync(path.join(lists.outDir, lists.outputs.captions!), 'utf8')).toContain('Level 50 item.');

    const tablePage = parseHtml(readFileSync(path.join(table.outDir, 'index.html'), 'utf8'));
    expect(elements(tablePage, (node) => node.tagName === 'th')).toHaveLength(203);
    // The wide table scrolls in its own focusable region instead of widening the page.
    const region = elements(tablePage, (node) => node.tagName === 'div' && node.properties.role === 'region')[0]!;
    expect(depth(region, 'table')).toBe(1);
    // On paper the 200 columns cannot sit side by side, so both print editions swap rows and columns:
    // each column name heads a row, with its value beside it, every word whole and in reading order.
    for (const file of [table.outputs.pdf!, table.outputs.largePrintPdf!]) {
      const tablePdf = path.join(table.outDir, file);
      expect(pdfInfo(tablePdf).Tagged).toBe('yes');
      const printed = layoutText(tablePdf);
      expect(printed).toContain('The table below is very wide.');
      expect(printed).toMatch(/rows\s+and\s+columns\s+are\s+swapped\s+here/);
      const lines = new Set(printed.split('\n').map((line) => line.trim().replace(/\s+/g, ' ')));
      expect(columns.filter((name, i) => !lines.has(`${name} v${i + 1}`))).toEqual([]);
      // Tagged as tables: the turned one has a row per column name; the narrow one prints as written.
      const tags = structure(tablePdf);
      const tables = tags.join(' ').split('Table ').slice(1).map((run) => run.split(' ').filter((tag) => ['TR', 'TH', 'TD'].includes(tag)));
      expect(tables).toHaveLength(2);
      expect(tables[0]!.filter((tag) => tag === 'TR')).toHaveLength(200);
      expect(tables[1]!.join(' ')).toBe('TR TH TH TH TR TD TD TD TR TD TD TD');
    }

    const charsHtml = readFileSync(path.join(chars.outDir, 'index.html'), 'utf8');
    expect(charsHtml).toContain('\u{1f6a2}\u{1f30a}');
    expect(charsHtml).toContain('\u{1f468}\u200d\u{1f469}\u200d\u{1f467}');
    // The override is dropped, so the page shows the word the narration says.
    expect(charsHtml).not.toContain('\u202e');
    expect(charsHtml).toContain('The word evil');
    const printed = pdfText(path.join(chars.outDir, chars.outputs.pdf!));
    expect(printed).toContain('evil');
    expect(printed).not.toContain('live');
    expect(printed).toContain('Arabic');
    const captions = readFileSync(path.join(chars.outDir, chars.outputs.captions!), 'utf8');
    expect(captions).toContain('The word evil');
    expect(captions).toContain('\u{1f6a2}');
  });
});
