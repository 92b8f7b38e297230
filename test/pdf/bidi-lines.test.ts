import { describe, expect, it } from 'vitest';
import { bidiKind, groupLines, logicalIndices, type BidiKind } from '../../src/formats/pdf/bidi-lines.js';
import { splitLetters } from '../../src/formats/pdf/companion-fonts.js';
import { actualText } from '../../src/formats/pdf/text-run.js';

/** A line's objects given in visual order (left to right), read back in logical order. */
const read = (objects: [string, boolean][], rtl: boolean) => {
  const kinds: BidiKind[] = objects.map(([text, reversed]) => bidiKind(text, reversed));
  return logicalIndices(kinds, rtl).map((index) => objects[index][0]);
};

describe('a line from visual to logical order', () => {
  it('reads a right-to-left line from right to left, a Latin name and a number inside it in their own order', () => {
    // "بفضل برنامج WordPress 6 الشهير" as Chromium draws it: the rightmost word last.
    const visual: [string, boolean][] = [['الشهير', true], [' ', false], ['WordPress', false], [' ', false], ['6', false], [' ', false], ['برنامج', true], [' ', false], ['بفضل', true]];
    expect(read(visual, true).join('')).toBe('بفضل برنامج WordPress 6 الشهير');
  });

  it('keeps a number apart from the Arabic words around it, and a trailing space last', () => {
    const visual: [string, boolean][] = [[' ', false], ['فبراير', true], [' ', false], ['2025', false], [' ', false], ['في', true]];
    expect(read(visual, true).join('')).toBe('في 2025 فبراير ');
  });

  it('reads a right-to-left stretch of a left-to-right line from right to left, a number in it kept whole', () => {
    const visual: [string, boolean][] = [['The', false], [' ', false], ['היא', true], [' ', false], ['2024', false], [' ', false], ['שנת', true], [' ', false], ['ends', false]];
    expect(read(visual, false).join('')).toBe('The שנת 2024 היא ends');
  });

  it('leaves a line with no right-to-left run as it is', () => {
    const visual: [string, boolean][] = [['npx', false], [' ', false], ['-y', false]];
    expect(read(visual, true).join('')).toBe('npx -y');
  });
});

describe('lines of text objects', () => {
  const object = (y: number, start: number, size = 14) => ({ y, size, start, end: start + 1 });

  it('takes baselines a fraction of a point apart as one line, and breaks at a new line or anything drawn between', () => {
    // Objects one character long; between the last two, an operator ("X") is drawn.
    const text = 'A B CXD';
    const groups = groupLines([object(297, 0), object(297.4, 2), object(319, 4), object(319, 6)], text);
    expect(groups.map((group) => group.map((item) => item.start))).toEqual([[0, 2], [4], [6]]);
  });
});

describe('what Chromium says a cluster stands for', () => {
  it('reads /ActualText written as hex or as a literal string with escapes', () => {
    expect(actualText('/Span<</ActualText <feff0644 0627> >>')).toBe('لا');
    expect(actualText('/Span<</ActualText (\\)) >>')).toBe(')');
    expect(actualText('/Span<</ActualText (a\\(b\\051) >>')).toBe('a(b)');
    expect(actualText('/Span<</ActualText (\\376\\377\\006D\\006\\047) >>')).toBe('لا');
  });

  it('splits a right-to-left ligature into its first letter and the rest, and leaves Latin ligatures and single letters alone', () => {
    expect(splitLetters('\ufefb')).toEqual(['ل', 'ا']);
    expect(splitLetters('\ufef7')).toEqual(['ل', 'أ']);
    expect(splitLetters('\ufb2a')).toEqual(['ש', '\u05c1']);
    expect(splitLetters('\u05dc\u05b9')).toEqual(['\u05dc', '\u05b9']);
    expect(splitLetters('\u0628\u0651\u064e')).toEqual(['\u0628', '\u0651\u064e']);
    expect(splitLetters('e\u0301')).toBeUndefined();
    expect(splitLetters('\ufb01')).toBeUndefined();
    expect(splitLetters('\ufe8e')).toBeUndefined();
    expect(splitLetters('ل')).toBeUndefined();
  });
});
