import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'puppeteer';
import { DOCUMENT_URL, SCRIPT_BASE } from './lockdown.js';
import { lettersBeforeLayout } from './completeness.js';

/** Absolute path of Paged.js's browser build. */
export function pagedScriptPath(): string {
  // The package's exports map hides dist/ and package.json, so resolve its
  // entry point and walk up to the package root.
  const require = createRequire(import.meta.url);
  let dir = path.dirname(require.resolve('pagedjs'));
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return path.join(dir, 'dist', 'paged.js');
}

export const PAGED_SCRIPT = 'paged.js';

export class LayoutTimeoutError extends Error {
  constructor(ms: number) {
    super(`Paged.js did not finish laying out the print edition within ${Math.round(ms / 1000)} s (raise renderTimeoutMs for very long articles)`);
    this.name = 'LayoutTimeoutError';
  }
}

export interface LayoutResult {
  pages: number;
  /** Images that could not be loaded, left out of the layout (their alt text printed instead). */
  missingImages: string[];
  /** The document's letters before layout, to check the pages against (./completeness.ts). */
  letters: number;
}

/**
 * Load the locked-down print page and let Paged.js paginate it. Settles with
 * the page count once its Previewer promise resolves, or rejects on timeout or
 * abort; the caller owns the page and closes it either way. `onPaginating` is
 * called once the page has everything it loads and Paged.js is at work.
 */
export async function layOut(page: Page, timeoutMs: number, signal: AbortSignal, onPaginating?: () => void): Promise<LayoutResult> {
  signal.throwIfAborted();
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const stop = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LayoutTimeoutError(timeoutMs)), timeoutMs);
    onAbort = () => reject(signal.reason ?? new Error('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
  });
  const work = (async () => {
    await page.goto(DOCUMENT_URL, { waitUntil: 'load', timeout: 0 });
    const missingImages = await leaveOutMissingImages(page);
    const letters = await lettersBeforeLayout(page);
    await page.addScriptTag({ url: `${SCRIPT_BASE}${PAGED_SCRIPT}` });
    const paginating = page.evaluate(async () => {
      await document.fonts.ready;
      const paged = (window as unknown as { Paged: { Previewer: new () => { preview(): Promise<{ total: number }> } } }).Paged;
      const flow = await new paged.Previewer().preview();
      return flow.total;
    });
    // From here the page needs nothing from Node until it is done, so Node's own work can run without holding the layout up.
    onPaginating?.();
    return { pages: await paginating, missingImages, letters };
  })();
  // The losing side of the race must not surface as an unhandled rejection.
  work.catch(() => undefined);
  try {
    return await Promise.race([work, stop]);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}

/**
 * An image that did not load would print as a broken-image icon, and
 * Chromium tags it and its alt text as an artifact, so readers hear nothing.
 * Before layout it is replaced by its alt text, as text of the article (or
 * dropped, when it had none). Returns the addresses left out.
 */
async function leaveOutMissingImages(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const missing: string[] = [];
    for (const image of Array.from(document.querySelectorAll<HTMLImageElement>('body img'))) {
      if (image.complete && image.naturalWidth > 0) continue;
      missing.push(image.getAttribute('src') ?? '');
      const alt = image.getAttribute('alt')?.trim();
      if (alt) {
        const text = document.createElement('span');
        text.className = 'missing-image';
        text.textContent = alt;
        image.replaceWith(text);
      } else {
        image.remove();
      }
    }
    return missing;
  });
}
