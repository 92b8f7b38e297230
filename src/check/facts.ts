import { readFile } from 'node:fs/promises';
import { JSDOM } from 'jsdom';
import type { ArticleFacts } from './types.js';
import { words } from './words.js';

/**
 * Elements that run on inside a line: as heard (and as the captions give it), "expand<a>ed</a>" is one word,
 * "<code>id</code>s" is "ids". Anything else is kept apart from its neighbours.
 */
const INLINE = new Set(['A', 'ABBR', 'B', 'BDI', 'BDO', 'CITE', 'CODE', 'DATA', 'DEL', 'DFN', 'EM', 'I', 'INS', 'KBD', 'MARK', 'Q', 'S', 'SAMP', 'SMALL', 'SPAN', 'STRONG', 'SUB', 'SUP', 'TIME', 'U', 'VAR']);

/**
 * Text of an element as read aloud: hidden parts and scripts left out, blocks kept apart. With `joinInline`,
 * inline elements are not (words split by markup stay whole, as a listener hears them).
 */
function readableText(element: Element, skip: (el: Element) => boolean = () => false, joinInline = false): string {
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === 3) parts.push(node.textContent ?? '');
    if (node.nodeType !== 1) return;
    const el = node as Element;
    if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return;
    if (['SCRIPT', 'STYLE', 'TEMPLATE', 'AUDIO', 'VIDEO', 'NOSCRIPT'].includes(el.tagName)) return;
    // Screen-reader labels the page adds (a table's caption, a back link's name) are the page's, not the article's.
    if (el.tagName === 'IMG' || el.classList.contains('sr-only') || skip(el)) return;
    const apart = !(joinInline && INLINE.has(el.tagName));
    if (apart) parts.push(' ');
    for (const child of el.childNodes) walk(child);
    if (apart) parts.push(' ');
  };
  walk(element);
  return parts.join('');
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
  const text = `${titleInArticle ? '' : title} ${readableText(article)}`;
  const unspoken = (el: Element) => el.tagName === 'PRE' || (el.tagName === 'SUP' && Boolean(el.querySelector('a[data-footnote-ref], a[href^="#"]')));
  const spoken = `${titleInArticle ? '' : title} ${readableText(article, unspoken, true)}`;
  return {
    page: file,
    title,
    lang: document.documentElement.getAttribute('lang') ?? '',
    dir: document.documentElement.getAttribute('dir') ?? 'ltr',
    headings,
    words: words(text),
    spokenWords: words(spoken),
  };
}
