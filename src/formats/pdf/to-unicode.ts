import { PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, decodePDFRawStream } from 'pdf-lib';
import { splitLetters } from './companion-fonts.js';
import type { SpanEvidence } from './logical-order.js';

/**
 * Real letters for shaped glyphs. Chromium's ToUnicode maps send Arabic
 * glyphs to presentation forms (U+FE8E ARABIC LETTER ALEF FINAL FORM rather
 * than U+0627 ALEF), which search, copy and many readers do not fold back,
 * and send the glyphs it has no character for (a shadda with its vowel) to
 * U+0000. Each mapping here is folded to its letter (NFKC), and a glyph
 * mapped to nothing takes what Chromium's nested ActualText said of the
 * cluster it was drawn in, less what its neighbours already give. A glyph
 * that stands for two letters and was given an invisible companion for the
 * second (./draw-run.ts) is mapped to the first.
 */

// Presentation forms: Arabic A and B, Hebrew and the Latin ligatures.
const PRESENTATION = /[\ufb00-\ufdff\ufe70-\ufeff]/u;

export type CMap = Map<string, string>;

/** Repair the ToUnicode map of every font the pages use; `companions` are the glyphs given one, by font. Returns how many maps changed. */
export function repairToUnicode(pdf: PDFDocument, evidence: Map<PDFRef, SpanEvidence[]>, companions = new Map<PDFRef, Set<string>>()): number {
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
    if (!repairMap(map, evidence.get(ref) ?? [], companions.get(ref) ?? new Set())) continue;
    pdf.context.assign(mapRef, pdf.context.flateStream(writeCMap(source, map)));
    changed += 1;
  }
  return changed;
}

/** The font's ToUnicode map as it stands, or undefined when it has none. */
export function readToUnicode(pdf: PDFDocument, fontRef: PDFRef): CMap | undefined {
  const mapRef = pdf.context.lookup(fontRef, PDFDict).get(PDFName.of('ToUnicode'));
  const stream = mapRef instanceof PDFRef ? pdf.context.lookup(mapRef) : undefined;
  if (!(stream instanceof PDFRawStream)) return undefined;
  return parseCMap(new TextDecoder('latin1').decode(decodePDFRawStream(stream).decode()));
}

/** Page font resource names to font references, for evidence gathered by name. */
export function fontRefs(pdf: PDFDocument, pageIndex: number): Map<string, PDFRef> {
  const names = new Map<string, PDFRef>();
  const fontDict = pdf.getPages()[pageIndex].node.Resources()?.lookupMaybe(PDFName.of('Font'), PDFDict);
  for (const [key, value] of fontDict?.entries() ?? []) if (value instanceof PDFRef) names.set(key.decodeText(), value);
  return names;
}

function repairMap(map: CMap, evidence: SpanEvidence[], companions: Set<string>): boolean {
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
    const split = companions.has(code) ? splitLetters(text) : undefined;
    if (!PRESENTATION.test(text) && !split) continue;
    const letters = text.normalize('NFKC');
    // Without its companion, a ligature of two letters (lam-alef) stays one character: readers that
    // order text by position (pdftotext, pdf.js) would reverse its two letters.
    if (!split && Array.from(letters).length !== Array.from(text).length) continue;
    map.set(code, split ? split[0] : letters);
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

export function writeCMap(source: string, map: CMap): string {
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
