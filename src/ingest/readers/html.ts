import type { Root } from 'mdast';
import { unified } from 'unified';
import rehypeParse from 'rehype-parse';
import { toMdast } from 'hast-util-to-mdast';
import type { VFile } from 'vfile';
import type { ReaderResult } from '../../document/types.js';

// Placeholder reader: the whole page body, no extraction yet.
export function readHtml(text: string, file: VFile): ReaderResult {
  void file;
  const hast = unified().use(rehypeParse).parse(text);
  const tree = toMdast(hast) as Root;
  return { tree, meta: {} };
}
