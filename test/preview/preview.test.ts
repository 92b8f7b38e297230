import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreview, type Preview } from '../../src/preview/server.js';
import { type Browser, launchBrowser } from '../helpers/browser.js';
import { SEED, tempDir } from '../helpers/fixtures.js';

let preview: Preview;
let article: string;
let browser: Browser;
const rebuilds: string[] = [];

/** GET a raw path, without the URL normalisation fetch() would do. */
function rawGet(url: string, rawPath: string): Promise<number> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    request({ hostname, port, path: rawPath }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    })
      .on('error', reject)
      .end();
  });
}

/** Wait for the next reload event on the preview's event stream. */
async function nextReload(url: string, trigger: () => void): Promise<string> {
  const response = await fetch(new URL('/_broadside/events', url));
  const reader = response.body!.getReader();
  await reader.read(); // ": connected"
  trigger();
  let text = '';
  while (!text.includes('event: reload')) {
    const { value, done } = await reader.read();
    if (done) break;
    text += new TextDecoder().decode(value);
  }
  await reader.cancel();
  return text;
}

beforeAll(async () => {
  const work = tempDir();
  article = path.join(work, 'handout.txt');
  copyFileSync(SEED, article);
  preview = await startPreview({
    source: article,
    outDir: path.join(work, 'out'),
    formats: ['html'],
    port: 0,
    onRebuild: (_result, changed) => rebuilds.push(changed ?? 'initial'),
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await preview?.close();
  await browser?.close();
});

describe('broadside preview', () => {
  it('listens on 127.0.0.1 by default and serves the built page', async () => {
    expect(new URL(preview.url).hostname).toBe('127.0.0.1');
    const response = await fetch(preview.url);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<h1 id="title">');
    expect(html).toContain('/_broadside/events');
    expect((await fetch(new URL('web.css', preview.url))).headers.get('content-type')).toMatch(/text\/css/);
  });

  it('refuses paths outside the article output', async () => {
    expect(await rawGet(preview.url, '/../../../../etc/passwd')).toBe(404);
    expect(await rawGet(preview.url, '/%2e%2e/%2e%2e/%2e%2e/etc/passwd')).toBe(404);
    expect(await rawGet(preview.url, '/article/..%2f..%2f..%2fetc%2fpasswd')).toBe(404);
  });

  it('paginates the print preview with Paged.js in a real browser', async () => {
    const page = await browser.newPage();
    await page.goto(new URL('/_broadside/print', preview.url).href);
    await page.waitForSelector('.pagedjs_page', { timeout: 60_000 });
    await page.waitForFunction(() => document.querySelectorAll('.pagedjs_page').length > 1, { timeout: 60_000 });
    const pages = await page.$$eval('.pagedjs_page', (nodes) => nodes.length);
    await page.close();
    expect(pages).toBeGreaterThan(1);
  });

  it('rebuilds when the article changes and tells open pages to reload', async () => {
    const marker = 'A sentence edited while the preview was open, to see it rebuild.';
    const edit = () => writeFileSync(article, readFileSync(article, 'utf8').replace('Every war, whether inter or intrastate posses horrific consequences.', marker));
    const event = await nextReload(preview.url, edit);
    expect(event).toContain('"ok":true');
    await preview.settled();
    expect(rebuilds.at(-1)).toBe(article);
    expect(await (await fetch(preview.url)).text()).toContain(marker);
  });

  it('rebuilds when a lexicon next to the article appears', async () => {
    const lexicon = path.join(path.dirname(article), 'handout.lexicon.yaml');
    await nextReload(preview.url, () =>
      writeFileSync(lexicon, '- term: IS-K\n  expansion: Islamic State Khorasan Province, as this handout spells it\n  say: I S K\n'),
    );
    await preview.settled();
    expect(await (await fetch(preview.url)).text()).toContain('as this handout spells it');
  });
});
