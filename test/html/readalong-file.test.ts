import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build/build.js';
import { checkPage } from '../../src/check/page-audit.js';
import { launchBrowser, type Browser } from '../helpers/browser.js';

let out: string;
let url: string;
let browser: Browser;
let pages: string[];
const PAGES = 'test/fixtures/page';

beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'broadside-readalong-file-'));
  const result = await build({ inputs: ['test/fixtures/audio/structures.md'], outDir: out, formats: ['audio', 'html'] });
  expect(result.articles[0]?.error).toBeUndefined();
  url = pathToFileURL(path.join(result.articles[0]!.outDir, 'index.html')).href;
  // Real READMEs and docs pages (footnotes, tables, badge and image links, images without alt, links to missing ids) and real saved news pages.
  pages = (await readdir(PAGES)).filter((name) => /\.(md|html)$/u.test(name)).map((name) => path.join(PAGES, name));
  const pageBuild = await build({ inputs: pages, outDir: out, formats: ['html'] });
  expect(pageBuild.articles.map((a) => a.error)).toEqual(pages.map(() => undefined));
  browser = await launchBrowser({});
}, 600_000);

afterAll(async () => {
  await browser?.close();
  if (out) await rm(out, { recursive: true, force: true });
});

describe('the read-along, opened from disk (file:)', () => {
  it('highlights the sentence at the current time', async () => {
    const page = await browser.newPage();
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForSelector('.s.seekable');
    const { id, start } = await page.evaluate(() => {
      const cues = JSON.parse(document.getElementById('readalong-cues')!.textContent!) as [string, number, number][];
      const [id, start, end] = cues[Math.floor(cues.length / 2)]!;
      return { id, start: (start + end) / 2 };
    });
    await page.evaluate((t) => void ((document.getElementById('narration') as HTMLAudioElement).currentTime = t), start);
    await page.waitForFunction((cueId) => document.getElementById(cueId)?.classList.contains('reading'), { timeout: 20_000 }, id);
    expect(await page.$$eval('.reading', (els) => els.map((e) => e.id))).toEqual([id]);
    await page.close();
  });

  it('seeks from the keyboard: Tab to a sentence, arrow to the next, Enter listens from it', async () => {
    const page = await browser.newPage();
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForSelector('.s.seekable');
    const first = await page.$eval('.s.seekable[tabindex="0"]', (e) => e.id);
    await page.focus(`#${first}`);
    await page.keyboard.press('ArrowDown');
    const second = await page.evaluate(() => document.activeElement?.id);
    expect(second).not.toBe(first);
    await page.keyboard.press('Enter');
    const expected = await page.evaluate((id) => (JSON.parse(document.getElementById('readalong-cues')!.textContent!) as [string, number][]).find((c) => c[0] === id)![1], second!);
    await page.waitForFunction((t) => Math.abs((document.getElementById('narration') as HTMLAudioElement).currentTime - t) < 0.5, { timeout: 20_000 }, expected);
    await page.close();
  });

  it('names the player, and has 0 axe violations and 0 HTML_CodeSniffer errors, with audio and on real READMEs and saved pages', async () => {
    const page = await browser.newPage();
    await page.goto(url);
    expect(await page.$eval('#narration', (a) => a.getAttribute('aria-label'))).toMatch(/^Narration: /);
    await page.close();
    for (const name of ['structures', ...pages.map((file) => path.basename(file, path.extname(file)))]) {
      const findings = await checkPage(browser, pathToFileURL(path.join(out, name, 'index.html')).href);
      expect(findings, name).toEqual([]);
    }
  }, 180_000);
});
