/**
 * A printed line's runs from visual order (how Chromium draws them, left to
 * right) to logical order (how the line reads), one line at a time.
 *
 * Chromium draws each bidi run as text objects of its own and wraps a
 * right-to-left run in /ReversedChars, so every object's direction is known
 * but for the neutral ones (a space, a bracket) drawn apart from their words.
 * In a right-to-left line the runs are read from right to left, and a
 * left-to-right stretch inside it (a Latin name, a number, an address, code)
 * keeps its own order: "WordPress 6" stays "WordPress 6". In a left-to-right
 * line a right-to-left stretch is read from right to left, the numbers inside
 * it kept as they are. A neutral object takes the direction of its
 * neighbours when both agree, and the line's otherwise (UAX #9, N1 and N2);
 * a number next to a Latin word goes with the word (W7).
 */

export type BidiKind = 'R' | 'L' | 'EN' | 'N';

const RTL_LETTER = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Adlam}\p{Script=Samaritan}\p{Script=Mandaic}]/u;
const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;

/** An object's direction from its text and whether Chromium drew it reversed. */
export function bidiKind(text: string, reversed: boolean): BidiKind {
  if (reversed || RTL_LETTER.test(text)) return 'R';
  if (LETTER.test(text)) return 'L';
  if (DIGIT.test(text)) return 'EN';
  return 'N';
}

/** The objects' indices in logical order, for a line whose base direction is right to left (rtl) or not. */
export function logicalIndices(kinds: BidiKind[], rtl: boolean): number[] {
  const resolved = resolve(kinds, rtl);
  // Stretches of the embedded direction (L in a right-to-left line, R in a left-to-right one) are units.
  const embedded = rtl ? 'L' : 'R';
  const units: number[][] = [];
  resolved.forEach((kind, index) => {
    const last = units[units.length - 1];
    if (kind === embedded && last && resolved[last[0]] === embedded) last.push(index);
    else units.push([index]);
  });
  if (rtl) return units.reverse().flat();
  return units.flatMap((unit) => (resolved[unit[0]] === 'R' ? unit.reverse() : unit));
}

/** Each object's resolved direction: L or R. */
export function resolve(kinds: BidiKind[], rtl: boolean): ('L' | 'R')[] {
  const base = rtl ? 'R' : 'L';
  // The nearest object that is not neutral: L, R or a number.
  const strong = (index: number, step: number): 'L' | 'R' | 'EN' => {
    for (let i = index + step; i >= 0 && i < kinds.length; i += step) {
      const kind = kinds[i];
      if (kind !== 'N') return kind;
    }
    return base;
  };
  return kinds.map((kind, index) => {
    if (kind === 'R' || kind === 'L') return kind;
    const before = strong(index, -1);
    const after = strong(index, 1);
    if (kind === 'EN') {
      // A number inside a right-to-left stretch of a left-to-right line goes with it; otherwise it reads left to right.
      if (!rtl && strongBeside(kinds, index, -1, base) === 'R' && strongBeside(kinds, index, 1, base) === 'R') return 'R';
      return 'L';
    }
    const left = before === 'EN' ? (rtl ? 'L' : strongBeside(kinds, index, -1, base)) : before;
    const right = after === 'EN' ? (rtl ? 'L' : strongBeside(kinds, index, 1, base)) : after;
    return left === right ? left : base;
  });
}

/** The nearest L or R from the index in the given direction, numbers and neutrals passed over. */
function strongBeside(kinds: BidiKind[], index: number, step: number, base: 'L' | 'R'): 'L' | 'R' {
  for (let i = index + step; i >= 0 && i < kinds.length; i += step) {
    const kind = kinds[i];
    if (kind === 'L' || kind === 'R') return kind;
  }
  return base;
}

export interface Placed {
  /** The line's baseline (Tm's y), or undefined when the object has no Tm. */
  y?: number;
  /** Font size of its first glyph, for the baseline tolerance. */
  size: number;
  start: number;
  end: number;
}

/**
 * Runs of text objects one after another on one line, with nothing drawn
 * between them. Baselines within a fifth of the type size count as one: a
 * fallback font (Latin, digits) may sit a fraction of a point off.
 */
export function groupLines<T extends Placed>(objects: T[], text: string): T[][] {
  const groups: T[][] = [];
  for (const object of objects) {
    const group = groups[groups.length - 1];
    const previous = group?.[group.length - 1];
    const tolerance = 0.2 * Math.min(previous?.size ?? 0, object.size);
    const sameLine = previous?.y !== undefined && object.y !== undefined && Math.abs(previous.y - object.y) <= tolerance;
    if (previous && sameLine && !text.slice(previous.end, object.start).trim()) group.push(object);
    else groups.push([object]);
  }
  return groups;
}
