import { audioChecker } from './audio.js';
import { pageChecker } from './page.js';
import { pdfChecker } from './pdf.js';
import type { EditionChecker } from './types.js';

/**
 * Every edition's checks, in the order they run. A new edition (EPUB through
 * EPUBCheck and Ace, braille BRF) adds its checker module here; nothing else
 * names the editions.
 */
export const CHECKERS: EditionChecker[] = [pageChecker, pdfChecker, audioChecker];

export function checkerFor(file: string): EditionChecker | undefined {
  return CHECKERS.find((checker) => checker.accepts(file));
}
