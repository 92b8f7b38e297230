import type { ElementContent } from 'hast';
import type { Heading } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { h } from 'hastscript';
import type { ArticleDocument } from '../../document/types.js';
import { wordsFor } from '../../document/words.js';
import { pageBreakId } from '../../render/page-breaks.js';
import { xhtmlDocument } from './xhtml.js';

/** The navigation document's own words. */
interface NavWords {
  contents: string;
  landmarks: string;
  pages: string;
  start: string;
}

/** The navigation document's words in the article's language (data/words.yaml, "epub-nav"), English where we have none. */
export function navWords(lang: string): NavWords {
  return wordsFor<NavWords>('epub-nav', lang);
}

interface Entry {
  id: string;
  title: string;
  children: Entry[];
}

/** The article's headings as a tree under the title (depth 1). */
function headingTree(doc: ArticleDocument): Entry {
  const root: Entry = { id: 'title', title: doc.meta.title, children: [] };
  const stack: { depth: number; entry: Entry }[] = [{ depth: 1, entry: root }];
  for (const node of doc.tree.children) {
    if (node.type !== 'heading' || node.depth === 1) continue;
    const id = String((node as Heading).data?.hProperties?.id ?? '');
    if (!id) continue;
    const entry: Entry = { id, title: toString(node), children: [] };
    while (stack.length > 1 && stack[stack.length - 1]!.depth >= node.depth) stack.pop();
    stack[stack.length - 1]!.entry.children.push(entry);
    stack.push({ depth: node.depth, entry });
  }
  return root;
}

function tocList(entries: Entry[], content: string): ElementContent {
  return h(
    'ol',
    entries.map((entry) => h('li', [h('a', { href: `${content}#${entry.id}` }, entry.title), ...(entry.children.length ? [tocList(entry.children, content)] : [])])),
  );
}

/** The EPUB navigation document: the table of contents, the landmarks, and the print edition's pages. */
export function navDocument(doc: ArticleDocument, options: { content: string; pages: number[]; stylesheet: string }): string {
  const { lang, dir, title } = doc.meta;
  const words = navWords(lang);
  const { content } = options;
  const body: ElementContent[] = [
    h('nav', { 'epub:type': 'toc', role: 'doc-toc', id: 'toc', ariaLabelledBy: 'toc-title' }, [h('h1', { id: 'toc-title' }, words.contents), tocList([headingTree(doc)], content)]),
    h('nav', { 'epub:type': 'landmarks', id: 'landmarks', ariaLabelledBy: 'landmarks-title', hidden: true }, [
      h('h2', { id: 'landmarks-title' }, words.landmarks),
      // The navigation document is not in the spine, so the landmarks cannot point at its table of contents.
      h('ol', [h('li', h('a', { 'epub:type': 'bodymatter', href: `${content}#article` }, words.start))]),
    ]),
  ];
  if (options.pages.length) {
    body.push(
      h('nav', { 'epub:type': 'page-list', role: 'doc-pagelist', id: 'page-list', ariaLabelledBy: 'page-list-title', hidden: true }, [
        h('h2', { id: 'page-list-title' }, words.pages),
        h('ol', options.pages.map((page) => h('li', h('a', { href: `${content}#${pageBreakId(page)}` }, String(page))))),
      ]),
    );
  }
  return xhtmlDocument({ lang, dir, title, stylesheets: [options.stylesheet], body });
}
