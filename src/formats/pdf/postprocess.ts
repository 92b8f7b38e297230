import { PDFDocument } from 'pdf-lib';
import { markArtifacts } from './artifacts.js';
import { writeMetadata, type PdfMetadata } from './metadata.js';
import { repairOutline } from './outline.js';
import { rewriteStructure, type StructureReport } from './structure.js';
import type { TaggingMarks } from './tagging.js';

export interface PostprocessResult {
  bytes: Uint8Array;
  structure: StructureReport;
}

/**
 * Repair Chromium's tagged PDF in place. The document is loaded and saved as
 * the same document: copying pages into a new one would drop the structure tree.
 */
export async function postprocess(raw: Uint8Array, marks: TaggingMarks, meta: PdfMetadata, headings: string[]): Promise<PostprocessResult> {
  const pdf = await PDFDocument.load(raw, { updateMetadata: false });
  const structure = rewriteStructure(pdf, marks);
  markArtifacts(pdf);
  repairOutline(pdf, headings);
  writeMetadata(pdf, meta);
  const bytes = await pdf.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false });
  return { bytes, structure };
}
