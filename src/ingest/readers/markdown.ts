import type { Root } from 'mdast';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import { toString } from 'mdast-util-to-string';
import type { VFile } from 'vfile';
import { InputError } from '../../common/errors.js';
import type { ReaderResult } from '../../document/types.js';
import { readFrontMatter } from '../markdown/front-matter.js';
import remarkRawHtml from '../markdown/raw-html.js';
import remarkSafeUrls from '../markdown/safe-urls.js';

/**
 * Read a Markdown article: CommonMark with GFM (tables, footnotes,
 * strikethrough, task lists, autolinks) and YAML front matter.
 * Raw HTML is parsed and kept where it means something (see ../markdown/raw-html.ts).
 */
export function readMarkdown(text: string, file: VFile): ReaderResult {
  const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']);
  const tree = processor.parse(text) as Root;
  const meta = readFrontMatter(tree, file);
  remarkRawHtml()(tree);
  remarkSafeUrls()(tree);
  if (!/[\p{L}\p{N}]/u.test(toString(tree))) throw new InputError(file.path, 'no article text after the front matter');
  return { tree, meta };
}
