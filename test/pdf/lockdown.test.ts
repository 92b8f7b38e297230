import { mkdtempSync, symlinkSync, copyFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'puppeteer';
import { BrowserNotFoundError, findBrowser, launchBrowser } from '../../src/common/browser.js';
import { ARTICLE_BASE, DOCUMENT_URL, lockDown } from '../../src/formats/pdf/lockdown.js';
import { layOut, LayoutTimeoutError, PAGED_SCRIPT, pagedScriptPath } from '../../src/formats/pdf/paged.js';
import { renderPdf } from '../../src/formats/pdf/render-pdf.js';
import { FIXTURE_DIR, handoutDocument, pdfInfo } from './helpers.js';

let browser: Browser;
let articleDir: string;

beforeAll(async () => {
  browser = await launchBrowser();
  articleDir = mkdtempSync(path.join(tmpdir(), 'broadside-lockdown-'));
  copyFileSync(path.join(FIXTURE_DIR, 'chart.png'), path.join(articleDir, 'chart.png'));
  writeFileSync(path.join(articleDir, 'evil.js'), 'window.articleScriptRan = true;');
  symlinkSync('/etc/hostname', path.join(articleDir, 'leak.png'));
});

afterAll(async () => {
  await browser?.close();
});

const HOSTILE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><base href="${ARTICLE_BASE}">
<link rel="stylesheet" href="https://example.com/remote.css">
</head><body>
<img id="inside" src="chart.png" alt="chart">
<img id="remote" src="https://example.com/tracker.png" alt="">
<img id="dotdot" src="%2e%2e/%2e%2e/%2e%2e/etc/hostname" alt="">
<img id="symlink" src="leak.png" alt="">
<script>window.inlineScriptRan = true;</script>
<script src="evil.js"></script>
<iframe src="https://example.com/"></iframe>
<img src="x" onerror="window.handlerRan = true" alt="">
</body></html>`;

describe('the locked-down print page', () => {
  it('serves the article folder and refuses the network, escapes and article scripts', async () => {
    const context = await browser.createBrowserContext();
    try {
      const page = await context.newPage();
      const { blocked } = await lockDown(page, {
        html: HOSTILE,
        articleDir,
        stylesDir: path.resolve('styles'),
        scripts: { [PAGED_SCRIPT]: pagedScriptPath() },
      });
      await page.goto(DOCUMENT_URL, { waitUntil: 'load' });
      const state = await page.evaluate(() => {
        const loaded = (id: string) => (document.getElementById(id) as HTMLImageElement).naturalWidth > 0;
        const flags = window as unknown as Record<string, unknown>;
        return {
          inside: loaded('inside'),
          remote: loaded('remote'),
          dotdot: loaded('dotdot'),
          symlink: loaded('symlink'),
          scripts: [flags.inlineScriptRan === true, flags.articleScriptRan === true, flags.handlerRan === true],
        };
      });
      expect(state).toEqual({ inside: true, remote: false, dotdot: false, symlink: false, scripts: [false, false, false] });
      // Remote URLs and article scripts are stopped by the page's CSP before they are even requested;
      // what is requested is answered only from the permitted folders.
      expect(blocked).toEqual(expect.arrayContaining([`${ARTICLE_BASE}leak.png`, 'https://broadside.invalid/etc/hostname']));
      // Our own script is served; Paged.js then loads as usual.
      await page.addScriptTag({ url: `https://broadside.invalid/_broadside/${PAGED_SCRIPT}` });
      expect(await page.evaluate(() => typeof (window as unknown as { Paged?: unknown }).Paged)).toBe('object');
    } finally {
      await context.close();
    }
  });
});

describe('layout limits', () => {
  it('ends a layout that takes too long with a clear error', async () => {
    const context = await browser.createBrowserContext();
    try {
      const page = await context.newPage();
      await lockDown(page, { html: '<p>x</p>', articleDir, stylesDir: path.resolve('styles'), scripts: { [PAGED_SCRIPT]: pagedScriptPath() } });
      const error = await layOut(page, 1, new AbortController().signal).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LayoutTimeoutError);
      expect((error as Error).message).toMatch(/did not finish laying out.*renderTimeoutMs/);
    } finally {
      await context.close();
    }
  });

  it('stops on abort and leaves no browser context behind', async () => {
    const before = browser.browserContexts().length;
    const controller = new AbortController();
    const rendering = renderPdf(browser, handoutDocument(), { variant: 'standard', paper: 'a4', timeoutMs: 60_000, signal: controller.signal });
    setImmediate(() => controller.abort(new Error('interrupted')));
    await expect(rendering).rejects.toThrow();
    expect(browser.browserContexts().length).toBe(before);
  });
});

describe('paper size', () => {
  it('prints on US Letter when asked', async () => {
    const { bytes } = await renderPdf(browser, handoutDocument(), { variant: 'standard', paper: 'letter', timeoutMs: 120_000, signal: new AbortController().signal });
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'broadside-letter-')), 'letter.pdf');
    writeFileSync(file, bytes);
    expect(pdfInfo(file)['Page size']).toMatch(/612 x 792 pts \(letter\)/);
    expect(browser.browserContexts().length).toBe(1);
  });
});

describe('finding a browser', () => {
  it('uses an explicit path, and says how to get a browser when it is missing', () => {
    expect(findBrowser('/usr/bin/chromium', {})).toBe('/usr/bin/chromium');
    expect(() => findBrowser('/nowhere/chrome', {})).toThrow(BrowserNotFoundError);
    expect(() => findBrowser('/nowhere/chrome', {})).toThrow(/apt-get install -y chromium.*--browser PATH or BROADSIDE_BROWSER/);
  });

  it('honours BROADSIDE_BROWSER, then falls back to an installed browser', () => {
    expect(() => findBrowser(undefined, { BROADSIDE_BROWSER: '/nowhere/chrome' })).toThrow(/nowhere/);
    expect(findBrowser(undefined, {})).toMatch(/chrom/i);
  });
});
