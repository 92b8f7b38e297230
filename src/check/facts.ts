import { readFile } from 'node:fs/promises';
import { JSDOM } from 'jsdom';
import { escapeRegExp } from '../common/regexp.js';
import { wordTable } from '../document/words.js';
import type { ArticleFacts } from './types.js';
import { words } from './words.js';

/**
 * Elements that run on inside a line: as heard (and as the captions give it), "expand<a>ed</a>" is one word,
 * "<code>id</code>s" is "ids". Anything else is kept apart from its neighbours.
 */
const INLINE = new Set(['A', 'ABBR', 'B', 'BDI', 'BDO', 'CITE', 'CODE', 'DATA', 'DEL', 'DFN', 'EM', 'I', 'INS', 'KBD', 'MARK', 'Q', 'S', 'SAMP', 'SMALL', 'SPAN', 'STRONG', 'SUB', 'SUP', 'TIME', 'U', 'VAR']);

interface Reading {
  /** Elements left out. */
  skip?: (el: Element) => boolean;
  /** Inline elements run on into their neighbours' words, as a listener hears them. */
  joinInline?: boolean;
  /** An element's text as read, where it differs from its own text (undefined: read it as it is). */
  as?: (el: Element) => string | undefined;
}

/** Text of an element as read aloud: hidden parts and scripts left out, blocks kept apart. */
function readableText(element: Element, reading: Reading = {}): string {
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === 3) parts.push(node.textContent ?? '');
    if (node.nodeType !== 1) return;
    const el = node as Element;
    if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return;
    if (['SCRIPT', 'STYLE', 'TEMPLATE', 'AUDIO', 'VIDEO', 'NOSCRIPT'].includes(el.tagName)) return;
    // Screen-reader labels the page adds (a table's caption, a back link's name) are the page's, not the article's.
    if (el.tagName === 'IMG' || el.classList.contains('sr-only') || reading.skip?.(el)) return;
    const apart = !(reading.joinInline && INLINE.has(el.tagName));
    if (apart) parts.push(' ');
    const as = reading.as?.(el);
    if (as !== undefined) parts.push(as);
    else for (const child of el.childNodes) walk(child);
    if (apart) parts.push(' ');
  };
  walk(element);
  return parts.join('');
}

/**
 * What the narration does not read: code blocks (announced instead), footnote reference numbers (the notes are
 * read where they are), and the names the page gives links that have none (`data-name-from`, their address).
 */
const unspoken = (el: Element) =>
  el.tagName === 'PRE' || el.hasAttribute('data-name-from') || (el.tagName === 'SUP' && Boolean(el.querySelector('a[data-footnote-ref], a[href^="#"]')));

/** "Image" in every language the page has words for (data/words.yaml), then the picture's description. */
const IMAGE_LABEL = new RegExp(
  `^\\s*(?:${[...new Set(Object.values(wordTable<{ image: string }>('page')).map((words) => words.image))].map(escapeRegExp).join('|')})(?::\\s+([\\s\\S]*))?$`,
  'u',
);

/**
 * A picture from the web is shown as a link to it, "Image: <alt text>", or "Image" when it has none: the word
 * "Image" (in the article's language) is the page's own label (the narration says it in the article's language, or not at all for a picture
 * without a description, which is decorative); the description is the article's.
 */
const asSpoken = (el: Element) => {
  if (el.tagName !== 'A') return undefined;
  const label = IMAGE_LABEL.exec(el.textContent ?? '');
  return label ? (label[1] ?? '') : undefined;
};

/**
 * Arabic presentation forms (the shaped letters U+FB50–FDFF, U+FE70–FEFF) that some pages carry in place of
 * letters, as the print edition gives them (src/formats/pdf/to-unicode.ts): folded to the letter, where that is
 * one letter (a lam-alef ligature stays one character there).
 */
const foldPresentationForms = (text: string) =>
  text.replace(/[\uFB50-\uFDFF\uFE70-\uFEFE]/gu, (c) => (Array.from(c.normalize('NFKC')).length === 1 ? c.normalize('NFKC') : c));

const isCell = (el: Element) => el.tagName === 'TD' || el.tagName === 'TH';

/** The words of each table cell in the article, and the words outside them (a nested table's cells are its own). */
function tableWords(article: Element, title: string): Pick<ArticleFacts, 'cells' | 'outsideCells'> {
  const read = (el: Element, skip: (el: Element) => boolean) => words(foldPresentationForms(readableText(el, { joinInline: true, skip })));
  const cells = [...article.querySelectorAll('td, th')]
    .filter((cell) => !cell.closest('[hidden], [aria-hidden="true"], .sr-only'))
    .map((cell) => read(cell, (el) => el.tagName === 'TABLE'));
  return { cells, outsideCells: [...words(foldPresentationForms(title)), ...read(article, isCell)] };
}

/**
 * What a page says its article is: title, language, headings and words. The
 * words are those of the title and the <article> element (the byline, the
 * editions menu and the player are the page's own and may differ elsewhere).
 */
export async function pageFacts(file: string): Promise<ArticleFacts | undefined> {
  const html = await readFile(file, 'utf8').catch(() => undefined);
  if (html === undefined) return undefined;
  const { document } = new JSDOM(html).window;
  const article = document.querySelector('article');
  if (!article) return undefined;
  const heading = document.querySelector('h1');
  const title = (heading?.textContent ?? document.title).trim() || document.title.trim();
  const headings: ArticleFacts['headings'] = [{ level: 1, text: title }];
  for (const h of article.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
    if (h === heading || h.closest('[hidden]')) continue;
    const notes = Boolean(h.closest('[data-footnotes], .footnotes'));
    headings.push({ level: Number(h.tagName[1]), text: (h.textContent ?? '').replace(/\s+/gu, ' ').trim(), notes });
  }
  const titleInArticle = heading ? article.contains(heading) : false;
  const ownTitle = titleInArticle ? '' : title;
  const text = `${ownTitle} ${readableText(article, { joinInline: true })}`;
  const spoken = `${ownTitle} ${readableText(article, { skip: unspoken, joinInline: true, as: asSpoken })}`;
  return {
    page: file,
    title,
    lang: document.documentElement.getAttribute('lang') ?? '',
    dir: document.documentElement.getAttribute('dir') ?? 'ltr',
    headings,
    words: words(foldPresentationForms(text)),
    ...tableWords(article, ownTitle),
    addresses: [...article.querySelectorAll('a[href]')].flatMap((a) => words(a.getAttribute('href') ?? '')),
    spokenWords: words(spoken),
  };
}
