import type { Page } from 'puppeteer';

/**
 * The article must never lose words silently between the print document and
 * the paper. Paged.js can drop content without a word: a right-to-left page
 * once pushed everything after page 1 into an overflow column nobody printed.
 * The document's letters are counted before layout; after it, the text that
 * lies outside every page's content area is what the PDF would lose, and so
 * is any shortfall in the letters the pages hold. In the page, from the layout itself: no second layout,
 * no PDF reader in the build.
 */

/** How many letters (non-space characters) the print document's body holds, before Paged.js moves it into pages. */
export async function lettersBeforeLayout(page: Page): Promise<number> {
  return page.evaluate(() => (document.body.textContent ?? '').replace(/\s+/g, '').length);
}

export interface LayoutLoss {
  /** Words of text that lies outside every page's content area (cut off, or in an overflow nobody prints). */
  hidden: string[];
  /** Letters of the document that are on no page at all. */
  dropped: number;
}

/** What the pages do not show of the document that was laid out. */
export async function lostInLayout(page: Page, lettersBefore: number): Promise<LayoutLoss> {
  const { hidden, shown } = await page.evaluate(() => {
    const hidden: string[] = [];
    let shown = 0;
    const pages = document.querySelector('.pagedjs_pages');
    if (!pages) return { hidden, shown };
    const walker = document.createTreeWalker(pages, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const area = node.parentElement?.closest('.pagedjs_page_content');
      const text = node.textContent ?? '';
      if (!area || !text.trim()) continue;
      const box = area.getBoundingClientRect();
      range.selectNodeContents(node);
      const rects = Array.from(range.getClientRects()).filter((rect) => rect.width > 0 || rect.height > 0);
      // Two points of slack: glyphs and borders sit a little outside their boxes.
      const inside = rects.some((rect) => rect.right > box.left - 2 && rect.left < box.right + 2 && rect.bottom > box.top - 2 && rect.top < box.bottom + 2);
      if (inside) shown += text.replace(/\s+/g, '').length;
      else hidden.push(...text.split(/\s+/).filter(Boolean));
    }
    return { hidden, shown };
  });
  const dropped = Math.max(0, lettersBefore - shown - hidden.join('').length);
  return { hidden, dropped };
}
