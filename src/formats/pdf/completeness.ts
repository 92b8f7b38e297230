import type { Page } from 'puppeteer';

/**
 * The article must never lose words silently between the print document and
 * the paper. Paged.js can drop content without a word: a right-to-left page
 * once pushed everything after page 1 into an overflow column nobody printed.
 * The words of the document are read before layout, and again after it, from
 * the text that lies inside some page's content area; the difference is what
 * the PDF would lose. In the page, from the layout itself: no second layout,
 * no PDF reader in the build.
 */

/** The words of the print document's body, before Paged.js moves it into pages. */
export async function wordsBeforeLayout(page: Page): Promise<string[]> {
  return page.evaluate(() => (document.body.textContent ?? '').split(/\s+/).filter(Boolean));
}

/** The words of `expected` that no page shows after layout (each as often as it is lost). */
export async function wordsLostInLayout(page: Page, expected: string[]): Promise<string[]> {
  const shown = await page.evaluate(() => {
    const words: string[] = [];
    const pages = document.querySelector('.pagedjs_pages');
    if (!pages) return words;
    const walker = document.createTreeWalker(pages, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const area = node.parentElement?.closest('.pagedjs_page_content');
      if (!area || !node.textContent?.trim()) continue;
      const box = area.getBoundingClientRect();
      range.selectNodeContents(node);
      const rects = Array.from(range.getClientRects()).filter((rect) => rect.width > 0 || rect.height > 0);
      // Two points of slack: glyphs and borders sit a little outside their boxes.
      const inside = rects.some((rect) => rect.right > box.left - 2 && rect.left < box.right + 2 && rect.bottom > box.top - 2 && rect.top < box.bottom + 2);
      if (inside) words.push(...node.textContent.split(/\s+/).filter(Boolean));
    }
    return words;
  });
  const available = new Map<string, number>();
  for (const word of shown) available.set(word, (available.get(word) ?? 0) + 1);
  const lost: string[] = [];
  for (const word of expected) {
    const count = available.get(word) ?? 0;
    if (count > 0) available.set(word, count - 1);
    else lost.push(word);
  }
  return lost;
}
