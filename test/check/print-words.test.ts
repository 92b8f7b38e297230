import { execFileSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build/build.js';
import { check } from '../../src/check/index.js';
import type { CheckReport } from '../../src/check/types.js';
import { launchBrowser } from '../helpers/browser.js';
import { FIXTURES, tempDir } from '../helpers/fixtures.js';
import { findingsOf } from './helpers.js';

// Real corpus articles whose print editions ran words together or lost them in the tags (issue 13): lines
// broken with <br> and links in them (it-black-friday), inline code, a code block split between pages and a
// table turned in large print (en-remark-gfm), a wide table turned in large print (pt-nascar), a word split
// into two links to the same address (en-aljazeera-moon), links whose printed addresses hold article words (en-bbc).
const NAMES = ['it-black-friday-nostalgici', 'en-remark-gfm', 'pt-nascar-classificacao', 'en-aljazeera-moon', 'en-bbc-newsbeat'];
const SOURCES: Record<string, string> = { 'en-remark-gfm': 'md', 'it-black-friday-nostalgici': 'html', 'pt-nascar-classificacao': 'html', 'en-aljazeera-moon': 'html', 'en-bbc-newsbeat': 'html' };

let out: string;
const reports = new Map<string, CheckReport>();
let plain: CheckReport;

beforeAll(async () => {
  out = tempDir('broadside-print-words-');
  const inputs = NAMES.map((name) => path.join(FIXTURES, 'corpus', `${name}.${SOURCES[name]}`));
  const result = await build({ inputs, outDir: out, formats: ['html', 'pdf'] });
  expect(result.articles.filter((a) => !a.ok).map((a) => a.error)).toEqual([]);
  for (const name of NAMES) {
    for (const suffix of ['', '-large-print']) reports.set(`${name}${suffix}`, await check([path.join(out, name, `${name}${suffix}.pdf`)]));
  }
  // The same page printed by Chromium's own tagged page.pdf(), without Broadside's repairs: a PDF that must fail.
  const browser = await launchBrowser();
  const file = path.join(out, NAMES[0]!, 'page-pdf.pdf');
  try {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(path.join(out, NAMES[0]!, 'index.html')).href, { waitUntil: 'load' });
    await page.pdf({ path: file, format: 'A4', tagged: true });
  } finally {
    await browser.close();
  }
  plain = await check([file]);
}, 900_000);

afterAll(async () => {
  if (out) await rm(out, { recursive: true, force: true });
});

describe.each(NAMES.flatMap((name) => [name, `${name}-large-print`]))('%s.pdf', (pdf) => {
  it('runs no words together in its tags', () => {
    const [joined] = findingsOf(reports.get(pdf)!, 'pdf-run-together');
    expect(joined?.examples ?? [], joined?.summary).toEqual([]);
    expect(joined?.status).toBe('pass');
  });

  it('has at least 99 % of the article’s words in tag order', () => {
    const [structure] = findingsOf(reports.get(pdf)!, 'pdf-structure-text');
    expect(structure?.status, `${structure?.summary} ${structure?.examples?.join(' ')}`).toBe('pass');
    expect(Number(/([\d.]+)%/u.exec(structure!.summary)![1])).toBeGreaterThanOrEqual(99);
  });
});

describe('a code block', () => {
  it('is a paragraph of its own in the tags, so its first word does not run on from the text before it', () => {
    for (const suffix of ['', '-large-print']) {
      const tags = execFileSync('pdfinfo', ['-struct-text', path.join(out, 'en-remark-gfm', `en-remark-gfm${suffix}.pdf`)], { encoding: 'utf8' });
      expect(tags).toMatch(/P \(block\)\n\s*Code \(inline\)\n\s*"import rehypeStringify from 'rehype-stringify'/u);
      // Kept on one page: no line of it lost (Paged.js lost ".use(remarkGfm)" splitting it in large print).
      expect(tags).toMatch(/\.use\(remarkParse\)\s+\.use\(remarkGfm\)\s+\.use\(remarkRehype\)/u);
    }
  });
});

describe('the same page printed by Chromium’s plain page.pdf()', () => {
  it('fails both: words lost at line ends and run together', () => {
    const [structure] = findingsOf(plain, 'pdf-structure-text');
    const [joined] = findingsOf(plain, 'pdf-run-together');
    expect(structure?.status).toBe('fail');
    expect(joined?.status).toBe('fail');
    expect(joined?.examples?.join(' ')).toMatch(/“\p{L}+” for “\p{L}+ \p{L}+”/u);
  });
});
