import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { JSDOM } from 'jsdom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build/build.js';
import { checkPage } from '../../src/check/page-audit.js';
import { launchBrowser, type Browser } from '../helpers/browser.js';
import { FIXTURES, tempDir } from '../helpers/fixtures.js';

// Tables as real pages and READMEs write them: no <th> at all (column names in bold, or none),
// a blank corner cell, a Markdown header line left blank.
const SOURCES = ['headless-tables.html', 'blank-header.md'].map((name) => path.join(FIXTURES, 'tables', name));

let out: string;
let browser: Browser;
const pages: Record<string, { file: string; document: Document }> = {};

beforeAll(async () => {
  out = tempDir('broadside-table-headers-');
  const result = await build({ inputs: SOURCES, outDir: out, formats: ['html'] });
  expect(result.articles.map((a) => a.error)).toEqual([undefined, undefined]);
  for (const article of result.articles) {
    const file = path.join(article.outDir, 'index.html');
    pages[path.basename(article.outDir)] = { file, document: new JSDOM(await readFile(file, 'utf8')).window.document };
  }
  browser = await launchBrowser({});
}, 300_000);

afterAll(async () => {
  await browser?.close();
  if (out) await rm(out, { recursive: true, force: true });
});

const rowsOf = (table: Element) => [...table.querySelectorAll('tr')].map((row) => [...row.children].map((cell) => `${cell.localName}:${cell.textContent!.trim()}`));

describe('table header cells on the page', () => {
  it('makes a bold first row the header of a table that had none, and leaves a plain one as data', () => {
    const [standings, schedule, prizes] = [...pages['headless-tables']!.document.querySelectorAll('article table')];
    expect(rowsOf(standings!)[0]).toEqual(['th:Pos.', 'th:Driver', 'th:Points']);
    expect(rowsOf(standings!)).toHaveLength(3);
    expect(rowsOf(schedule!)).toEqual([['td:February', 'td:Daytona'], ['td:March', 'td:Atlanta']]);
    expect(schedule!.querySelector('thead')).toBeNull();
    expect(rowsOf(prizes!)).toEqual([['td:', 'th:2019', 'th:2020'], ['th:First', 'td:1500', 'td:1600'], ['td:', 'td:800', 'td:850']]);
  });

  it('drops a Markdown header line left blank, and keeps a blank corner as a plain cell', () => {
    const [blank, corner] = [...pages['blank-header']!.document.querySelectorAll('article table')];
    expect(rowsOf(blank!)).toEqual([['td:Apples', 'td:3'], ['td:Pears', 'td:5']]);
    expect(rowsOf(corner!)[0]).toEqual(['td:', 'th:Price']);
  });

  it('leaves no empty header cell: axe and HTML_CodeSniffer find nothing', async () => {
    for (const { file, document } of Object.values(pages)) {
      expect([...document.querySelectorAll('th')].filter((th) => !th.textContent!.trim())).toEqual([]);
      expect(await checkPage(browser, pathToFileURL(file).href)).toEqual([]);
    }
  }, 120_000);
});
