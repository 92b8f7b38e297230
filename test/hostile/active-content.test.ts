import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { launchBrowser } from '../../src/common/browser.js';
import { ARTICLE_BASE, DOCUMENT_URL, lockDown } from '../../src/formats/pdf/lockdown.js';
import { stylePath } from '../../src/styles.js';
import type { Browser } from 'puppeteer';
import { elements, parseHtml, pdfText, tempDir } from './tools.js';

/** A "remote" server on this machine: every request it gets is a load that escaped. */
let server: http.Server;
let origin = '';
const hits: string[] = [];
let browser: Browser;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    hits.push(request.url ?? '');
    response.end('body { color: red }');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server.close(resolve));
});

const METADATA = 'http://169.254.169.254/latest/meta-data/';

function markdownArticle(): string {
  return `# Active content

Safe paragraph before.

<script>fetch('${origin}/script')</script>

<iframe src="${origin}/iframe"></iframe>

<object data="${origin}/object"></object>

<p onclick="fetch('${origin}/onclick')" onmouseover="alert(1)">Paragraph with handlers.</p>

<img src="pic.png" onerror="fetch('${origin}/onerror')" alt="A picture with a handler">

[A script link](javascript:alert(2)), [a shouted one](JaVaScRiPt:alert(3)) and <a href="javascript:alert(4)">a raw one</a>.

<svg onload="fetch('${origin}/svg')"><script>fetch('${origin}/svg-script')</script></svg>

![Metadata](${METADATA}) and ![Passwd](file:///etc/passwd) and ![Protocol relative](//127.0.0.1/x.png)

Safe paragraph after.
`;
}

function hostilePage(): string {
  const words = 'This paragraph is long enough for the article extractor to keep it as the body of the page. '.repeat(4);
  return `<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="0;url=${origin}/refresh">
<base href="${origin}/base/">
<title>A page that reaches out</title>
<link rel="stylesheet" href="${origin}/remote.css">
<style>@import url(file:///etc/passwd); @import url(${origin}/import.css); body { background: url(${origin}/background.png) }</style>
<script src="${origin}/head-script.js"></script>
</head><body>
<article>
<h1>A page that reaches out</h1>
<p>${words}</p>
<p style="background-image: url(${origin}/inline-style.png)">Inline style paragraph. ${words}</p>
<p><img src="file:///etc/passwd" alt="The password file"> <img src="${METADATA}" alt="Cloud metadata"> <img src="relative.png" alt="Relative under a base"></p>
<svg width="10" height="10"><script>fetch('${origin}/svg-script')</script><circle onload="fetch('${origin}/circle')" r="5"/></svg>
<p onclick="fetch('${origin}/click')">Closing paragraph. ${words}</p>
</article>
</body></html>
`;
}

/** What must never be in the published page. */
function assertInert(html: string, outDir: string): void {
  const tree = parseHtml(html);
  const forbidden = elements(tree, (node) => ['script', 'iframe', 'object', 'embed', 'svg', 'style', 'base', 'frame', 'form'].includes(node.tagName));
  expect(forbidden.map((node) => node.tagName)).toEqual([]);
  expect(elements(tree, (node) => node.tagName === 'meta' && 'httpEquiv' in node.properties)).toEqual([]);
  // Our own stylesheet, and nothing else, is linked.
  expect(elements(tree, (node) => node.tagName === 'link').map((node) => node.properties.href)).toEqual(['web.css']);
  for (const node of elements(tree)) {
    for (const [name, value] of Object.entries(node.properties)) {
      expect(name.toLowerCase().startsWith('on'), `${node.tagName} has ${name}`).toBe(false);
      expect(name, `${node.tagName} has a style`).not.toBe('style');
      expect(String(value)).not.toMatch(/javascript:|url\(/i);
    }
    // Anything the page loads by itself is a relative file next to it.
    for (const attribute of ['src', 'srcSet', 'data', 'poster']) {
      const value = node.properties[attribute];
      if (value === undefined) continue;
      expect(String(value), `${node.tagName} ${attribute}`).not.toMatch(/^([a-z][a-z\d+.-]*:|\/\/)/i);
      expect(path.resolve(outDir, String(value)).startsWith(outDir + path.sep)).toBe(true);
    }
  }
}

/** Open the page in Chromium; every request it makes is logged, and only its own folder's files are served. */
async function loadsOfPage(file: string, outDir: string): Promise<{ outside: string[]; dialogs: string[] }> {
  const page = await browser.newPage();
  const outside: string[] = [];
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const url = request.url();
    const local = url.startsWith('file://') && decodeURIComponent(new URL(url).pathname).startsWith(outDir + path.sep);
    if (local) return void request.continue();
    outside.push(url);
    void request.abort('blockedbyclient');
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  // Clicks and hovers would fire handlers, were any left.
  for (const handle of await page.$$('p, a, img')) await handle.hover().catch(() => undefined);
  await page.close();
  return { outside, dialogs };
}

describe('active content and pages that reach out', () => {
  it('publishes Markdown with scripts, frames, objects, handlers and javascript: links as inert text, loading nothing', async () => {
    const dir = tempDir();
    const source = path.join(dir, 'active.md');
    writeFileSync(source, markdownArticle());
    const result = await build({ inputs: [source], outDir: path.join(dir, 'out'), formats: ['html', 'pdf'] });
    const article = result.articles[0]!;
    expect(article.error).toBeUndefined();
    const html = readFileSync(path.join(article.outDir, 'index.html'), 'utf8');
    assertInert(html, article.outDir);
    // The words are all still there.
    for (const words of ['Safe paragraph before.', 'Paragraph with handlers.', 'A script link', 'a raw one', 'Safe paragraph after.']) expect(html).toContain(words);
    const { outside, dialogs } = await loadsOfPage(path.join(article.outDir, 'index.html'), article.outDir);
    expect(outside).toEqual([]);
    expect(dialogs).toEqual([]);
    // The print edition's lockdown logged the loads it refused; none left the machine.
    const blocked = article.warnings.filter((w) => w.includes('blocked a request for'));
    expect(blocked.some((w) => w.includes('169.254.169.254'))).toBe(false);
    expect(pdfText(path.join(article.outDir, article.outputs.pdf!))).toContain('Safe paragraph after.');
    expect(hits).toEqual([]);
  });

  it('publishes a saved page with refresh, base, remote and file: styles and images, inline url() and SVG scripts without any of them', async () => {
    const dir = tempDir();
    const source = path.join(dir, 'reaches-out.html');
    writeFileSync(source, hostilePage());
    const result = await build({ inputs: [source], outDir: path.join(dir, 'out'), formats: ['html', 'pdf'] });
    const article = result.articles[0]!;
    expect(article.error).toBeUndefined();
    const html = readFileSync(path.join(article.outDir, 'index.html'), 'utf8');
    assertInert(html, article.outDir);
    expect(html).not.toContain('/etc/passwd');
    expect(html).not.toContain(`src="${METADATA}"`);
    expect(html).toContain('Closing paragraph.');
    const { outside, dialogs } = await loadsOfPage(path.join(article.outDir, 'index.html'), article.outDir);
    expect(outside).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(pdfText(path.join(article.outDir, article.outputs.pdf!))).toContain('Closing paragraph.');
    expect(hits).toEqual([]);
  });

  it('the print lockdown refuses and logs every load a hostile print page tries, before it leaves the browser', async () => {
    // The print page as if ingest had let everything through: the lockdown alone must hold.
    const articleDir = tempDir();
    writeFileSync(path.join(articleDir, 'inside.png'), readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'pdf', 'rule.png')));
    const html = hostilePage()
      .replace('</article>', `<img src="inside.png" alt="allowed"><img src="../../../../etc/passwd" alt="escape"><iframe src="${METADATA}"></iframe></article>`)
      .replace(`<base href="${origin}/base/">`, `<base href="${ARTICLE_BASE}">`);
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => void dialog.dismiss().then(() => dialogs.push(dialog.message())));
    const { blocked } = await lockDown(page, { html, articleDir, stylesDir: path.dirname(stylePath('print.css')), scripts: {} });
    const served: string[] = [];
    page.on('requestfinished', (request) => served.push(request.url()));
    await page.goto(DOCUMENT_URL, { waitUntil: 'load' });
    // The refresh fires after load; wait until the lockdown has logged it.
    for (let i = 0; i < 50 && !blocked.some((url) => url.startsWith(`${origin}/refresh`)); i++) await new Promise((r) => setTimeout(r, 100));
    await page.close();
    const log = new Set(blocked);
    for (const url of [`${origin}/refresh`, `${origin}/remote.css`, `${origin}/import.css`, `${origin}/inline-style.png`, `${origin}/head-script.js`, METADATA, 'file:///etc/passwd']) {
      expect([...log].some((entry) => entry.startsWith(url)), `${url} in the lockdown log ${[...log].join(', ')}`).toBe(true);
    }
    // Relative paths that climb out of the article folder are refused as well.
    expect([...log].some((entry) => entry.includes('/etc/passwd') && entry.startsWith('https://broadside.invalid/'))).toBe(true);
    expect(served.filter((url) => !url.startsWith('https://broadside.invalid/') && !url.startsWith('data:'))).toEqual([]);
    expect(served.some((url) => url.endsWith('/inside.png'))).toBe(true);
    expect(dialogs).toEqual([]);
    expect(hits).toEqual([]);
  });
});
