import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import type { Page } from 'puppeteer';

/**
 * The headings of the laid-out print document, read after Paged.js has made
 * its pages: one per h1–h6 element Chromium will bookmark, in the order it
 * bookmarks them. The text is the DOM's (logical order, real letters): the
 * address printed after a link (`.print-url`) is the paper's, not the heading's.
 * Headings are never split across pages (print.css), but should one be, its
 * later fragment (Paged.js's data-split-from) is no heading of its own.
 */
export async function printedHeadings(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const root = document.querySelector('.pagedjs_pages') ?? document.body;
    const SKIPPED = '.print-url, [data-footnote-backref], style, script, [hidden], [aria-hidden="true"]';
    const textOf = (node: Node): string => {
      if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
      if (node instanceof Element && node.matches(SKIPPED)) return '';
      return Array.from(node.childNodes, textOf).join('');
    };
    const headings = Array.from(root.querySelectorAll('h1, h2, h3, h4, h5, h6')).filter((heading) => !heading.hasAttribute('data-split-from'));
    return headings.map((heading) => textOf(heading).replace(/\s+/gu, ' ').trim());
  });
}

/** A heading's letters regardless of order, case and shaping: how a title laid out in visual order still matches. */
function letters(text: string): string {
  return [...text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '')].sort().join('');
}

/** Whether every letter of `part` is among those of `whole` (both sorted, as letters() makes them). */
function within(part: string, whole: string): boolean {
  let at = 0;
  for (const char of part) {
    at = whole.indexOf(char, at);
    if (at < 0) return false;
    at += 1;
  }
  return part.length > 0;
}

function outlineItems(pdf: PDFDocument): PDFDict[] {
  const items: PDFDict[] = [];
  const visit = (item: PDFDict | undefined): void => {
    for (let current = item; current; current = current.lookupMaybe(PDFName.of('Next'), PDFDict)) {
      items.push(current);
      visit(current.lookupMaybe(PDFName.of('First'), PDFDict));
    }
  };
  visit(pdf.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict)?.lookupMaybe(PDFName.of('First'), PDFDict));
  return items;
}

function titleOf(item: PDFDict): string {
  const title = item.lookup(PDFName.of('Title'));
  return title instanceof PDFString || title instanceof PDFHexString ? title.decodeText() : '';
}

/**
 * Which heading each bookmark is, by index (undefined: none). Chromium makes
 * one bookmark per laid-out heading, in document order, titled with the
 * heading's letters (in visual order, perhaps with more after them), so each
 * bookmark takes the next heading if its title holds that heading's letters;
 * else the first later heading with the same letters, or else one whose
 * letters it holds (a heading Chromium did not bookmark is passed over).
 */
function pairUp(titles: string[], headings: string[]): (number | undefined)[] {
  const keys = headings.map(letters);
  let next = 0;
  return titles.map((title) => {
    const have = letters(title);
    const later = (test: (key: string) => boolean) => keys.findIndex((key, index) => index >= next && test(key));
    let found = next < keys.length && within(keys[next]!, have) ? next : later((key) => key === have);
    if (found < 0) found = later((key) => within(key, have));
    if (found < 0) return undefined;
    next = found + 1;
    return found;
  });
}

/**
 * Give Chromium's bookmarks the headings' own text, keeping Chromium's
 * destinations and nesting. Chromium titles each bookmark with the heading as
 * laid out: a wrapped heading loses the space at the line break ("Threat
 * toTaliban"), right-to-left text comes in visual order ("قاطع شاشةم" for
 * "مقاطع شاشة"), and a heading that is a link gets its printed address. The
 * title is written as UTF-16BE text. Returns the titles that were repaired.
 */
export function repairOutline(pdf: PDFDocument, headings: string[]): number {
  const items = outlineItems(pdf);
  const titles = items.map(titleOf);
  const pairs = pairUp(titles, headings);
  let repaired = 0;
  items.forEach((item, i) => {
    const heading = pairs[i] === undefined ? undefined : headings[pairs[i]!];
    if (!heading || heading === titles[i]) return;
    item.set(PDFName.of('Title'), PDFHexString.fromText(heading));
    repaired += 1;
  });
  return repaired;
}
