import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, PDFRef, decodePDFRawStream } from 'pdf-lib';
import type { FontMetrics, SpanEvidence } from './logical-order.js';

/**
 * Real letters for shaped glyphs. Chromium's ToUnicode maps send Arabic
 * glyphs to presentation forms (U+FE8E ARABIC LETTER ALEF FINAL FORM rather
 * than U+0627 ALEF), which search, copy and many readers do not fold back,
 * and send the glyphs it has no character for (a shadda with its vowel) to
 * U+0000. Each mapping here is folded to its letter (NFKC), and a glyph
 * mapped to nothing takes what Chromium's nested ActualText said of the
 * cluster it was drawn in, less what its neighbours already give.
 */

// Presentation forms: Arabic A and B, Hebrew and the Latin ligatures.
const PRESENTATION = /[\ufb00-\ufdff\ufe70-\ufeff]/u;

type CMap = Map<string, string>;

/** Repair the ToUnicode map of every font the pages use. Returns how many maps changed. */
export function repairToUnicode(pdf: PDFDocument, evidence: Map<PDFRef, SpanEvidence[]>): number {
  const fonts = new Map<PDFRef, PDFDict>();
  for (const page of pdf.getPages()) {
    const resources = page.node.Resources();
    const fontDict = resources?.lookupMaybe(PDFName.of('Font'), PDFDict);
    if (!fontDict) continue;
    for (const [, value] of fontDict.entries()) {
      if (value instanceof PDFRef) fonts.set(value, pdf.context.lookup(value, PDFDict));
    }
  }
  let changed = 0;
  for (const [ref, font] of fonts) {
    const mapRef = font.get(PDFName.of('ToUnicode'));
    if (!(mapRef instanceof PDFRef)) continue;
    const stream = pdf.context.lookup(mapRef);
    if (!(stream instanceof PDFRawStream)) continue;
    const source = new TextDecoder('latin1').decode(decodePDFRawStream(stream).decode());
    const map = parseCMap(source);
    if (!repairMap(map, evidence.get(ref) ?? [])) continue;
    pdf.context.assign(mapRef, pdf.context.flateStream(writeCMap(source, map)));
    changed += 1;
  }
  return changed;
}

/** Page font resource names to font references, for evidence gathered by name. */
export function fontRefs(pdf: PDFDocument, pageIndex: number): Map<string, PDFRef> {
  const names = new Map<string, PDFRef>();
  const fontDict = pdf.getPages()[pageIndex].node.Resources()?.lookupMaybe(PDFName.of('Font'), PDFDict);
  for (const [key, value] of fontDict?.entries() ?? []) if (value instanceof PDFRef) names.set(key.decodeText(), value);
  return names;
}

function repairMap(map: CMap, evidence: SpanEvidence[]): boolean {
  let changed = false;
  const unknown = (code: string) => {
    const text = map.get(code);
    return text === undefined || text === '' || /^\u0000+$/.test(text);
  };
  // Votes per unknown glyph: the same glyph is nearly always the same marks.
  const votes = new Map<string, Map<string, number>>();
  for (const { codes, text } of evidence) {
    const missing = codes.filter(unknown);
    if (missing.length !== 1 || new Set(codes).size !== codes.length) continue;
    const at = codes.indexOf(missing[0]);
    const before = codes.slice(0, at).map((code) => map.get(code)!.normalize('NFKC')).join('');
    const after = codes.slice(at + 1).map((code) => map.get(code)!.normalize('NFKC')).join('');
    const whole = text.normalize('NFKC');
    if (!whole.startsWith(before) || !whole.endsWith(after) || whole.length <= before.length + after.length) continue;
    const own = whole.slice(before.length, whole.length - after.length);
    const tally = votes.get(missing[0]) ?? new Map<string, number>();
    tally.set(own, (tally.get(own) ?? 0) + 1);
    votes.set(missing[0], tally);
  }
  for (const [code, tally] of votes) {
    const best = [...tally.entries()].sort((a, b) => b[1] - a[1])[0][0];
    map.set(code, best);
    changed = true;
  }
  for (const [code, text] of map) {
    if (!PRESENTATION.test(text)) continue;
    const letters = text.normalize('NFKC');
    // A ligature of two letters (lam-alef) stays one character: readers that
    // order text by position (pdftotext, pdf.js) would reverse its two letters.
    if (Array.from(letters).length !== Array.from(text).length) continue;
    map.set(code, letters);
    changed = true;
  }
  return changed;
}

const HEX = /<([0-9a-fA-F]*)>/g;

export function parseCMap(source: string): CMap {
  const map: CMap = new Map();
  for (const block of source.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    const codes = [...block[1].matchAll(HEX)].map((match) => match[1]);
    for (let i = 0; i + 1 < codes.length; i += 2) map.set(codes[i].toUpperCase(), decodeUtf16(codes[i + 1]));
  }
  for (const block of source.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const range of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<[0-9a-fA-F]*>|\[[^\]]*\])/g)) {
      const low = Number.parseInt(range[1], 16);
      const high = Number.parseInt(range[2], 16);
      const width = range[1].length;
      const targets = range[3].startsWith('[') ? [...range[3].matchAll(HEX)].map((match) => match[1]) : undefined;
      for (let code = low; code <= high && code - low < 65536; code++) {
        const key = code.toString(16).toUpperCase().padStart(width, '0');
        if (targets) {
          if (targets[code - low] !== undefined) map.set(key, decodeUtf16(targets[code - low]));
        } else {
          const base = decodeUtf16(range[3].slice(1, -1));
          // The range's last UTF-16 unit counts up with the code.
          map.set(key, base.slice(0, -1) + String.fromCharCode(base.charCodeAt(base.length - 1) + (code - low)));
        }
      }
    }
  }
  return map;
}

function decodeUtf16(hex: string): string {
  const units: number[] = [];
  for (let i = 0; i + 4 <= hex.length; i += 4) units.push(Number.parseInt(hex.slice(i, i + 4), 16));
  return String.fromCharCode(...units);
}

function encodeUtf16(text: string): string {
  let hex = '';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
  return hex;
}

function writeCMap(source: string, map: CMap): string {
  const codespace = source.match(/\d+\s+begincodespacerange[\s\S]*?endcodespacerange/)?.[0] ?? '1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange';
  const entries = [...map.entries()].filter(([, text]) => text !== '' && !/^\u0000+$/.test(text));
  const blocks: string[] = [];
  for (let i = 0; i < entries.length; i += 100) {
    const chunk = entries.slice(i, i + 100);
    blocks.push(`${chunk.length} beginbfchar\n${chunk.map(([code, text]) => `<${code}> <${encodeUtf16(text)}>`).join('\n')}\nendbfchar`);
  }
  return `/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
${codespace}
${blocks.join('\n')}
endcmap
CMapName currentdict /CMap defineresource pop
end
end`;
}

/** Widths and code lengths of a page's fonts, for placing glyphs that Skia set at their advance. */
export function fontMetrics(pdf: PDFDocument, pageIndex: number): FontMetrics {
  const refs = fontRefs(pdf, pageIndex);
  const cache = new Map<string, { length: number; widths: Map<number, number>; fallback?: number } | null>();
  const load = (name: string) => {
    if (!cache.has(name)) cache.set(name, readFont(pdf, refs.get(name)));
    return cache.get(name);
  };
  return {
    codeLength: (name) => load(name)?.length,
    width: (name, code) => {
      const font = load(name);
      if (!font) return undefined;
      return font.widths.get(Number.parseInt(code, 16)) ?? font.fallback;
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
