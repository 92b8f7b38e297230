import type { Paragraph, Root } from 'mdast';
import type { VFile } from 'vfile';
import type { ReaderResult } from '../../document/types.js';

// Placeholder reader: every blank-line-separated block is a paragraph.
export function readTxt(text: string, file: VFile): ReaderResult {
  void file;
  const blocks = text.split(/\n\s*\n/).map((b) => b.trim()).filter(Boolean);
  const children: Paragraph[] = blocks.map((value) => ({ type: 'paragraph', children: [{ type: 'text', value }] }));
  const tree: Root = { type: 'root', children };
  return { tree, meta: {} };
}
