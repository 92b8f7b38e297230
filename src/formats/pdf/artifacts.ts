import { PDFArray, PDFDocument, PDFName, PDFRawStream, PDFRef, decodePDFRawStream } from 'pdf-lib';
import { applyInsertions, artifactInsertions, parseOperations } from './content-stream.js';

/**
 * Mark everything Chromium painted outside marked content as /Artifact, page
 * by page. Returns how many pages changed.
 */
export function markArtifacts(pdf: PDFDocument): number {
  let changed = 0;
  for (const page of pdf.getPages()) {
    const contents = page.node.get(PDFName.of('Contents'));
    const refs = contents instanceof PDFRef ? [contents] : contents instanceof PDFArray ? contents.asArray() : [];
    // A marked sequence may not span two streams of one page, so each stream is handled on its own.
    for (const ref of refs) {
      if (!(ref instanceof PDFRef)) continue;
      const stream = pdf.context.lookup(ref);
      if (!(stream instanceof PDFRawStream)) continue;
      const bytes = decodePDFRawStream(stream).decode();
      const insertions = artifactInsertions(parseOperations(bytes));
      if (!insertions.length) continue;
      const marked = applyInsertions(bytes, insertions);
      const rewritten = pdf.context.flateStream(marked);
      pdf.context.assign(ref, rewritten);
      changed += 1;
    }
  }
  return changed;
}
