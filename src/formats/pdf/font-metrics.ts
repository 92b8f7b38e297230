import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRef } from 'pdf-lib';
import { splitLetters } from './companion-fonts.js';
import type { FontMetrics } from './text-run.js';
import { fontRefs, readToUnicode, type CMap } from './to-unicode.js';

/** Each font's ToUnicode map, read once for the document. */
export type CMapCache = Map<PDFRef, CMap | undefined>;

/**
 * Widths, code lengths and letters of a page's fonts: for placing glyphs
 * that Skia set at their advance, telling a run's direction, and finding the
 * glyphs that stand for more than one letter.
 */
export function fontMetrics(pdf: PDFDocument, pageIndex: number, maps: CMapCache = new Map()): FontMetrics {
  const refs = fontRefs(pdf, pageIndex);
  const cache = new Map<string, { length: number; widths: Map<number, number>; fallback?: number } | null>();
  const load = (name: string) => {
    if (!cache.has(name)) cache.set(name, readFont(pdf, refs.get(name)));
    return cache.get(name);
  };
  const text = (name: string, code: string) => {
    const ref = refs.get(name);
    if (!ref) return undefined;
    if (!maps.has(ref)) maps.set(ref, readToUnicode(pdf, ref));
    return maps.get(ref)?.get(code);
  };
  return {
    codeLength: (name) => load(name)?.length,
    width: (name, code) => {
      const font = load(name);
      if (!font) return undefined;
      return font.widths.get(Number.parseInt(code, 16)) ?? font.fallback;
    },
    text,
    split: (name, code) => {
      const letters = text(name, code);
      return letters === undefined ? undefined : splitLetters(letters)?.[1];
    },
  };
}

function readFont(pdf: PDFDocument, ref: PDFRef | undefined): { length: number; widths: Map<number, number>; fallback?: number } | null {
  if (!ref) return null;
  const font = pdf.context.lookup(ref, PDFDict);
  const subtype = font.lookupMaybe(PDFName.of('Subtype'), PDFName)?.decodeText();
  const widths = new Map<number, number>();
  if (subtype === 'Type0') {
    const descendant = font.lookupMaybe(PDFName.of('DescendantFonts'), PDFArray)?.lookup(0, PDFDict);
    if (!descendant) return null;
    const w = descendant.lookupMaybe(PDFName.of('W'), PDFArray);
    const items = w ? w.asArray().map((item) => pdf.context.lookup(item)) : [];
    for (let i = 0; i < items.length; ) {
      const first = (items[i] as PDFNumber).asNumber();
      const next = items[i + 1];
      if (next instanceof PDFArray) {
        next.asArray().forEach((value, k) => widths.set(first + k, (pdf.context.lookup(value) as PDFNumber).asNumber()));
        i += 2;
      } else {
        const last = (next as PDFNumber).asNumber();
        const value = (items[i + 2] as PDFNumber).asNumber();
        for (let code = first; code <= last; code++) widths.set(code, value);
        i += 3;
      }
    }
    const dw = descendant.lookupMaybe(PDFName.of('DW'), PDFNumber)?.asNumber() ?? 1000;
    return { length: 4, widths, fallback: dw };
  }
  if (subtype !== 'TrueType' && subtype !== 'Type1' && subtype !== 'Type3') return null;
  // Type 3 widths are in the font's own glyph space, which its FontMatrix maps to text space.
  const matrix = subtype === 'Type3' ? font.lookupMaybe(PDFName.of('FontMatrix'), PDFArray) : undefined;
  const scale = matrix ? (pdf.context.lookup(matrix.get(0)) as PDFNumber).asNumber() * 1000 : 1;
  const firstChar = font.lookupMaybe(PDFName.of('FirstChar'), PDFNumber)?.asNumber() ?? 0;
  font.lookupMaybe(PDFName.of('Widths'), PDFArray)?.asArray().forEach((value, k) => widths.set(firstChar + k, (pdf.context.lookup(value) as PDFNumber).asNumber() * scale));
  return { length: 2, widths };
}
