import { PDFDict, PDFDocument, PDFName, PDFRef } from 'pdf-lib';
import { writeCMap, type CMap } from './to-unicode.js';

/**
 * Fonts for the invisible companions of glyphs that stand for more than one
 * letter (./draw-run.ts): a copy of the page font's dictionary, the same
 * embedded glyphs, with a ToUnicode map that gives each such glyph the
 * letters after its first. Brackets a right-to-left run draws mirrored are
 * drawn, visibly, from the same copy, which maps them to the character the
 * text has. The companion draws a real glyph of the font
 * (PDF/UA forbids .notdef even in invisible text) and adds no glyph data.
 */

const PRESENTATION = /^[\ufb00-\ufdff\ufe70-\ufeff]$/u;
const RIGHT_TO_LEFT = /^[\p{Script=Arabic}\p{Script=Hebrew}]/u;

/**
 * A right-to-left presentation form that stands for several letters (lam-alef
 * "ﻻ", Hebrew "שׁ", "ﷲ"), as its first letter and the rest; undefined for
 * anything else. Left-to-right ligatures are left alone: position-ordered
 * readers take their letters in the right order already.
 */
export function splitLetters(text: string): [string, string] | undefined {
  if (!PRESENTATION.test(text)) return undefined;
  const letters = Array.from(text.normalize('NFKC'));
  if (letters.length < 2 || !RIGHT_TO_LEFT.test(letters[0])) return undefined;
  return [letters[0], letters.slice(1).join('')];
}

/** Brackets and quotes that a right-to-left run draws as their mirror (Unicode's Bidi_Mirrored pairs in running text). */
const MIRRORS: Record<string, string> = { '(': ')', ')': '(', '[': ']', ']': '[', '{': '}', '}': '{', '<': '>', '>': '<', '«': '»', '»': '«', '‹': '›', '›': '‹' };

/**
 * The character a glyph drawn mirrored in a right-to-left run stands for: Chromium draws "(" there with the
 * glyph of ")", whose ToUnicode says ")"; undefined for a glyph that is not one of the mirrored pairs.
 */
export const mirrorOf = (text: string | undefined): string | undefined => (text === undefined ? undefined : MIRRORS[text]);

export interface CompanionUse {
  pageIndex: number;
  /** The page font's resource name, and the name its companion is drawn under. */
  name: string;
  companion: string;
  font: PDFRef;
}

/** Add a companion font for each font given companions, under its name on each page that draws one. */
export function addCompanionFonts(pdf: PDFDocument, uses: CompanionUse[], companions: Map<PDFRef, Set<string>>, maps: Map<PDFRef, CMap | undefined>): void {
  const clones = new Map<PDFRef, PDFRef>();
  const pages = pdf.getPages();
  for (const use of uses) {
    let clone = clones.get(use.font);
    if (!clone) {
      clone = companionFont(pdf, use.font, companions.get(use.font) ?? new Set(), maps.get(use.font) ?? new Map());
      clones.set(use.font, clone);
    }
    const fonts = pages[use.pageIndex].node.Resources()?.lookupMaybe(PDFName.of('Font'), PDFDict);
    fonts?.set(PDFName.of(use.companion), clone);
  }
}

function companionFont(pdf: PDFDocument, fontRef: PDFRef, codes: Set<string>, map: CMap): PDFRef {
  const font = pdf.context.lookup(fontRef, PDFDict).clone(pdf.context);
  const rest: CMap = new Map();
  for (const code of codes) {
    const split = splitLetters(map.get(code) ?? '');
    const mirror = mirrorOf(map.get(code));
    if (split) rest.set(code, split[1]);
    else if (mirror) rest.set(code, mirror);
  }
  const width = [...codes][0]?.length ?? 4;
  const space = `1 begincodespacerange\n<${'0'.repeat(width)}> <${'F'.repeat(width)}>\nendcodespacerange`;
  font.set(PDFName.of('ToUnicode'), pdf.context.register(pdf.context.flateStream(writeCMap(space, rest))));
  return pdf.context.register(font);
}
