import type { Root } from 'mdast';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import type { VFile } from 'vfile';
import type { ReaderResult } from '../../document/types.js';

// Placeholder reader: parses CommonMark + GFM; front matter is not read yet.
export function readMarkdown(text: string, file: VFile): ReaderResult {
  const tree = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).parse(text) as Root;
  tree.children = tree.children.filter((n) => n.type !== 'yaml');
  void file;
  return { tree, meta: {} };
}
