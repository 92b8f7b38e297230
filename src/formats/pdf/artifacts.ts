import { deflateSync, inflateSync } from 'node:zlib';
import { PDFArray, PDFDocument, PDFName, PDFRawStream, PDFRef, decodePDFRawStream } from 'pdf-lib';
import { applyInsertions, artifactInsertions, parseOperations } from './content-stream.js';
import { addCompanionFonts, type CompanionUse } from './companion-fonts.js';
import { companionName, joinerName } from './draw-run.js';
import { fontMetrics, type CMapCache } from './font-metrics.js';
import { logicalOrder, type Findings, type SpanEvidence } from './logical-order.js';
import { fontRefs, repairToUnicode } from './to-unicode.js';

const FLATE = PDFName.of('FlateDecode');

/**
 * The stream's decoded bytes. Chromium compresses content streams with Flate
 * alone, which Node's zlib undoes several times faster than pdf-lib's
 * JavaScript inflater; any other filter chain goes to pdf-lib.
 */
function decoded(stream: PDFRawStream): Uint8Array {
  const filter = stream.dict.get(PDFName.of('Filter'));
  const plainFlate = filter === FLATE || (filter instanceof PDFArray && filter.size() === 1 && filter.get(0) === FLATE);
  if (plainFlate && !stream.dict.has(PDFName.of('DecodeParms'))) return inflateSync(stream.contents);
  return decodePDFRawStream(stream).decode();
}

/**
 * Mark everything Chromium painted outside marked content as /Artifact, page
 * by page, and redraw right-to-left runs in logical order (./logical-order.ts)
 * in the same pass over the streams, then give the fonts real letters
 * (./to-unicode.ts). Returns how many streams changed.
 */
export function markArtifacts(pdf: PDFDocument, options: { rightToLeft?: boolean } = {}): number {
  let changed = 0;
  const found = new Found();
  for (const [pageIndex, page] of pdf.getPages().entries()) {
    const contents = page.node.get(PDFName.of('Contents'));
    const refs = contents instanceof PDFRef ? [contents] : contents instanceof PDFArray ? contents.asArray() : [];
    const metrics = fontMetrics(pdf, pageIndex, found.maps);
    // A marked sequence may not span two streams of one page, so each stream is handled on its own.
    for (const ref of refs) {
      if (!(ref instanceof PDFRef)) continue;
      const stream = pdf.context.lookup(ref);
      if (!(stream instanceof PDFRawStream)) continue;
      const findings: Findings = { evidence: [], companions: new Map(), joiners: new Map() };
      const original = decoded(stream);
      const reordered = logicalOrder(original, options.rightToLeft ?? false, findings, metrics);
      found.add(pdf, pageIndex, findings);
      const bytes = reordered ?? original;
      const insertions = artifactInsertions(parseOperations(bytes));
      if (!insertions.length && !reordered) continue;
      const marked = applyInsertions(bytes, insertions);
      // What pdf-lib's flateStream does, with Node's zlib at the same level instead of pako (a third of the post-processing time).
      const rewritten = pdf.context.stream(deflateSync(marked), { Filter: 'FlateDecode' });
      pdf.context.assign(ref, rewritten);
      changed += 1;
    }
  }
  repairToUnicode(pdf, found.evidence, found.companions);
  addCompanionFonts(pdf, found.uses, { reading: found.companions, joiners: found.joiners }, found.maps);
  return changed;
}

/** What the redrawing found on every page, by font. */
class Found {
  evidence = new Map<PDFRef, SpanEvidence[]>();
  companions = new Map<PDFRef, Set<string>>();
  joiners = new Map<PDFRef, Set<string>>();
  uses: CompanionUse[] = [];
  maps: CMapCache = new Map();

  add(pdf: PDFDocument, pageIndex: number, findings: Findings): void {
    if (!findings.evidence.length && !findings.companions.size && !findings.joiners.size) return;
    const refs = fontRefs(pdf, pageIndex);
    for (const item of findings.evidence) {
      const font = refs.get(item.font);
      if (font) this.evidence.set(font, [...(this.evidence.get(font) ?? []), item]);
    }
    this.addCodes(refs, pageIndex, findings.companions, this.companions, false);
    this.addCodes(refs, pageIndex, findings.joiners, this.joiners, true);
  }

  private addCodes(refs: Map<string, PDFRef>, pageIndex: number, found: Map<string, Set<string>>, into: Map<PDFRef, Set<string>>, joiner: boolean): void {
    for (const [name, codes] of found) {
      const font = refs.get(name);
      if (!font) continue;
      const known = into.get(font) ?? new Set<string>();
      for (const code of codes) known.add(code);
      into.set(font, known);
      this.uses.push({ pageIndex, name, companion: joiner ? joinerName(name) : companionName(name), font, joiner });
    }
  }
}
