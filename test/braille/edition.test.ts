import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { brfToUnicode, readBrailleNumber } from '../../src/formats/braille/ascii.js';
import { brailleTables } from '../../src/formats/braille/tables.js';
import { checkBrf } from '../../src/formats/braille/verify.js';
import { FIXTURES, SEED, tempDir } from '../helpers/fixtures.js';
import { backTranslate, brfPages, corpusPage, inOrderShare, pageArticleText, renderBraille, runningBraille, words, type BrailleRun } from './helpers.js';

const CELLS = 40;
const LINES = 25;

/** Real pages from the extraction corpus: a long feature with figures, a list-heavy review, a short news item. */
const CORPUS_PAGES = [
  '3c5bf8db4272f7e2',
  '5fbc7ccb504c',
  '70cb2d5bca75',
];

const ARTICLES: { name: string; source: () => string }[] = [
  { name: 'the seed (scraped text)', source: () => SEED },
  { name: 'a Markdown post with a table, lists and footnotes', source: () => path.join(FIXTURES, 'post.md') },
  { name: 'a scraped text fixture', source: () => path.join(FIXTURES, 'harbour-wind-farm.txt') },
  { name: 'a saved HTML page', source: () => path.join(FIXTURES, 'saved-page.html') },
  ...CORPUS_PAGES.map((id) => ({ name: `corpus page ${id.slice(0, 12)}`, source: () => corpusPage(fullId(id)) })),
];

function fullId(prefix: string): string {
  const ids = readFileSync('/work/shared/corpus/extraction-dev/ground-truth.json', 'utf8').match(/[0-9a-f]{64}/g) ?? [];
  const id = ids.find((candidate) => candidate.startsWith(prefix.slice(0, 12)));
  if (!id) throw new Error(`no corpus page ${prefix}`);
  return id;
}

/** The format, checked here independently of checkBrf: bytes, line ends, sizes, page numbers, and the title page. */
function expectFormat(run: BrailleRun): void {
  const { brf, doc } = run;
  for (const byte of brf) expect(byte === 0x0a || byte === 0x0d || byte === 0x0c || (byte >= 0x20 && byte <= 0x5f), `byte 0x${byte.toString(16)}`).toBe(true);
  const text = brf.toString('latin1');
  expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  const pages = brfPages(brf);
  expect(pages.length).toBeGreaterThan(1);
  pages.forEach((lines, i) => {
    expect(lines.length, `page ${i + 1}`).toBeLessThanOrEqual(LINES);
    for (const line of lines) expect(line.length, `page ${i + 1}: ${line}`).toBeLessThanOrEqual(CELLS);
    const last = lines[lines.length - 1];
    expect(last.length).toBe(CELLS);
    expect(readBrailleNumber(last.trim().split(/ +/).pop()!), `page ${i + 1} number`).toBe(i + 1);
  });
  // The title page: the title, the authors and the date, back-translated, and nothing of the body.
  const tables = brailleTables(doc.meta.lang, 2);
  const titlePage = words(backTranslate(pages[0].join('\n'), tables.text));
  expect(inOrderShare(words(doc.meta.title), titlePage)).toBeGreaterThanOrEqual(0.9);
  for (const author of doc.meta.authors) expect(inOrderShare(words(author), titlePage)).toBe(1);
  if (doc.meta.date) expect(titlePage).toContain(String(new Date(doc.meta.date).getUTCFullYear()));
  expect(checkBrf(brf, { cells: CELLS, lines: LINES })).toMatchObject({ ok: true, pages: pages.length, problems: [] });
}

describe.each(ARTICLES)('the braille edition of $name', ({ source }) => {
  it('is a well-formed BRF whose back-translation gives the page’s words in order (≥ 0.95)', async () => {
    const run = await renderBraille(source());
    expect(run.outputs).toEqual({ braille: `${run.doc.name}.brf`, braillePreview: `${run.doc.name}-braille.html` });
    expectFormat(run);
    const tables = brailleTables(run.doc.meta.lang, 2);
    expect(tables.text).toBe('en-ueb-g2.ctb');
    const expected = words(pageArticleText(run.doc));
    const back = words(backTranslate(runningBraille(run.brf, tables.continuation), tables.text));
    expect(expected.length).toBeGreaterThan(100);
    expect(inOrderShare(expected, back)).toBeGreaterThanOrEqual(0.95);
  });
});

describe.each([
  { name: 'the Arabic article fixture', file: 'rtl-article.md' },
  { name: 'the Arabic print fixture', file: 'pdf/arabic.md' },
])('the braille edition of $name', ({ file }) => {
  it('is Arabic braille (ar-ar-g1.utb) that back-translates to the Arabic words', async () => {
    const run = await renderBraille(path.join(FIXTURES, file));
    expect(run.doc.meta.lang).toBe('ar');
    const tables = brailleTables('ar', 2);
    expect(tables.text).toBe('ar-ar-g1.utb');
    expectFormat(run);
    const expected = words(pageArticleText(run.doc));
    const back = backTranslate(runningBraille(run.brf, tables.continuation), tables.text);
    expect(expected.every((word) => /\p{Script=Arabic}|\d/u.test(word))).toBe(true);
    expect(back).toMatch(/\p{Script=Arabic}{3}/u);
    expect(inOrderShare(expected, words(back))).toBeGreaterThanOrEqual(0.95);
  });
});

describe('grades', () => {
  const article = () => {
    const file = path.join(tempDir(), 'knowledge.md');
    writeFileSync(file, '---\ntitle: Knowledge\nlang: en\n---\n\nThe knowledge of the people is the strength of the nation.\n');
    return file;
  };

  it('is contracted (grade 2) by default: "the" is one cell, "knowledge" and "people" one letter', async () => {
    const run = await renderBraille(article());
    const body = brfPages(run.brf)[1].join(' ');
    expect(body).toContain(',! K ( ! P IS ! /R5G? ( ! NA;N4');
    expect(words(backTranslate(body, 'en-ueb-g2.ctb'))).toEqual(expect.arrayContaining(['the', 'knowledge', 'people', 'strength', 'nation']));
  });

  it('is uncontracted with --braille-grade 1: the words are spelled out', async () => {
    const run = await renderBraille(article(), { brailleGrade: 1 });
    const body = brfPages(run.brf)[1].join(' ');
    expect(body).toContain(',THE KNOWLEDGE OF THE PEOPLE IS THE STRENGTH OF THE NATION4');
    expect(body).not.toMatch(/ ! | K /);
    const back = words(backTranslate(body, 'en-ueb-g1.ctb'));
    expect(inOrderShare(['the', 'knowledge', 'of', 'the', 'people'], back)).toBe(1);
  });

  it('keeps the seed readable in grade 1 too', async () => {
    const run = await renderBraille(SEED, { brailleGrade: 1 });
    expectFormat(run);
    const back = words(backTranslate(runningBraille(run.brf, '"'), 'en-ueb-g1.ctb'));
    expect(inOrderShare(words(pageArticleText(run.doc)), back)).toBeGreaterThanOrEqual(0.95);
  });
});

describe('other sizes', () => {
  it('lays out to --braille-cells and --braille-lines', async () => {
    const run = await renderBraille(path.join(FIXTURES, 'post.md'), { brailleCells: 32, brailleLines: 20 });
    const check = checkBrf(run.brf, { cells: 32, lines: 20 });
    expect(check.problems).toEqual([]);
    for (const lines of brfPages(run.brf)) {
      expect(lines).toHaveLength(20);
      expect(Math.max(...lines.map((line) => line.length))).toBe(32);
    }
    // Too small a page for the default checker.
    expect(checkBrf(run.brf).ok).toBe(false);
  });
});

describe('the preview', () => {
  it('shows the BRF’s cells in Unicode braille, page by page', async () => {
    const run = await renderBraille(SEED);
    const html = readFileSync(path.join(run.outDir, run.outputs.braillePreview), 'utf8');
    const pages = brfPages(run.brf);
    for (const [i, lines] of pages.entries()) {
      expect(html).toContain(`<h2 id="page-${i + 1}">`);
      expect(html).toContain(lines.map((line) => brfToUnicode(line.padEnd(CELLS, ' '))).join('\n'));
    }
    expect(html).toContain(`href="${run.outputs.braille}"`);
  });
});
