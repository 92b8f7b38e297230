import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import type { Page } from 'puppeteer';

/** One heading as the laid-out print document holds it, in document order. */
export interface PrintedHeading {
  /** The heading's text in logical order, without what print adds (a link's address). */
  text: string;
  /** A later fragment of a heading Paged.js split across pages: Chromium may bookmark it again. */
  continued: boolean;
}

/**
 * The headings of the laid-out print document, read after Paged.js has made
 * its pages: one per h1–h6 element Chromium will bookmark, in the order it
 * bookmarks them. The text is the DOM's (logical order, real letters): the
 * address printed after a link (`.print-url`) is the paper's, not the heading's.
 */
export async function printedHeadings(page: Page): Promise<PrintedHeading[]> {
  return page.evaluate(() => {
    const root = document.querySelector('.pagedjs_pages') ?? document.body;
    const SKIPPED = '.print-url, [data-footnote-backref], style, script, [hidden], [aria-hidden="true"]';
    const textOf = (node: Node): string => {
      if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
      if (node instanceof Element && node.matches(SKIPPED)) return '';
      return Array.from(node.childNodes, textOf).join('');
    };
    return Array.from(root.querySelectorAll('h1, h2, h3, h4, h5, h6'), (heading) => ({
      text: textOf(heading).replace(/\s+/gu, ' ').trim(),
      continued: heading.hasAttribute('data-split-from'),
    }));
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
 * one bookmark per laid-out heading, in document order, so when the counts
 * agree they pair up in order. Otherwise (a split heading bookmarked twice, or
 * once) each bookmark takes the next heading whose letters its title holds.
 */
function pairUp(titles: string[], headings: PrintedHeading[]): (number | undefined)[] {
  if (titles.length === headings.length) return titles.map((_, i) => i);
  const whole = headings.filter((h) => !h.continued);
  if (titles.length === whole.length) return titles.map((_, i) => headings.indexOf(whole[i]!));
  let next = 0;
  return titles.map((title) => {
    const have = letters(title);
    const found = headings.findIndex((heading, index) => index >= next && within(letters(heading.text), have));
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
export function repairOutline(pdf: PDFDocument, headings: PrintedHeading[]): number {
  const items = outlineItems(pdf);
  const titles = items.map(titleOf);
  const pairs = pairUp(titles, headings);
  let repaired = 0;
  items.forEach((item, i) => {
    const heading = pairs[i] === undefined ? undefined : headings[pairs[i]!];
    if (!heading?.text || heading.text === titles[i]) return;
    item.set(PDFName.of('Title'), PDFHexString.fromText(heading.text));
    repaired += 1;
  });
  return repaired;
}
