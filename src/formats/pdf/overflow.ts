import type { Page } from 'puppeteer';

/**
 * Tables that stick out of the text block after layout, each named by its first cells.
 *
 * The print document decides each table's shape from an estimate of its
 * width (./wide-tables.ts); a house stylesheet with other fonts, sizes or
 * margins can prove the estimate wrong, and then a table runs into the margin
 * or off the paper. This finds those after layout, so the build can say so.
 */
export async function overflowingTables(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found = new Map<string, string>();
    for (const table of Array.from(document.querySelectorAll<HTMLTableElement>('.pagedjs_pages table'))) {
      const area = table.closest('.pagedjs_page_content');
      if (!area) continue;
      const box = area.getBoundingClientRect();
      const own = table.getBoundingClientRect();
      // A point of slack: borders are drawn half outside the box.
      if (own.right <= box.right + 1.5 && own.left >= box.left - 1.5) continue;
      // Fragments of one table on several pages share Paged.js's data-ref.
      const key = table.dataset.ref ?? String(found.size);
      const cells = Array.from(table.querySelectorAll('th, td'), (cell) => (cell.textContent ?? '').replace(/\s+/g, ' ').trim());
      if (!found.has(key)) found.set(key, cells.slice(0, 3).join(', '));
    }
    return [...found.values()];
  });
}
