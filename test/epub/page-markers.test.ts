import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ElementContent } from 'hast';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertPageBreaks, pageBreakMarker } from '../../src/render/page-breaks.js';
import { build } from '../../src/index.js';
import { type Browser, describeViolations, launchBrowser, runAxe } from '../helpers/browser.js';
import { FIXTURES, tempDir } from '../helpers/fixtures.js';
import { letters, pdfPageText, pdfPages } from './helpers.js';

describe('page-break markers', () => {
  const marker = (page: number) => pageBreakMarker(page, 'en', { className: ['pb'] });
  const body = (): ElementContent[] => [
    h('p', [h('span', { className: ['s'], id: 's-1' }, 'One two three.'), ' ', h('span', { className: ['s'], id: 's-2' }, ['Four ', h('a', { href: 'https://example.org' }, 'five'), ' six.'])]),
    h('pre', h('code', 'code here')),
    h('p', [h('img', { src: 'a.png', alt: 'A' }), h('span', { className: ['s'], id: 's-3' }, 'Seven.')]),
  ];
  const html = (nodes: ElementContent[]) => toHtml({ type: 'root', children: nodes });

  it('go before the word a page begins with, even mid-sentence or inside a link', () => {
    const nodes = body();
    // "fi|ve": s-2 has "Four" (4) then "five": the page begins at "five" (offset 4).
    insertPageBreaks(nodes, [{ page: 1, anchor: null, offset: 0 }, { page: 2, anchor: 's-2', offset: 4 }], marker);
    expect(html(nodes)).toContain('Four <a href="https://example.org"><span id="print-page-2" role="doc-pagebreak" title="2" aria-label="Page 2" class="pb"></span>five</a>');
    expect(html(nodes)).not.toContain('print-page-1');
  });

  it('go before a sentence that starts a page, before code and images without sentences, and at the end when not found', () => {
    const nodes = body();
    insertPageBreaks(
      nodes,
      [
        { page: 2, anchor: 's-2', offset: 0 },
        { page: 3, anchor: 's-2', offset: 12 },
        { page: 4, anchor: 's-2', offset: 20 },
        { page: 5, anchor: 's-9', offset: 0 },
      ],
      marker,
    );
    const text = html(nodes);
    expect(text).toContain('<span id="print-page-2" role="doc-pagebreak" title="2" aria-label="Page 2" class="pb"></span><span class="s" id="s-2">');
    expect(text).toContain('<pre><code><span id="print-page-3"');
    expect(text).toContain('<p><span id="print-page-4" role="doc-pagebreak" title="4" aria-label="Page 4" class="pb"></span><img');
    expect(text.endsWith('<span id="print-page-5" role="doc-pagebreak" title="5" aria-label="Page 5" class="pb"></span>')).toBe(true);
  });
});

describe('the web page of a four-page handout (print and page only, no narration)', () => {
  let folder: string;
  let browser: Browser | undefined;
  beforeAll(async () => {
    const out = tempDir('broadside-page-markers-');
    const result = await build({ inputs: [path.join(FIXTURES, 'pdf', 'handout.md')], outDir: out, formats: ['pdf', 'html'] });
    expect(result.articles[0]?.error).toBeUndefined();
    folder = result.articles[0]!.outDir;
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('marks each page of the PDF before its first words, mid-sentence and before an image too', () => {
    const html = readFileSync(path.join(folder, 'index.html'), 'utf8');
    const pdf = path.join(folder, 'handout.pdf');
    const pages = pdfPages(pdf);
    expect(pages).toBeGreaterThanOrEqual(3);
    const title = letters('Keeping the Parish Record');
    let midSentence = 0;
    for (let page = 2; page <= pages; page++) {
      const at = html.indexOf(`id="print-page-${page}"`);
      expect(at, `page ${page}`).toBeGreaterThan(0);
      const tagStart = html.lastIndexOf('<', at);
      // Inside a sentence: the marker's nearest enclosing open span is a sentence.
      if (/<span class="s" id="s-\d+">[^<]*$/u.test(html.slice(0, tagStart))) midSentence += 1;
      const after = letters(html.slice(html.indexOf('>', at) + 1).replace(/<[^>]*>/gu, ' ').replace(/&amp;/gu, '&'));
      let printed = letters(pdfPageText(pdf, page));
      if (printed.startsWith(title)) printed = printed.slice(title.length);
      expect(after.slice(0, 12), `page ${page}`).toBe(printed.slice(0, 12));
    }
    expect(midSentence).toBeGreaterThan(0);
    expect(html.indexOf('id="print-page-1"')).toBeLessThan(html.indexOf('<h1'));
  });

  it('has no axe violations with the markers', async () => {
    browser = await launchBrowser();
    const page = await browser.newPage();
    await page.goto(pathToFileURL(path.join(folder, 'index.html')).href);
    const violations = await runAxe(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  });
});
