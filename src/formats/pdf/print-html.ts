import type { Element, ElementContent, Root, Text } from 'hast';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import { SKIP, visit } from 'unist-util-visit';
import type { ArticleDocument } from '../../document/types.js';
import { bodyToHast } from '../../render/body.js';
import { displayDate } from '../../render/dates.js';
import { joinNames, pageStrings } from '../../render/strings.js';
import type { PrintVariant } from './render-pdf.js';
import { fitTables, TABLE_MEASURES } from './wide-tables.js';
import { collapseSpaces } from './line-end-spaces.js';

export interface PrintHtmlOptions {
  /** The print stylesheet, inlined: Paged.js re-fetches linked sheets, and the page may fetch nothing we do not serve. */
  css: string;
  /** Base URL the article's relative references (images) resolve against. */
  baseUrl: string;
  /** Which edition the document is for: it decides how wide a table may be before it is turned. Standard by default. */
  variant?: PrintVariant;
}

// Elements that could run code or pull in another document; the body comes from
// mdast without raw HTML, so this is a second line of defence, not the first.
const DROPPED = new Set(['script', 'iframe', 'object', 'embed', 'frame', 'frameset', 'noscript', 'template', 'base', 'form', 'input', 'button']);

/**
 * The print document: title, byline, body and bio from the same tree as the
 * web page, with no page script and no web-only furniture (skip link, player,
 * editions menu). Links carry their URL in the text, for paper.
 */
export function printHtml(doc: ArticleDocument, options: PrintHtmlOptions): string {
  const { title, lang, dir, description, authors, keywords } = doc.meta;
  const body = bodyToHast(doc);
  // The article carries the direction itself: the page boxes around it stay left to right (see print.css).
  const article = h('article', { ariaLabelledBy: 'title', dir }, [
    h('header', { className: ['masthead'] }, [h('h1', { id: 'title' }, title), ...byline(doc)]),
    ...body,
  ]);
  const tree: Root = {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang, dir }, [
        h('head', [
          h('meta', { charSet: 'utf-8' }),
          h('title', title),
          h('base', { href: options.baseUrl }),
          authors.length ? h('meta', { name: 'author', content: authors.join(', ') }) : undefined,
          description ? h('meta', { name: 'description', content: description }) : undefined,
          keywords.length ? h('meta', { name: 'keywords', content: keywords.join(', ') }) : undefined,
          h('style', options.css),
        ].filter((node) => node !== undefined)),
        h('body', [article]),
      ]),
    ],
  };
  shapeForPrint(tree, { variant: options.variant ?? 'standard', lang });
  return toHtml(tree, { allowDangerousCharacters: false });
}

function byline(doc: ArticleDocument): ElementContent[] {
  const { authors, date, lang } = doc.meta;
  const parts: (ElementContent | string)[] = [];
  if (authors.length) parts.push(`${pageStrings(lang).by} `, joinNames(authors, lang));
  if (date) {
    if (parts.length) parts.push(' · ');
    parts.push(h('time', { dateTime: date }, displayDate(date, lang)));
  }
  return parts.length ? [h('p', { className: ['byline'] }, parts)] : [];
}

/** Everything print needs done to the tree, in one walk per concern. */
export function shapeForPrint(tree: Root, edition: { variant: PrintVariant; lang: string } = { variant: 'standard', lang: 'en' }): void {
  dropActiveContent(tree);
  printLinkTargets(tree);
  // After the link targets, which widen a cell; before keepTogether, which splits text into spans.
  fitTables(tree, TABLE_MEASURES[edition.variant], pageStrings(edition.lang).tableTurned);
  keepTogether(tree);
  keepInterElementSpaces(tree);
  // Last: every step before may add or move text.
  collapseSpaces(tree);
}

const PHRASING = new Set(['a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'i', 'ins', 'kbd', 'mark', 'q', 's', 'samp', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var']);

function isPhrasing(node: ElementContent | undefined): node is Element {
  return node?.type === 'element' && PHRASING.has(node.tagName);
}

/**
 * Paged.js drops whitespace-only text nodes when it carries content over to a
 * new page, so on page 2 onwards "</span> <span>" ran the words together. The
 * space moves into a neighbouring inline element, where it survives.
 */
function keepInterElementSpaces(tree: Root): void {
  visit(tree, 'element', (node) => {
    const kids = node.children;
    for (let i = kids.length - 1; i >= 0; i--) {
      const kid = kids[i];
      if (kid.type !== 'text' || !/^[ \t\n\r]+$/.test(kid.value)) continue;
      const previous = kids[i - 1];
      const next = kids[i + 1];
      if (!isPhrasing(previous) && !isPhrasing(next)) continue;
      // A link would underline the space; the following element takes it instead.
      if (isPhrasing(next) && (!isPhrasing(previous) || previous.tagName === 'a') && next.tagName !== 'a') next.children.unshift({ type: 'text', value: ' ' });
      else if (isPhrasing(previous)) previous.children.push({ type: 'text', value: ' ' });
      else if (isPhrasing(next)) next.children.unshift({ type: 'text', value: ' ' });
      kids.splice(i, 1);
    }
  });
}

function dropActiveContent(tree: Root): void {
  visit(tree, 'element', (node, index, parent) => {
    // A task list's checkbox prints as a box, ticked or not.
    if (parent && index !== undefined && node.tagName === 'input' && node.properties?.type === 'checkbox') {
      parent.children.splice(index, 1, { type: 'text', value: node.properties.checked ? '\u2611' : '\u2610' });
      return [SKIP, index + 1];
    }
    if (parent && index !== undefined && DROPPED.has(node.tagName) && !(node.tagName === 'base' && parent.type === 'element' && parent.tagName === 'head')) {
      parent.children.splice(index, 1);
      return [SKIP, index];
    }
    for (const key of Object.keys(node.properties ?? {})) {
      if (/^on/i.test(key)) delete node.properties[key];
    }
    for (const key of ['href', 'src', 'action', 'formAction', 'xLinkHref']) {
      const value = node.properties?.[key];
      if (typeof value === 'string' && /^\s*(javascript|vbscript|data:text\/html)/i.test(value)) delete node.properties[key];
    }
    // Footnote back-references point nowhere on paper.
    if (node.tagName === 'a' && node.properties && 'dataFootnoteBackref' in node.properties && parent && index !== undefined) {
      parent.children.splice(index, 1);
      return [SKIP, index];
    }
    return undefined;
  });
}

/** The URL a reader of the paper copy would type, or undefined for in-page and script links. */
export function printableTarget(href: string): string | undefined {
  if (!href || href.startsWith('#')) return undefined;
  if (/^mailto:/i.test(href)) return href.slice('mailto:'.length).split('?')[0];
  if (/^https?:\/\//i.test(href)) return href.replace(/^https?:\/\//i, '').replace(/\/$/, '');
  return undefined;
}

/**
 * Links that run on, with no text between, into a link to the same place: a
 * word the source split in two ("expand<a>ed</a>" after "<a>expand</a>").
 * The address is printed once, after the last, not in the middle of the word.
 */
function continuedLinks(tree: Root): Set<Element> {
  const continued = new Set<Element>();
  let previous: Element | undefined;
  visit(tree, (node) => {
    if (node.type === 'text' && node.value) previous = undefined;
    if (node.type !== 'element' || node.tagName !== 'a') return undefined;
    if (previous && previous.properties?.href === node.properties?.href) continued.add(previous);
    previous = node;
    return SKIP;
  });
  return continued;
}

function printLinkTargets(tree: Root): void {
  const continued = continuedLinks(tree);
  visit(tree, 'element', (node, index, parent) => {
    if (node.tagName !== 'a' || !parent || index === undefined) return undefined;
    const target = printableTarget(String(node.properties?.href ?? ''));
    if (!target || continued.has(node)) return SKIP;
    const text = textOf(node).trim().replace(/^https?:\/\//i, '').replace(/\/$/, '');
    // A bare URL already prints itself.
    if (text === target) return SKIP;
    // An address reads left to right even in a right-to-left article: it is isolated, its brackets follow the text around it.
    parent.children.splice(index + 1, 0, h('span', { className: ['print-url'] }, [' (', h('bdi', { dir: 'ltr' }, target), ')']));
    return [SKIP, index + 2];
  });
}

function textOf(node: ElementContent): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element') return node.children.map(textOf).join('');
  return '';
}

// Words joined by no-break spaces, and hyphenated words that open with a capital, such as IS-K, COVID-19 or IS-Khorasan.
const NO_BREAK_RUN = /\S*[\u00a0\u202f\u2007\u2011]\S*(?:[\u00a0\u202f\u2007\u2011]\S*)*/gu;
const HYPHENATED_ACRONYM = /(?<![\p{L}\p{N}-])\p{Lu}[\p{Lu}\p{N}]*(?:-[\p{L}\p{N}]+)+(?![\p{L}\p{N}-])/gu;

/**
 * Chromium tags text with no-break spaces as nested Spans with ActualText,
 * which hides the rest of the paragraph from structure-text extraction. So no
 * such character reaches the printer: the words they held together go in a
 * `.nowrap` span with ordinary spaces, which keeps them on one line just the same.
 * Hyphenated acronyms get the same span, so "IS-K" never splits at the hyphen.
 */
function keepTogether(tree: Root): void {
  visit(tree, 'text', (node: Text, index, parent) => {
    if (!parent || index === undefined || parent.type !== 'element') return undefined;
    if (['style', 'title', 'script'].includes(parent.tagName)) return undefined;
    if (parent.tagName === 'span' && (parent.properties?.className as string[] | undefined)?.includes('nowrap')) {
      node.value = plainSpaces(node.value);
      return undefined;
    }
    const pieces = splitKeepTogether(node.value);
    if (pieces.length === 1 && typeof pieces[0] === 'string') return undefined;
    const replacement: ElementContent[] = pieces.map((piece) =>
      typeof piece === 'string' ? { type: 'text', value: piece } : h('span', { className: ['nowrap'] }, piece.keep),
    );
    parent.children.splice(index, 1, ...replacement);
    return [SKIP, index + replacement.length];
  });
}

function plainSpaces(text: string): string {
  return text.replace(/[\u00a0\u202f\u2007]/g, ' ').replace(/\u2011/g, '-');
}

/** Split text into plain runs and runs that must stay on one line. */
export function splitKeepTogether(text: string): (string | { keep: string })[] {
  const ranges: [number, number][] = [];
  for (const pattern of [NO_BREAK_RUN, HYPHENATED_ACRONYM]) {
    for (const match of text.matchAll(pattern)) ranges.push([match.index!, match.index! + match[0].length]);
  }
  if (!ranges.length) return [text];
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  const out: (string | { keep: string })[] = [];
  let at = 0;
  for (const [start, end] of merged) {
    if (start > at) out.push(text.slice(at, start));
    out.push({ keep: plainSpaces(text.slice(start, end)) });
    at = end;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

