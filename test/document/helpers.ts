import type { Root } from 'mdast';
import { toHast } from 'mdast-util-to-hast';
import { toHtml } from 'hast-util-to-html';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { VFile } from 'vfile';

/** Markdown → mdast, the way the Markdown reader starts (CommonMark + GFM). */
export function md(text: string): Root {
  return unified().use(remarkParse).use(remarkGfm).parse(text) as Root;
}

export function file(): VFile {
  return new VFile({ path: 'test.md' });
}

/** mdast → HTML, the way the page renders it. */
export function html(tree: Root): string {
  return toHtml(toHast(tree));
}
