import type { Page } from 'puppeteer';

/**
 * How the print DOM tells the PDF post-processor which structure elements are
 * the same article element.
 *
 * Chromium builds the PDF structure tree from its accessibility tree, one page
 * at a time, so an element that Paged.js splits across pages becomes two
 * structure elements, and nothing in the PDF says they belong together. The one
 * per-element value Chromium copies through is the language (/Lang). So, after
 * layout and before printing, every article element gets a private-use language
 * subtag naming it (`en-GB-x-b7`): every fragment of one element carries the
 * same name. The post-processor merges by that name and puts the real language
 * back. The primary language is unchanged, so nothing is shaped differently.
 */
export const IDENTITY_SUBTAG = /-x-b([0-9a-z]+)$/;

export interface TaggingMarks {
  /** The element's own `lang` attribute before marking, by identity index; null when it had none. */
  ownLang: (string | null)[];
  /** Expansions of abbreviations (`<abbr title>`), by identity index. */
  expansions: Record<number, string>;
  /**
   * Code blocks (`<pre>`), by identity index: Chromium tags one as a plain Div, which the rewrite dissolves, and
   * its Code then runs on into the paragraph before it ("1Panel:curl"); it is kept, as a P.
   */
  blocks?: number[];
}

/** Runs inside the page after Paged.js has laid it out. */
export async function markForTagging(page: Page): Promise<TaggingMarks> {
  return page.evaluate(() => {
    const pages = document.querySelector('.pagedjs_pages');
    if (!pages) throw new Error('Paged.js produced no pages');
    const documentLang = document.documentElement.getAttribute('lang') || 'und';
    const elements = Array.from(pages.querySelectorAll<HTMLElement>('[data-ref]'));
    // Read every original language first: marking an ancestor must not change what a descendant inherits.
    const original = elements.map((element) => element.getAttribute('lang'));
    const inherited = elements.map((element) => element.parentElement?.closest('[lang]')?.getAttribute('lang') ?? documentLang);
    const indexByRef = new Map<string, number>();
    const ownLang: (string | null)[] = [];
    const expansions: Record<number, string> = {};
    const blocks: number[] = [];
    elements.forEach((element, i) => {
      const ref = element.dataset.ref!;
      let index = indexByRef.get(ref);
      if (index === undefined) {
        index = ownLang.length;
        indexByRef.set(ref, index);
        ownLang.push(original[i]);
        const title = element.getAttribute('title')?.trim();
        if (element.localName === 'abbr' && title) expansions[index] = title;
        if (element.localName === 'pre') blocks.push(index);
      }
      const base = (original[i] ?? inherited[i]).replace(/-x-.*$/i, '');
      element.setAttribute('lang', `${base}-x-b${index.toString(36)}`);
    });
    // Chromium names a Figure from aria-label, not from alt; an image without alt is decoration.
    for (const image of Array.from(pages.querySelectorAll('img'))) {
      const alt = image.getAttribute('alt')?.trim();
      if (alt) image.setAttribute('aria-label', alt);
      else image.setAttribute('aria-hidden', 'true');
    }
    return { ownLang, expansions, blocks };
  });
}
