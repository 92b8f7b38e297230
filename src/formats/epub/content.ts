import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import { SKIP, visit } from 'unist-util-visit';
import type { ArticleDocument } from '../../document/types.js';
import type { PrintPagesHandoff } from '../edition.js';
import { bodyToHast } from '../../render/body.js';
import { displayDate } from '../../render/dates.js';
import { insertPageBreaks, pageBreakMarker } from '../../render/page-breaks.js';
import { joinNames, pageStrings } from '../../render/strings.js';

/** Id of the section holding the whole article in the content document. */
export const ARTICLE_ID = 'article';

/** The masthead of the book's one content document: the title and the byline, with the ids the narration's cues carry. */
function masthead(doc: ArticleDocument): ElementContent[] {
  const { title, authors, date, lang } = doc.meta;
  const byline: (ElementContent | string)[] = [];
  if (authors.length) byline.push(h('span', { id: 'byline-authors' }, `${pageStrings(lang).by} ${joinNames(authors, lang)}`));
  if (date) {
    if (byline.length) byline.push(' · ');
    byline.push(h('time', { id: 'byline-date', dateTime: date }, displayDate(date, lang)));
  }
  return [h('h1', { id: 'title' }, title), ...(byline.length ? [h('p', { className: ['byline'] }, byline)] : [])];
}

function has(node: Element, property: string): boolean {
  return Boolean(node.properties && property in node.properties);
}

/**
 * GFM footnotes as EPUB notes: the references become noterefs, each note an
 * `aside` footnote (reading systems show it as a pop-up), the back-links
 * backlinks. The notes' heading, hidden on the web page, is shown in the book.
 */
function markFootnotes(body: ElementContent[]): void {
  const root = { type: 'root' as const, children: body };
  visit(root, 'element', (node) => {
    if (node.tagName === 'a' && has(node, 'dataFootnoteRef')) {
      node.properties = { ...node.properties, 'epub:type': 'noteref', role: 'doc-noteref' };
    } else if (node.tagName === 'a' && has(node, 'dataFootnoteBackref')) {
      node.properties = { ...node.properties, role: 'doc-backlink' };
    } else if (node.tagName === 'h2' && node.properties?.id === 'footnote-label') {
      node.properties = { ...node.properties, className: ['footnotes-title'] };
    } else if (node.tagName === 'section' && has(node, 'dataFootnotes')) {
      visit(node, 'element', (item) => {
        if (item.tagName !== 'li' || !item.properties?.id) return undefined;
        const id = item.properties.id;
        delete item.properties.id;
        item.children = [h('aside', { id, 'epub:type': 'footnote', role: 'doc-footnote' }, item.children as ElementContent[])];
        return SKIP;
      });
    }
  });
}

/** Table-cell alignment as a class: XHTML has no `align` attribute. */
function alignCells(body: ElementContent[]): void {
  visit({ type: 'root', children: body }, 'element', (node) => {
    const align = node.properties?.align;
    if (typeof align !== 'string') return;
    delete node.properties.align;
    node.properties.className = [...((node.properties.className as string[] | undefined) ?? []), `align-${align}`];
  });
}

export interface ContentOptions {
  printPages?: PrintPagesHandoff;
}

/**
 * The body of the book's content document, from the same tree as the web
 * page (bodyToHast): the title and byline, the article, its notes, with a
 * page-break marker where each page of the standard PDF begins.
 */
export function bookBody(doc: ArticleDocument, options: ContentOptions): ElementContent[] {
  const { lang } = doc.meta;
  const marker = (page: number) => pageBreakMarker(page, lang, { 'epub:type': 'pagebreak', className: ['pagebreak'] });
  const body = bodyToHast(doc);
  const pages = options.printPages?.pages ?? [];
  // Markers go in before anything is added, so the body is the one print counted in.
  if (pages.length) insertPageBreaks(body, pages, marker);
  markFootnotes(body);
  alignCells(body);
  const first = pages.length ? [marker(1)] : [];
  return [h('section', { id: ARTICLE_ID, 'epub:type': 'bodymatter chapter', role: 'doc-chapter', ariaLabelledBy: 'title' }, [...first, ...masthead(doc), ...body])];
}
