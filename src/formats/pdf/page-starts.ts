import type { Page } from 'puppeteer';
import type { PrintPagesHandoff } from '../edition.js';

export type PageStart = PrintPagesHandoff['pages'][number];

/**
 * Where each laid-out page begins, read from Paged.js's pages after layout:
 * the last sentence (`span.s` with its id: later fragments of a split sentence
 * carry `data-id` instead) that began at or before the page's first words, and
 * how many visible characters after that sentence's start the page begins.
 * Print-only text (link addresses, the note before a turned table, the title
 * and byline) is not counted, nor are white space and the task-list boxes, so
 * the web page and the EPUB can find the same place in their own copy of the
 * body (src/formats/epub/page-breaks.ts counts the same way).
 */
export async function printPageStarts(page: Page): Promise<PageStart[]> {
  return page.evaluate(() => {
    const INVISIBLE = /[\s\u200b\u00ad\u2060\ufeff\u2610\u2611]/gu;
    const SKIPPED = '.print-url, .table-note, .masthead, [data-footnote-backref], style, script';
    const starts: { page: number; anchor: string | null; offset: number }[] = [];
    let anchor: string | null = null;
    let count = 0;
    const pages = Array.from(document.querySelectorAll('.pagedjs_pages > .pagedjs_page'));
    pages.forEach((pageElement, index) => {
      const content = pageElement.querySelector('.pagedjs_page_content') ?? pageElement;
      let recorded = index === 0;
      if (index === 0) starts.push({ page: 1, anchor: null, offset: 0 });
      const walker = document.createTreeWalker(content, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
        acceptNode: (node) => (node instanceof Element && node.matches(SKIPPED) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
      });
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node instanceof Element) {
          if (node.matches('span.s[id]')) {
            anchor = node.id;
            count = 0;
          }
          if (node.localName !== 'img') continue;
        }
        const visible = node instanceof Element ? 1 : (node.textContent ?? '').replace(INVISIBLE, '').length;
        if (!visible) continue;
        if (!recorded) starts.push({ page: index + 1, anchor, offset: count });
        recorded = true;
        count += visible;
      }
      // A page with nothing countable on it (a lone decorative rule) begins where the next words do.
      if (!recorded) starts.push({ page: index + 1, anchor, offset: count });
    });
    return starts;
  });
}
