import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, SEED } from '../helpers/fixtures.js';
import { describeViolations, launchBrowser, runAxe, type Browser } from '../helpers/browser.js';
import { brfPages, renderBraille } from './helpers.js';

let browser: Browser;
const previews: Record<string, { url: string; pages: number }> = {};

beforeAll(async () => {
  browser = await launchBrowser();
  for (const [name, source] of [
    ['the seed', SEED],
    ['the Arabic article', path.join(FIXTURES, 'rtl-article.md')],
  ]) {
    const run = await renderBraille(source);
    previews[name] = { url: pathToFileURL(path.join(run.outDir, run.outputs.braillePreview)).href, pages: brfPages(run.brf).length };
  }
});

afterAll(async () => {
  await browser?.close();
});

describe.each(['the seed', 'the Arabic article'])('the braille preview of %s', (name) => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`has no axe violations in Chromium (${scheme})`, async () => {
      const page = await browser.newPage();
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
      await page.goto(previews[name].url);
      const violations = await runAxe(page);
      await page.close();
      expect(violations, describeViolations(violations)).toEqual([]);
    });
  }

  it('has one labelled section per braille page, in order, and a link to the BRF', async () => {
    const page = await browser.newPage();
    await page.goto(previews[name].url);
    const structure = await page.evaluate(() => ({
      headings: [...document.querySelectorAll('main section h2')].map((h) => h.textContent),
      labelled: [...document.querySelectorAll('main section')].every((s) => document.getElementById(s.getAttribute('aria-labelledby') ?? '')?.tagName === 'H2'),
      cells: [...document.querySelectorAll('pre')].every((pre) => /^[\u2800-\u283f\n]+$/.test(pre.textContent ?? '')),
      brf: document.querySelector('header a')?.getAttribute('href'),
      lang: document.documentElement.lang,
    }));
    await page.close();
    expect(structure.headings).toHaveLength(previews[name].pages);
    expect(structure.headings[0]).toBe('Braille page 1 (title page)');
    expect(structure.headings.at(-1)).toBe(`Braille page ${previews[name].pages}`);
    expect(structure).toMatchObject({ labelled: true, cells: true, lang: 'en' });
    expect(structure.brf).toMatch(/\.brf$/);
  });

  it('reflows at 320 CSS px: the page does not scroll sideways (a braille page scrolls in its own box)', async () => {
    const page = await browser.newPage();
    await page.setViewport({ width: 320, height: 800 });
    await page.goto(previews[name].url);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    await page.close();
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
