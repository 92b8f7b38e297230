import { sameText } from './words.js';

/**
 * Characters that change how a title is drawn or ordered, not what it says: the Unicode format
 * characters (bidi marks, embeddings and isolates such as U+200F and U+2067, the zero-width joiner and
 * non-joiner, the soft hyphen, the word joiner, a byte-order mark) and the Arabic tatweel that stretches
 * a justified line. A bookmark written by another tool may keep or drop any of them; words() would split
 * a word at one, so they are taken out before titles are compared.
 */
const INVISIBLE = /[\p{Cf}\u0640]/gu;

/**
 * Two titles (a heading and its bookmark, a section and its chapter) say the same: sameText (case,
 * spacing, quotes and dashes aside) once the invisible characters are out. Letters still count as they
 * are: a title in visual order, or in Arabic presentation forms, is another title.
 */
export function sameTitle(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  return sameText(a.replace(INVISIBLE, ''), b.replace(INVISIBLE, ''));
}
