import { readFile } from 'node:fs/promises';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build/build.js';
import type { BuildResult } from '../../src/build/types.js';
import { check } from '../../src/check/index.js';
import type { CheckReport } from '../../src/check/types.js';
import { articleWordsOf, comparableWords, popplerStructureText, wordCoverage } from '../../src/formats/pdf/verify.js';
import { readWithPdfjs } from '../../src/formats/pdf/verify-pdfjs.js';
import { run, skeleton } from './helpers.js';

// Right-to-left and shaped scripts in real text: the Arabic articles of the corpus, the Arabic fixture, and
// short real texts in Hebrew (with points), Persian (with zero-width non-joiners) and Urdu (test/fixtures/pdf/udhr-*.md):
// articles 1–3 of the Universal Declaration of Human Rights in the UN's (OHCHR's) translations, Genesis 1:1–2 in
// the pointed Masoretic text, and one sentence of ours with Latin words and numbers inside the right-to-left text.
const ARTICLES = [
  { input: 'test/fixtures/corpus/ar-1panel.md', name: 'ar-1panel' },
  { input: 'test/fixtures/corpus/ar-mcp-dialects.md', name: 'ar-mcp-dialects' },
  { input: 'test/fixtures/corpus/ar-qaradawi.html', name: 'ar-qaradawi' },
  { input: 'test/fixtures/corpus/ar-zipxtract.html', name: 'ar-zipxtract' },
  { input: 'test/fixtures/rtl-article.md', name: 'rtl-article' },
  { input: 'test/fixtures/pdf/udhr-he.md', name: 'udhr-he' },
  { input: 'test/fixtures/pdf/udhr-fa.md', name: 'udhr-fa' },
  { input: 'test/fixtures/pdf/udhr-ur.md', name: 'udhr-ur' },
];
const EDITIONS = ['', '-large-print'];

let outDir: string;
let result: BuildResult;
let report: CheckReport;
const pdfFile = (name: string, suffix: string) => path.join(outDir, name, `${name}${suffix}.pdf`);

beforeAll(async () => {
  outDir = mkdtempSync(path.join(tmpdir(), 'broadside-rtl-'));
  result = await build({ inputs: ARTICLES.map((article) => article.input), outDir, formats: ['html', 'pdf'] });
  report = await check(ARTICLES.flatMap(({ name }) => EDITIONS.map((suffix) => pdfFile(name, suffix))));
}, 900_000);

/** How many round brackets of the text find no partner. */
function unpairedBrackets(text: string): number {
  let open = 0;
  let unpaired = 0;
  for (const char of text) {
    if (char === '(') open += 1;
    else if (char === ')' && open) open -= 1;
    else if (char === ')') unpaired += 1;
  }
  return unpaired + open;
}

/** Share of a's items (words) found in b in the same order (longest common subsequence). */
function inOrder(a: string[], b: string[]): number {
  let previous = new Int32Array(b.length + 1);
  let row = new Int32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) row[j] = a[i - 1] === b[j - 1] ? previous[j - 1] + 1 : Math.max(previous[j], row[j - 1]);
    [previous, row] = [row, previous];
  }
  return a.length ? previous[b.length] / a.length : 1;
}

describe.each(ARTICLES)('$name', ({ name }) => {
  it('builds', () => {
    const built = result.articles.find((entry) => entry.outputs?.pdf === `${name}.pdf`);
    expect(built?.error).toBeUndefined();
  });

  describe.each(EDITIONS)('%s PDF', (suffix) => {
    const findings = () => report.targets.find((target) => target.target === pdfFile(name, suffix))!.findings;

    it('passes broadside check: the words in tag order (at least 99 %), none run together, the bookmarks the headings', () => {
      const byRule = (rule: string) => findings().filter((finding) => finding.rule === rule);
      for (const rule of ['pdf-structure-text', 'pdf-run-together', 'pdf-bookmarks']) {
        expect(byRule(rule).map((finding) => `${finding.status}: ${finding.summary} ${finding.examples?.join(', ') ?? ''}`), rule).toEqual([
          expect.stringMatching(/^pass: /),
        ]);
      }
      const share = Number(byRule('pdf-structure-text')[0].summary.match(/([\d.]+)%/)?.[1]);
      expect(share).toBeGreaterThanOrEqual(99);
    });

    it('gives real letters in the structure text: no presentation forms, no lam-alef ligature', async () => {
      const text = await popplerStructureText(pdfFile(name, suffix));
      expect(text.match(/[\ufb1d-\ufb4f\ufb50-\ufdff\ufe70-\ufefe]/gu) ?? []).toEqual([]);
    });

    it('holds the article\'s unpointed words in pdftotext\'s layout text, lam-alef the right way round', async () => {
      const words = await articleWordsOf(path.join(outDir, name, 'index.html'));
      const text = comparableWords(run('pdftotext', [pdfFile(name, suffix), '-']));
      // pdftotext orders by position, and sets marks (vowel points, shadda) apart or on the wrong line (docs/pdf.md, known limits).
      const unpointed = words.filter((word) => !/\p{M}/u.test(word));
      expect(wordCoverage(skeleton(text), unpointed).share).toBeGreaterThanOrEqual(0.95);
      const lamAlef = words.filter((word) => word.includes('لا')).length;
      if (lamAlef) expect(text.filter((word) => word.includes('لا')).length).toBeGreaterThanOrEqual(0.9 * lamAlef);
    });

    it('reads in pdf.js word for word: the words in tag order (getStructTree), and as words in the layout (getTextContent)', async () => {
      const words = await articleWordsOf(path.join(outDir, name, 'index.html'));
      const read = await readWithPdfjs(pdfFile(name, suffix));
      // Spaces between right-to-left words are a right-to-left mark and a space to pdf.js, and marks an item of
      // their own (docs/pdf.md). What is left: a footnote number pdf.js sets on a line of its own, a table's cells
      // run together in the layout, and sentences that share a line in the order Chromium drew them.
      expect(inOrder(words, comparableWords(read.tagged))).toBeGreaterThanOrEqual(0.98);
      expect(wordCoverage(comparableWords(read.layout), words).share).toBeGreaterThanOrEqual(0.95);
    });
  });
});

describe('brackets in right-to-left text', () => {
  it('read as the text has them in the tags, not as the mirrored glyphs drawn (ar-mcp-dialects)', async () => {
    for (const suffix of EDITIONS) {
      const tags = (await popplerStructureText(pdfFile('ar-mcp-dialects', suffix))).replace(/\u200f/gu, '').replace(/\s+/gu, ' ');
      expect(tags).toContain('(بروتوكول سياق النموذج)');
      expect(tags).not.toContain(')بروتوكول سياق النموذج(');
    }
  });

  it('read as the text has them where Chromium drew one alone, with nothing to say it is mirrored (lone-brackets.ts)', async () => {
    const tags = async (name: string) => (await popplerStructureText(pdfFile(name, ''))).replace(/\u200f/gu, '').replace(/\s+/gu, '');
    // The closing bracket after a link, and after a word at a line's left end.
    expect(await tags('ar-mcp-dialects')).toContain('(modelcontextprotocol.io)');
    expect(await tags('ar-1panel')).toContain('(docs.1panel.hk/quick_start)');
    expect(await tags('ar-qaradawi')).toContain('(الدكتوراة)');
    expect(await tags('ar-zipxtract')).toContain('المجلدات)');
    // Every bracket pairs, in every right-to-left fixture and edition, but one: ar-zipxtract's printed address
    // "(sites.google.com/…)" starts a line, and Chromium draws that opening bracket outside marked content, so it
    // is an artifact (docs/pdf.md, known limits).
    for (const { name } of ARTICLES) {
      for (const suffix of EDITIONS) {
        expect(unpairedBrackets(await popplerStructureText(pdfFile(name, suffix))), `${name}${suffix}`).toBe(name === 'ar-zipxtract' ? 1 : 0);
      }
    }
  });
});

describe('zero-width non-joiners in Persian (udhr-fa)', () => {
  it('read as non-joiners, not as spaces, in Poppler\'s structure text and in pdf.js', async () => {
    for (const suffix of EDITIONS) {
      const tags = await popplerStructureText(pdfFile('udhr-fa', suffix));
      const read = await readWithPdfjs(pdfFile('udhr-fa', suffix));
      expect(tags).toContain('می\u200cآیند');
      // pdf.js drops every invisible format character from its text, the non-joiner with them.
      expect(read.tagged).toContain('میآیند');
      for (const text of [tags, read.tagged]) expect(text).not.toMatch(/می[\u200f ]+آیند/u);
    }
  });
});

describe('the words Broadside adds, in Hebrew and Persian (data/words.yaml)', () => {
  it.each([
    { name: 'udhr-he', by: 'מאת', page: 'עמוד 1 מתוך' },
    { name: 'udhr-fa', by: 'نوشته', page: 'صفحه 1 از' },
  ])('$name: the byline on the page, and the page numbers in print', async ({ name, by, page }) => {
    const html = await readFile(path.join(outDir, name, 'index.html'), 'utf8');
    expect(html).toContain(`class="byline">${by} <`);
    expect(html).not.toContain('class="byline">By ');
    const layout = (await readWithPdfjs(pdfFile(name, ''))).layout.replace(/\u200f/gu, '');
    expect(layout).toContain(page);
    expect(layout).not.toMatch(/Page \d+ of/u);
  });
});
