import type { Root } from 'mdast';
import { toHast } from 'mdast-util-to-hast';
import { toHtml } from 'hast-util-to-html';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { VFile } from 'vfile';
import type { ArticleMetadata } from '../../src/document/types.js';
import '../../src/document/file-data.js';

/** Markdown → mdast, the way the Markdown reader starts (CommonMark + GFM). */
export function md(text: string): Root {
  return unified().use(remarkParse).use(remarkGfm).parse(text) as Root;
}

/** A file as the document pipeline hands it to its steps: with the metadata being completed, when given. */
export function file(meta?: ArticleMetadata): VFile {
  const vfile = new VFile({ path: 'test.md' });
  if (meta) vfile.data.meta = meta;
  return vfile;
}

/** mdast → HTML, the way the page renders it. */
export function html(tree: Root): string {
  return toHtml(toHast(tree));
}
