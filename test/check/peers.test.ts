import { rm } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check } from '../../src/check/index.js';
import type { CheckReport } from '../../src/check/types.js';
import { launchBrowser } from '../helpers/browser.js';
import { FIXTURES } from '../helpers/fixtures.js';
import { buildArticle, findingsOf, pagedjsCliPdf } from './helpers.js';

// A real article (heise online, from mozilla/readability's test pages), printed three ways.
const SOURCE = path.join(FIXTURES, 'corpus', 'de-heise-1password.html');

let folder: string;
let ours: CheckReport;
let pagedjs: CheckReport;
let plain: CheckReport;

beforeAll(async () => {
  folder = await buildArticle(SOURCE, ['html', 'pdf']);
  const peer = await pagedjsCliPdf(SOURCE, folder);
  const browser = await launchBrowser();
  const plainPdf = path.join(folder, 'page-pdf.pdf');
  try {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(path.join(folder, 'index.html')).href, { waitUntil: 'load' });
    await page.pdf({ path: plainPdf, format: 'A4', displayHeaderFooter: true });
  } finally {
    await browser.close();
  }
  [ours, pagedjs, plain] = [await check([path.join(folder, 'de-heise-1password.pdf')]), await check([peer]), await check([plainPdf])];
}, 600_000);

afterAll(async () => {
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe('a PDF made by pagedjs-cli', () => {
  it('fails, and the report names its untagged running heads and page numbers in words', () => {
    expect(pagedjs.ok).toBe(false);
    const [untagged] = findingsOf(pagedjs, 'pdf-untagged-content');
    expect(untagged?.status).toBe('fail');
    expect(untagged?.summary).toMatch(/running heads at the top of the page \(“1Password für Mac generiert Einmal-Passwörter”\)/u);
    expect(untagged?.summary).toMatch(/page numbers \(“[^”]*1[^”]*”/u);
    expect(untagged?.impact).toMatch(/screen reader/iu);
    expect(untagged?.fix).toMatch(/Artifact/u);
  });

  it('is compared with the article’s page beside it, word for word', () => {
    const [structure] = findingsOf(pagedjs, 'pdf-structure-text');
    expect(structure?.status).not.toBe('skip');
    expect(structure?.summary).toMatch(/of the article’s [\d,]+ words/u);
  });

  it('where Broadside’s own PDF of the same article has its margins marked as artifacts', () => {
    expect(findingsOf(ours, 'pdf-untagged-content')[0]?.status).toBe('pass');
    expect(findingsOf(ours, 'pdf-bookmarks')[0]?.status).toBe('pass');
  });
});

describe('a PDF made by Chromium’s plain page.pdf()', () => {
  it('fails, naming the missing bookmarks and PDF/UA claim', () => {
    expect(plain.ok).toBe(false);
    const [bookmarks] = findingsOf(plain, 'pdf-bookmarks');
    expect(bookmarks?.status).toBe('fail');
    expect(bookmarks?.summary).toMatch(/^No bookmarks, for \d+ headings? in the page\./u);
    expect(bookmarks?.examples?.join(' ')).toContain('1Password für Mac generiert Einmal-Passwörter');
    expect(findingsOf(plain, 'pdf-ua-claim')[0]?.status).toBe('fail');
  });

  it('and names the words its tags lose or run together', () => {
    const structure = findingsOf(plain, 'pdf-structure-text')[0]!;
    const joined = findingsOf(plain, 'pdf-run-together')[0]!;
    expect([structure.status, joined.status]).toContain('fail');
    const failing = [structure, joined].find((f) => f.status === 'fail')!;
    expect(failing.examples?.length).toBeGreaterThan(0);
  });
});
