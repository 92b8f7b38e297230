import { Readability } from '@mozilla/readability';
import { removeBoilerplate } from './boilerplate.js';
import { articleRoot, removeChrome } from './site-frame.js';
import { restoreFromSource } from './source-map.js';

export type ReadabilityArticle = NonNullable<ReturnType<Readability['parse']>>;

export interface Extraction {
  /** The article's content, an element of the page's document (detached). */
  content: Element;
  /** What Readability inferred (title, byline, language), when it found an article. */
  readability?: ReadabilityArticle;
  /** Which strategy gave the content. */
  strategy: 'readability' | 'marked-block' | 'json-ld' | 'page';
}

const words = (text: string | null | undefined) => (text ?? '').split(/\s+/u).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;

/**
 * Find the article in a page. Readability runs first, on an untouched copy of
 * the page (its scoring reads the classes, ids and elements that a clean-up
 * would strip); the boilerplate it leaves is then taken out. Where it keeps
 * too little, the page's own marked article block (`itemprop=articleBody`,
 * `article`, `main`) or its JSON-LD `articleBody` is used instead.
 */
export function extractArticle(doc: Document, ldBody?: string): Extraction {
  const readability = new Readability(doc.cloneNode(true) as Document, { keepClasses: true }).parse() ?? undefined;
  const content = doc.createElement('div');
  if (readability?.content) {
    content.innerHTML = readability.content;
    restoreFromSource(content, doc);
    removeBoilerplate(content);
  }
  const found = words(content.textContent);
  const marked = markedBlock(doc);
  const markedWords = marked ? proseWords(marked) : 0;
  const ldWords = words(ldBody);
  // Too little: under half of what the page's own markup says the article is.
  const enough = Math.max(markedWords, ldWords) / 2;
  if (readability?.content && found >= 50 && found >= enough) return { content, readability, strategy: 'readability' };
  if (marked && markedWords >= found && markedWords >= ldWords / 2 && markedWords > 0) return { content: marked, readability, strategy: 'marked-block' };
  if (ldBody && ldWords > found) return { content: paragraphs(doc, ldBody), readability, strategy: 'json-ld' };
  if (readability?.content && found > 0) return { content, readability, strategy: 'readability' };
  const page = doc.createElement('div');
  const copy = doc.cloneNode(true) as Document;
  removeChrome(copy);
  page.innerHTML = copy.body?.innerHTML ?? '';
  removeBoilerplate(page);
  return { content: page, readability, strategy: 'page' };
}

/** The page's marked article block, on a copy without the site chrome and boilerplate. */
function markedBlock(doc: Document): Element | undefined {
  const copy = doc.cloneNode(true) as Document;
  removeChrome(copy);
  const root = articleRoot(copy);
  if (!root) return undefined;
  const block = doc.createElement('div');
  block.innerHTML = root.innerHTML;
  removeBoilerplate(block);
  return block;
}

/** Words of the block's text that are not in links: what a menu or a list of headlines lacks. */
function proseWords(element: Element): number {
  const links = [...element.querySelectorAll('a')].reduce((sum, link) => sum + words(link.textContent), 0);
  return Math.max(0, words(element.textContent) - links);
}

/** JSON-LD's plain-text articleBody as paragraphs, one per line (or per blank line where it has them). */
function paragraphs(doc: Document, body: string): Element {
  const block = doc.createElement('div');
  const parts = /\n\s*\n/.test(body) ? body.split(/\n\s*\n/) : body.split(/\n/);
  for (const part of parts.map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean)) {
    const paragraph = doc.createElement('p');
    paragraph.textContent = part;
    block.append(paragraph);
  }
  return block;
}
