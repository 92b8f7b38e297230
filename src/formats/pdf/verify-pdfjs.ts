import { readFile } from 'node:fs/promises';

/**
 * What pdf.js, the reader inside Firefox, makes of a PDF: the text as it
 * lays it out (getTextContent) and the text in tag order (getStructTree, each
 * content node filled from the marked content it names). A second reader,
 * independent of Poppler, for the tests and `broadside check`.
 */

interface TextItem {
  str?: string;
  hasEOL?: boolean;
  type?: string;
  id?: string | null;
}

interface StructNode {
  role?: string;
  type?: string;
  id?: string;
  alt?: string;
  children?: StructNode[];
}

const INLINE_ROLES = new Set(['Span', 'Link', 'Quote', 'Code', 'Lbl', 'Reference', 'BibEntry', 'Note', 'Annot', 'Em', 'Strong']);

export interface PdfjsText {
  /** getTextContent's text, page by page, a line break wherever pdf.js ends a line. */
  layout: string;
  /** The structure tree's text in tag order, a line break between block elements. */
  tagged: string;
  /** Every structure element with its role and /Alt or /ActualText, in tag order. */
  elements: { role: string; alt?: string }[];
}

export async function readWithPdfjs(file: string): Promise<PdfjsText> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const data = new Uint8Array(await readFile(file));
  const pdf = await getDocument({ data, verbosity: 0, isEvalSupported: false, useSystemFonts: false }).promise;
  const layout: string[] = [];
  const tagged: string[] = [];
  const elements: PdfjsText['elements'] = [];
  try {
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number);
      const content = await page.getTextContent({ includeMarkedContent: true });
      const byId = new Map<string, string>();
      const open: (string | null)[] = [];
      let text = '';
      for (const item of content.items as TextItem[]) {
        if (item.type === 'beginMarkedContentProps' || item.type === 'beginMarkedContent') open.push(item.id ?? null);
        else if (item.type === 'endMarkedContent') open.pop();
        else if (item.str !== undefined) {
          const piece = item.str + (item.hasEOL ? '\n' : '');
          text += piece;
          const id = open.findLast((value) => value);
          if (id) byId.set(id, (byId.get(id) ?? '') + piece);
        }
      }
      layout.push(text);
      const tree = (await page.getStructTree()) as StructNode | null;
      if (tree) tagged.push(structText(tree, byId, elements));
      page.cleanup();
    }
  } finally {
    await pdf.destroy();
  }
  return { layout: layout.join('\n'), tagged: tagged.join('\n'), elements };
}

function structText(node: StructNode, byId: Map<string, string>, elements: PdfjsText['elements']): string {
  if (node.type === 'content') return node.id ? (byId.get(node.id) ?? '') : '';
  if (node.role) elements.push({ role: node.role, ...(node.alt !== undefined ? { alt: node.alt } : {}) });
  const inner = (node.children ?? []).map((child) => structText(child, byId, elements)).join('');
  return node.role && !INLINE_ROLES.has(node.role) ? `\n${inner}\n` : inner;
}
