import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef } from 'pdf-lib';
import { readToUnicode, writeCMap, type CMap } from './to-unicode.js';

/**
 * Fonts for the invisible companions of glyphs that stand for more than one
 * letter (./draw-run.ts): a copy of the page font's dictionary, the same
 * embedded glyphs, with a ToUnicode map that gives each such glyph the
 * letters after its first. Brackets a right-to-left run draws mirrored are
 * drawn, visibly, from the same copy, which maps them to the character the
 * text has, and so are the run's spaces (SPACE_IN_RIGHT_TO_LEFT). The companion draws a real glyph of the font
 * (PDF/UA forbids .notdef even in invisible text) and adds no glyph data.
 */

const PRESENTATION = /^[\ufb00-\ufdff\ufe70-\ufeff]$/u;
const RIGHT_TO_LEFT = /^[\p{Script=Arabic}\p{Script=Hebrew}]/u;

// A glyph the font made of a letter and its marks ("לֹ"): pdf.js takes a glyph whose text holds a mark for a mark.
const LETTER_WITH_MARKS = /^([\p{Script=Arabic}\p{Script=Hebrew}])(\p{M}+)$/u;

/**
 * A right-to-left presentation form that stands for several letters (lam-alef
 * "ﻻ", Hebrew "שׁ", "ﷲ"), or a glyph of a letter with its marks, as its
 * first letter and the rest; undefined for anything else. Left-to-right ligatures are left alone: position-ordered
 * readers take their letters in the right order already.
 */
export function splitLetters(text: string): [string, string] | undefined {
  const marked = LETTER_WITH_MARKS.exec(text);
  if (marked) return [marked[1], marked[2]];
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

/**
 * A space between right-to-left words, as the companion maps it. pdf.js makes
 * a word break only where glyphs move rightwards, and drops a pending space
 * at every move leftwards, which is every step of a run drawn in logical
 * order; a glyph whose text merely starts with a space is a space to it too.
 * A right-to-left mark first makes the glyph a character of its own, which
 * pdf.js keeps, and is invisible and neutral to every reader and to speech.
 */
export const SPACE_IN_RIGHT_TO_LEFT = '\u200f ';

/**
 * A glyph of marks only (vowel points, shadda, tanwin). pdf.js adds a mark
 * to the text item of the glyph before it and then reverses each
 * right-to-left item as if drawn in visual order, which puts the mark before
 * its letter. Drawn from the companion, whose font has a name of its own, the
 * mark starts an item of its own, which has nothing to reverse.
 */
export const MARKS = /^\p{M}+$/u;

/** A zero-width non-joiner: Chromium draws it as the font's space glyph with no advance. */
export const JOINER = '\u200c';

export interface CompanionUse {
  pageIndex: number;
  /** The page font's resource name, and the name its companion is drawn under. */
  name: string;
  companion: string;
  font: PDFRef;
  /** The companion that maps the space glyph to a zero-width non-joiner, rather than the reading companion. */
  joiner?: boolean;
}

/** Glyph codes given companions, by page font: those drawn from the reading companion, and the spaces drawn as non-joiners. */
export interface CompanionCodes {
  reading: Map<PDFRef, Set<string>>;
  joiners: Map<PDFRef, Set<string>>;
}

/** Add a companion font for each font given companions, under its name on each page that draws one. */
export function addCompanionFonts(pdf: PDFDocument, uses: CompanionUse[], codes: CompanionCodes, maps: Map<PDFRef, CMap | undefined>): void {
  const clones = new Map<string, PDFRef>();
  const pages = pdf.getPages();
  for (const use of uses) {
    const key = `${use.font.toString()} ${use.joiner ? 'joiner' : 'reading'}`;
    let clone = clones.get(key);
    if (!clone) {
      clone = use.joiner
        ? fontWithMap(pdf, use.font, new Map([...(codes.joiners.get(use.font) ?? [])].map((code) => [code, JOINER])))
        : fontWithMap(pdf, use.font, readingMap(pdf, use.font, codes.reading.get(use.font) ?? new Set(), maps.get(use.font) ?? new Map()));
      clones.set(key, clone);
    }
    const fonts = pages[use.pageIndex].node.Resources()?.lookupMaybe(PDFName.of('Font'), PDFDict);
    fonts?.set(PDFName.of(use.companion), clone);
  }
}

/** What the reading companion maps each of its codes to. */
function readingMap(pdf: PDFDocument, fontRef: PDFRef, codes: Set<string>, map: CMap): CMap {
  // Marks Chromium left unmapped have their letters only in the map as repaired (./to-unicode.ts).
  const repaired = readToUnicode(pdf, fontRef);
  const rest: CMap = new Map();
  for (const code of codes) {
    const split = splitLetters(map.get(code) ?? '');
    const mirror = mirrorOf(map.get(code));
    if (split) rest.set(code, split[1]);
    else if (mirror) rest.set(code, mirror);
    else if (map.get(code) === ' ') rest.set(code, SPACE_IN_RIGHT_TO_LEFT);
    else if (MARKS.test(repaired?.get(code) ?? '')) rest.set(code, repaired!.get(code)!);
  }
  return rest;
}

/** A renamed copy of the font whose ToUnicode map is the one given. */
function fontWithMap(pdf: PDFDocument, fontRef: PDFRef, rest: CMap): PDFRef {
  const font = renamed(pdf, pdf.context.lookup(fontRef, PDFDict));
  const width = [...rest.keys()][0]?.length ?? 4;
  const space = `1 begincodespacerange\n<${'0'.repeat(width)}> <${'F'.repeat(width)}>\nendcodespacerange`;
  font.set(PDFName.of('ToUnicode'), pdf.context.register(pdf.context.flateStream(writeCMap(space, rest))));
  return pdf.context.register(font);
}

/**
 * A copy of a font dictionary under a name of its own (BaseFont, and the
 * descendant font's and descriptor's names with it), sharing the embedded
 * font program: pdf.js ends a text item where the font's name changes.
 */
function renamed(pdf: PDFDocument, original: PDFDict): PDFDict {
  const font = original.clone(pdf.context);
  const name = (dict: PDFDict, key: string) => {
    const value = dict.lookup(PDFName.of(key));
    if (value instanceof PDFName) dict.set(PDFName.of(key), PDFName.of(`${value.decodeText()}-Companion`));
  };
  name(font, 'BaseFont');
  const descendants = font.lookup(PDFName.of('DescendantFonts'));
  const descendant = descendants instanceof PDFArray ? descendants.lookup(0) : undefined;
  const owner = descendant instanceof PDFDict ? descendant.clone(pdf.context) : font;
  if (owner !== font) name(owner, 'BaseFont');
  const descriptor = owner.lookup(PDFName.of('FontDescriptor'));
  if (descriptor instanceof PDFDict) {
    const copy = descriptor.clone(pdf.context);
    name(copy, 'FontName');
    owner.set(PDFName.of('FontDescriptor'), pdf.context.register(copy));
  }
  if (owner !== font) font.set(PDFName.of('DescendantFonts'), pdf.context.obj([pdf.context.register(owner)]));
  return font;
}
