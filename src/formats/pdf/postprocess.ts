import { PDFDocument } from 'pdf-lib';
import { describeLinks } from './annotations.js';
import { markArtifacts } from './artifacts.js';
import { writeMetadata, type PdfMetadata } from './metadata.js';
import { repairOutline } from './outline.js';
import { rewriteStructure, type StructureReport } from './structure.js';
import type { TaggingMarks } from './tagging.js';
import type { EditionWarning } from '../warning.js';

export interface PostprocessResult {
  bytes: Uint8Array;
  structure?: StructureReport;
  /** Repairs that could not be made; the PDF is still written. */
  warnings: EditionWarning[];
}

const load = (bytes: Uint8Array) => PDFDocument.load(bytes, { updateMetadata: false });

/**
 * Repair Chromium's tagged PDF in place. The document is loaded and saved as
 * the same document: copying pages into a new one would drop the structure tree.
 */
export async function postprocess(raw: Uint8Array, marks: TaggingMarks, meta: PdfMetadata, headings: string[]): Promise<PostprocessResult> {
  const warnings: EditionWarning[] = [];
  let pdf = await load(raw);
  let structure: StructureReport | undefined;
  try {
    structure = rewriteStructure(pdf, marks);
  } catch (error) {
    // A tree we do not understand is left as Chromium wrote it rather than half rewritten.
    const reason = `the PDF structure tree could not be rebuilt (${error instanceof Error ? error.message : String(error)}); it is left as Chromium wrote it`;
    warnings.push({ reason, ruleId: 'pdf-structure-not-rebuilt' });
    pdf = await load(raw);
  }
  markArtifacts(pdf, { rightToLeft: meta.dir === 'rtl' });
  repairOutline(pdf, headings);
  describeLinks(pdf);
  writeMetadata(pdf, meta);
  const bytes = await pdf.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false });
  return { bytes, structure, warnings };
}
