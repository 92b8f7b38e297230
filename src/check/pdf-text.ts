/**
 * The PDF as pdf.js (the reader inside Firefox) sees it: text items with
 * their marked content, font sizes, and the outline.
 */

interface TextItem { str: string; transform: number[]; }
interface MarkedItem { type: string; id?: string | null; tag?: string }

export interface StrayText {
  page: number;
  text: string;
  /** Where on the page: the top or bottom margin, or the body. */
  where: 'top' | 'bottom' | 'body';
}

export interface PdfjsView {
  /** Text drawn outside tagged content and artifacts. */
  stray: StrayText[];
  /** Font sizes (pt) of tagged text, one entry per item, with its characters. */
  sizes: { size: number; chars: number }[];
  /** Outline entries in order, with their depth (1 = top level). */
  outline: { level: number; title: string }[];
}

interface OutlineNode { title: string; items: OutlineNode[] }

function flatten(nodes: OutlineNode[] | null, level = 1, into: PdfjsView['outline'] = []): PdfjsView['outline'] {
  for (const node of nodes ?? []) {
    into.push({ level, title: node.title });
    flatten(node.items, level + 1, into);
  }
  return into;
}

export async function readWithPdfjs(bytes: Uint8Array): Promise<PdfjsView> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({ data: bytes.slice(), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 });
  const pdf = await task.promise;
  const view: PdfjsView = { stray: [], sizes: [], outline: [] };
  try {
    view.outline = flatten((await pdf.getOutline()) as OutlineNode[] | null);
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number);
      const height = page.view[3]! - page.view[1]!;
      const content = await page.getTextContent({ includeMarkedContent: true });
      // Each open marked-content sequence: tagged content, an artifact, or neither.
      const stack: ('tag' | 'artifact' | 'none')[] = [];
      for (const item of content.items as (TextItem | MarkedItem)[]) {
        if ('type' in item) {
          if (item.type === 'endMarkedContent') stack.pop();
          else stack.push(item.tag === 'Artifact' ? 'artifact' : item.id ? 'tag' : 'none');
          continue;
        }
        if (!item.str.trim()) continue;
        if (stack.includes('artifact')) continue;
        if (stack.includes('tag')) {
          view.sizes.push({ size: Math.hypot(item.transform[2]!, item.transform[3]!), chars: item.str.length });
          continue;
        }
        const y = item.transform[5]! - page.view[1]!;
        const where = y > height * 0.88 ? 'top' : y < height * 0.12 ? 'bottom' : 'body';
        view.stray.push({ page: number, text: item.str, where });
      }
      page.cleanup();
    }
  } finally {
    await task.destroy();
  }
  return view;
}
