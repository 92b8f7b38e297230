import { audioChecker } from './audio.js';
import { brailleChecker } from './braille.js';
import { epubChecker } from './epub.js';
import { pageChecker } from './page.js';
import { pdfChecker } from './pdf.js';
import type { EditionChecker } from './types.js';

/**
 * Every edition's checks, in the order they run. A new edition adds its
 * checker module here; nothing else names the editions.
 */
export const CHECKERS: EditionChecker[] = [pageChecker, pdfChecker, audioChecker, epubChecker, brailleChecker];

export function checkerFor(file: string): EditionChecker | undefined {
  return CHECKERS.find((checker) => checker.accepts(file));
}
