import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { toText } from 'hast-util-to-text';
import type { Root } from 'mdast';
import { toHast } from 'mdast-util-to-hast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'puppeteer';
import { bodyToHast } from '../../src/render/body.js';
import { launchBrowser } from '../../src/common/browser.js';
import { ARTICLE_BASE } from '../../src/formats/pdf/lockdown.js';
import { printHtml } from '../../src/formats/pdf/print-html.js';
import { printCss, renderPdf, type PrintVariant } from '../../src/formats/pdf/render-pdf.js';
import { gridOf, rowsPerPart, TABLE_MEASURES, tableShape, turnTable, wordWidthEm } from '../../src/formats/pdf/wide-tables.js';
import { fixtureDocument, run, textSizes } from './helpers.js';
import { selectAll } from './select.js';

/** The first table of a Markdown text, as the page renders it. */
function tableOf(markdown: string): Element {
  const tree = unified().use(remarkParse).use(remarkGfm).parse(markdown) as Root;
  return selectAll(toHast(tree) as never, 'table')[0]!;
}

function markdownTable(head: string[], rows: string[][]): string {
  return [head, head.map(() => '---'), ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n');
}

const cellsOf = (row: Element) => row.children.filter((cell): cell is Element => cell.type === 'element');
const cellTexts = (row: Element) => cellsOf(row).map((cell) => toText(cell));
const classesOf = (table: Element) => (table.properties.className as string[] | undefined) ?? [];
const VARIANTS: PrintVariant[] = ['standard', 'large-print'];

describe('table shapes', () => {
  const narrow = tableOf(markdownTable(['Day', 'Morning', 'Afternoon'], [['Monday', '10:00–12:00', '13:00–16:00']]));
  const eight = tableOf(
    markdownTable(
      ['Region', 'Population 2020', 'Median household income', 'Unemployment rate', 'Share with degree', 'Broadband access', 'Average commute (minutes)', 'Notes'],
      [['North East', '2,680,763', '£28,400', '5.6%', '29%', '94%', '24', 'Includes Tyneside and Teesside conurbations']],
    ),
  );
  const columns = Array.from({ length: 200 }, (_, i) => `Column ${i + 1}`);
  const wide = tableOf(markdownTable(columns, [columns.map((_, i) => `v${i + 1}`), columns.map((_, i) => `w${i + 1}`)]));

  it('keeps a table that fits, makes an eight-column one compact in the standard edition and turns it in large print, and turns 200 columns in both', () => {
    const shapes = (table: Element) => VARIANTS.map((variant) => tableShape(gridOf(table)!, TABLE_MEASURES[variant]));
    expect(shapes(narrow)).toEqual(['table', 'table']);
    expect(shapes(eight)).toEqual(['compact', 'turned']);
    expect(shapes(wide)).toEqual(['turned', 'turned']);
  });

  it('never turns a table of two columns, however long its words', () => {
    const two = tableOf(markdownTable(['Name', 'Address'], [['Report', `https://example.org/${'long-path/'.repeat(20)}`]]));
    expect(tableShape(gridOf(two)!, TABLE_MEASURES['large-print'])).toBe('table');
  });

  it('turns rows into columns and columns into rows, losing and repeating no cell', () => {
    const grid = gridOf(wide)!;
    const perPart = rowsPerPart(grid, TABLE_MEASURES.standard);
    // "Column 200" beside two short values fits side by side on A4.
    expect(perPart).toBe(2);
    const [part, ...rest] = turnTable(wide, grid, perPart);
    expect(rest).toHaveLength(0);
    const rows = selectAll(part!, 'tr');
    expect(rows).toHaveLength(200);
    expect(cellsOf(rows[0]!).map((cell) => [toText(cell), cell.properties.scope])).toEqual([
      ['Column 1', 'col'],
      ['v1', 'col'],
      ['w1', 'col'],
    ]);
    expect(cellsOf(rows[199]!).map((cell) => [cell.tagName, toText(cell)])).toEqual([
      ['th', 'Column 200'],
      ['td', 'v200'],
      ['td', 'w200'],
    ]);
    expect(selectAll(rows[199]!, 'th')[0]!.properties.scope).toBe('row');
    expect(selectAll(part!, 'th').length + selectAll(part!, 'td').length).toBe(600);
  });

  it('repeats the header cells in each later part, without their ids', () => {
    const table = tableOf(markdownTable(['Name', 'Role', 'Since'], [['Ana', 'Reader', '2019'], ['Bo', 'Editor', '2021'], ['Cy', 'Publisher', '2015']]));
    selectAll(table, 'th').forEach((cell, i) => (cell.properties.id = `h-${i}`));
    const parts = turnTable(table, gridOf(table)!, 2);
    expect(parts.map((part) => selectAll(part, 'tr').map(cellTexts))).toEqual([
      [['Name', 'Ana', 'Bo'], ['Role', 'Reader', 'Editor'], ['Since', '2019', '2021']],
      [['Name', 'Cy'], ['Role', 'Publisher'], ['Since', '2015']],
    ]);
    const ids = parts.flatMap((part) => selectAll(part, 'th').map((cell) => cell.properties.id)).filter(Boolean);
    expect(ids).toEqual(['h-0', 'h-1', 'h-2']);
  });

  it('leaves a table with merged cells as it is', () => {
    const table = tableOf(markdownTable(['A', 'B', 'C'], [['1', '2', '3']]));
    selectAll(table, 'td')[0]!.properties.colSpan = 2;
    expect(gridOf(table)).toBeUndefined();
  });
});

describe('print HTML of tables', () => {
  const doc = fixtureDocument('tables.md', 'en-GB');
  const html = (variant: PrintVariant) => fromHtml(printHtml(doc, { css: '', baseUrl: ARTICLE_BASE, variant }));

  it('prints each table in the shape its edition gives it, with a note before a turned one', () => {
    const standard = html('standard');
    expect(selectAll(standard, 'table').map(classesOf)).toEqual([[], ['compact'], ['turned']]);
    const large = html('large-print');
    expect(selectAll(large, 'table').map(classesOf).slice(0, 2)).toEqual([[], ['turned']]);
    const notes = selectAll(large, 'p').filter((p) => classesOf(p).includes('table-note'));
    expect(notes).toHaveLength(2);
    expect(toText(notes[0]!)).toMatch(/^This table is too wide for the page, so its rows and columns are swapped here/);
  });

  it('leaves a table that fits exactly as the page has it', () => {
    const page = fromHtml(toHtml({ type: 'root', children: bodyToHast(doc) }));
    // White space between table parts is not rendered; print drops it (line-end-spaces.ts).
    const markup = (tree: ReturnType<typeof fromHtml>) => toHtml(selectAll(tree, 'table')[0]!).replace(/>\s+</g, '><');
    for (const variant of VARIANTS) expect(markup(html(variant))).toBe(markup(page));
  });

  it('lets a word too long for any column break, and no other', () => {
    const long = fixtureDocument('tables.md', 'en-GB');
    long.tree.children.push(...(unified().use(remarkParse).use(remarkGfm).parse(markdownTable(['File', 'Where', 'Size'], [['Report', 'https://example.org/reports/2024/annual/regional-breakdown-final.pdf', '2 MB']])) as Root).children);
    const tree = fromHtml(printHtml(long, { css: '', baseUrl: ARTICLE_BASE }));
    const breakable = selectAll(tree, 'span').filter((span) => classesOf(span).includes('breakable'));
    expect(breakable.map((span) => toText(span))).toEqual(['https://example.org/reports/2024/annual/regional-breakdown-final.pdf']);
  });
});

describe('table width estimates against Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  // Words of the kinds tables hold: names, figures, money, times, capitals, accents, other scripts.
  const WORDS = [
    'Region', 'Population', 'Unemployment', 'household', 'conurbations', '(minutes)', 'v200', '2,680,763', '£28,400', '5.6%',
    '10:00–12:00', 'Wednesday', 'MMMMWWWW', 'mmmmwwww', 'AAAAAA', 'HTTP/2', 'ISBN-13', 'www.example.org', 'Bevölkerungsentwicklung',
    'Déclaration', 'Überschrift', 'straße', 'Москва', 'ЖЖЖЖ', 'Ελλάδα', 'القاهرة', 'שלום', '東京都',
  ];

  it.each(VARIANTS)('never estimates a word narrower than the %s edition prints it, in a header or a data cell', async (variant) => {
    const page = await browser.newPage();
    try {
      // The estimate is of the narrowest a word can be set: one ideograph, or the whole of a word that has no break in it.
      const cells = (tag: string) => WORDS.map((word) => `<${tag}><span style="display: inline-block; width: min-content">${word}</span></${tag}>`).join('');
      await page.setContent(`<html lang="en"><head><style>${await printCss(variant, 'a4')}</style></head><body><table><tr>${cells('th')}</tr><tr>${cells('td')}</tr></table></body></html>`);
      const measured = await page.evaluate(async () => {
        await document.fonts.ready;
        return Array.from(document.querySelectorAll('th, td'), (cell) => cell.firstElementChild!.getBoundingClientRect().width / Number.parseFloat(getComputedStyle(cell).fontSize));
      });
      const short = measured
        .map((width, i) => ({ word: WORDS[i % WORDS.length]!, width, estimate: wordWidthEm(WORDS[i % WORDS.length]!, TABLE_MEASURES[variant].glyphs) }))
        .filter(({ width, estimate }) => estimate < width);
      expect(short).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe('tables on paper', () => {
  let browser: Browser;
  const files: Record<string, string> = {};
  const doc = fixtureDocument('tables.md', 'en-GB');
  const dir = mkdtempSync(path.join(tmpdir(), 'broadside-tables-'));

  beforeAll(async () => {
    browser = await launchBrowser();
    for (const variant of VARIANTS) {
      const rendered = await renderPdf(browser, doc, { variant, paper: 'a4', timeoutMs: 120_000, signal: new AbortController().signal });
      // No table ran into the margin.
      expect(rendered.warnings).toEqual([]);
      files[variant] = path.join(dir, `${variant}.pdf`);
      writeFileSync(files[variant]!, rendered.bytes);
    }
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** pdftotext's words with their boxes, in points. */
  function boxes(file: string): { word: string; xMin: number; xMax: number; pageWidth: number }[] {
    const xml = run('pdftotext', ['-bbox', file, '-']);
    const found: { word: string; xMin: number; xMax: number; pageWidth: number }[] = [];
    for (const page of xml.split('<page ').slice(1)) {
      const pageWidth = Number(page.match(/^width="([\d.]+)"/)![1]);
      for (const match of page.matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)) {
        found.push({ word: match[3]!.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>'), xMin: Number(match[1]), xMax: Number(match[2]), pageWidth });
      }
    }
    return found;
  }

  const cellWords = () =>
    selectAll(fromHtml(printHtml(doc, { css: '', baseUrl: ARTICLE_BASE })), 'table')
      .flatMap((table) => [...selectAll(table, 'th'), ...selectAll(table, 'td')])
      .flatMap((cell) => toText(cell).split(/\s+/).filter(Boolean));

  it.each(VARIANTS)('prints every word of every table whole, inside the text block (%s)', (variant) => {
    const printed = boxes(files[variant]!);
    const words = new Set(printed.map((box) => box.word));
    expect(cellWords().filter((word) => !words.has(word))).toEqual([]);
    // 20 mm margins (18 mm in large print), less a point for borders and rounding.
    const margin = ((variant === 'standard' ? 20 : 18) * 72) / 25.4 - 1;
    expect(printed.filter((box) => box.xMin < margin || box.xMax > box.pageWidth - margin)).toEqual([]);
  });

  it('keeps the small table a tagged table in both editions, and tags turned tables as tables with row and column headers', () => {
    for (const variant of VARIANTS) {
      const tree = run('pdfinfo', ['-struct', files[variant]!]);
      const tables = tree.split(/^\s*Table\b.*$/m).slice(1);
      expect(tables.length).toBe(variant === 'standard' ? 3 : 1 + 3 + 2);
      // The small table: a header row and two rows of three data cells, as written.
      const rows = tables[0]!.split(/^\s*TR\b.*$/m).slice(1);
      expect(rows.map((row) => [...row.matchAll(/^\s*(TH|TD)\b/gm)].map((m) => m[1]).join(' '))).toEqual(['TH TH TH', 'TD TD TD', 'TD TD TD']);
      // A turned table: its rows are headed by the original column names.
      expect(tables.at(-1)).toMatch(/\/Scope \/Row/);
    }
  });

  it('reads a turned table row by row: an original column name, then its values', () => {
    const text = run('pdftotext', ['-layout', files['large-print']!, '-']);
    expect(text).toMatch(/^\s*Population\s+2,680,763\s*$/m);
    expect(text).toMatch(/^\s*06:00\s+42\s+45\s+48\s*$/m);
    const struct = run('pdfinfo', ['-struct-text', files['large-print']!]);
    expect(struct.indexOf('"Region"')).toBeLessThan(struct.indexOf('"North East"'));
    expect(struct.indexOf('"North East"')).toBeLessThan(struct.indexOf('"2,680,763"'));
  });

  it('sets a compact table at 8 pt in the standard edition, and nothing below 18 pt in large print but the running heads', () => {
    expect(textSizes(files.standard!).get(8)).toBeGreaterThan(200);
    const sizes = textSizes(files['large-print']!);
    const small = [...sizes].filter(([size]) => size < 18).reduce((sum, [, count]) => sum + count, 0);
    const pages = Number(run('pdfinfo', [files['large-print']!]).match(/Pages:\s+(\d+)/)![1]);
    expect(small).toBeLessThanOrEqual((pages - 1) * 'Tables on paper'.length);
  });
});
