import { readFile } from 'node:fs/promises';
import { PDFArray, PDFBool, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFStream, PDFString, decodePDFRawStream } from 'pdf-lib';
import { parseOperations } from '../formats/pdf/content-stream.js';

/** What the catalog says (read with pdf-lib). */
export interface Catalog {
  lang?: string;
  displayDocTitle: boolean;
  marked: boolean;
  hasStructTree: boolean;
  pages: number;
}

const text = (value: unknown): string | undefined =>
  value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;

export async function readCatalog(bytes: Uint8Array): Promise<{ catalog: Catalog; doc: PDFDocument }> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true });
  const catalog = doc.catalog;
  const prefs = catalog.lookupMaybe(PDFName.of('ViewerPreferences'), PDFDict);
  const markInfo = catalog.lookupMaybe(PDFName.of('MarkInfo'), PDFDict);
  return {
    doc,
    catalog: {
      lang: text(catalog.lookup(PDFName.of('Lang'))),
      displayDocTitle: prefs?.lookup(PDFName.of('DisplayDocTitle')) === PDFBool.True,
      marked: markInfo?.lookup(PDFName.of('Marked')) === PDFBool.True,
      hasStructTree: catalog.has(PDFName.of('StructTreeRoot')),
      pages: doc.getPageCount(),
    },
  };
}

/** Painting operations outside both tagged content (an MCID) and /Artifact, per kind. */
export interface UntaggedPaint {
  text: number;
  paths: number;
  images: number;
  total: number;
  pages: number[];
}

const TEXT_OPS = new Set(['Tj', 'TJ', "'", '"']);
const PATH_OPS = new Set(['f', 'F', 'f*', 'B', 'B*', 'b', 'b*', 'S', 's']);
const IMAGE_OPS = new Set(['Do', 'BI', 'sh']);

function contentBytes(doc: PDFDocument, pageIndex: number): Uint8Array[] {
  const contents = doc.getPage(pageIndex).node.Contents();
  const streams = contents instanceof PDFArray ? contents.asArray().map((ref) => doc.context.lookup(ref)) : [contents];
  return streams.flatMap((stream) => {
    if (stream instanceof PDFRawStream) return [decodePDFRawStream(stream).decode()];
    if (stream instanceof PDFStream) return [stream.getContents()];
    return [];
  });
}

/**
 * Walk every page's content streams (pdf-lib decodes them, the project's
 * content-stream reader finds the operators) and count what is painted
 * outside marked content: ISO 14289 wants each of them tagged or an Artifact.
 */
export function untaggedPaint(doc: PDFDocument): UntaggedPaint {
  const result: UntaggedPaint = { text: 0, paths: 0, images: 0, total: 0, pages: [] };
  for (let index = 0; index < doc.getPageCount(); index++) {
    // Each open marked-content sequence: does it make its content tagged or an artifact?
    const stack: boolean[] = [];
    let before = result.total;
    for (const bytes of contentBytes(doc, index)) {
      for (const op of parseOperations(bytes)) {
        const name = op.operator;
        if (name === 'BDC' || name === 'BMC') {
          stack.push(/^\s*\/Artifact\b/u.test(op.operands) || /\/MCID\s+\d+/u.test(op.operands));
        } else if (name === 'EMC') {
          stack.pop();
        } else if (TEXT_OPS.has(name) || PATH_OPS.has(name) || IMAGE_OPS.has(name)) {
          if (stack.includes(true)) continue;
          if (TEXT_OPS.has(name)) result.text++;
          else if (PATH_OPS.has(name)) result.paths++;
          else result.images++;
          result.total++;
        }
      }
    }
    if (result.total > before) result.pages.push(index + 1);
    before = result.total;
  }
  return result;
}

export async function readPdfBytes(file: string): Promise<Uint8Array> {
  return new Uint8Array(await readFile(file));
}
