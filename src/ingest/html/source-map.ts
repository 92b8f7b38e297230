import { isTrackingImage } from './images.js';

/**
 * Readability copies the article out of the page and, on the way, loses what
 * the page said about each block: the classes of the containers it came from,
 * the level of its headings, the headings it judged spurious. This module finds
 * each block of the extracted article again in the page, by its text, and puts
 * that back.
 */

export const BLOCKS = 'p, li, h1, h2, h3, h4, h5, h6, blockquote, figcaption, dt, dd, pre';
const HEADINGS = 'h1, h2, h3, h4, h5, h6';
/** Containers that are not the article, whatever their class. */
const CHROME_TAGS = new Set(['NAV', 'ASIDE', 'FOOTER', 'FORM', 'MENU']);
/** Class or id words of containers that hold no article text: comments, related lists, share bars, sidebars. */
const CHROME_WORDS = new Set([
  'comment', 'comments', 'respond', 'reply', 'replies', 'disqus', 'share', 'sharing', 'social', 'related', 'recommended',
  'newsletter', 'subscribe', 'sidebar', 'widget', 'promo', 'advert', 'advertisement', 'ad', 'ads', 'sponsored', 'outbrain',
  'taboola', 'footer', 'breadcrumb', 'breadcrumbs', 'popular', 'trending', 'more-stories',
]);

const normal = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

function chromeWord(element: Element): boolean {
  if (CHROME_TAGS.has(element.tagName)) return true;
  const words = `${element.getAttribute('class') ?? ''} ${element.id}`.toLowerCase().split(/[\s_-]+/);
  return words.some((word) => CHROME_WORDS.has(word));
}

/** The page's blocks by their text. */
function indexBlocks(doc: Document): Map<string, Element[]> {
  const index = new Map<string, Element[]>();
  for (const element of doc.body?.querySelectorAll(BLOCKS) ?? []) {
    const text = normal(element.textContent);
    if (!text) continue;
    const list = index.get(text) ?? [];
    list.push(element);
    index.set(text, list);
  }
  return index;
}

export interface SourceMap {
  /** The page's element a block of the extracted article came from, if found. */
  source(block: Element): Element | undefined;
  /** Every element of the page with the block's text. */
  sources(block: Element): Element[];
}

export function sourceMap(doc: Document): SourceMap {
  const index = indexBlocks(doc);
  return {
    source(block) {
      const found = index.get(normal(block.textContent));
      return found?.find((element) => element.tagName === block.tagName) ?? found?.[0];
    },
    sources(block) {
      return index.get(normal(block.textContent)) ?? [];
    },
  };
}

/**
 * Put back into the extracted article what the page says of its blocks:
 * drop blocks that come from comment threads, related lists and other
 * chrome containers (Readability appends such siblings without their class),
 * give headings back the level they have in the page (Readability makes every
 * h1 an h2), drop tracking images.
 */
export function restoreFromSource(content: Element, doc: Document): void {
  const map = sourceMap(doc);
  const anchor = longestBlock(content);
  const anchorSource = anchor && map.source(anchor);
  for (const block of [...content.querySelectorAll(BLOCKS)]) {
    if (!content.contains(block)) continue;
    const sources = map.sources(block);
    if (!anchorSource || sources.length === 0 || sources.includes(anchorSource)) continue;
    if (sources.every((source) => underChrome(source, anchorSource))) block.remove();
  }
  for (const heading of [...content.querySelectorAll(HEADINGS)]) {
    const source = map.source(heading);
    if (source && /^H[1-6]$/.test(source.tagName) && source.tagName !== heading.tagName) rename(heading, source.tagName.toLowerCase());
  }
  restoreHeadings(content, map, anchorSource);
  // Readability strips the style that shows a beacon as 1×1: judge each image as the page has it.
  const trackers = new Set<string>();
  for (const img of doc.querySelectorAll('img')) {
    const src = img.getAttribute('src') ?? img.getAttribute('data-src') ?? '';
    if (isTrackingImage(src, img.getAttribute('width'), img.getAttribute('height'), img.getAttribute('style'))) trackers.add(src).add((img as HTMLImageElement).src);
  }
  for (const img of [...content.querySelectorAll('img')]) {
    const src = img.getAttribute('src') ?? img.getAttribute('data-src') ?? '';
    if (trackers.has(src) || isTrackingImage(src, img.getAttribute('width'), img.getAttribute('height'), img.getAttribute('style'))) img.remove();
  }
}

/** Whether a chrome container holds the block but not the article's longest paragraph. */
function underChrome(source: Element, anchor: Element): boolean {
  for (let element = source.parentElement; element && element.tagName !== 'BODY'; element = element.parentElement) {
    if (element.contains(anchor)) return false;
    if (chromeWord(element)) return true;
  }
  return false;
}

function longestBlock(content: Element): Element | undefined {
  let best: Element | undefined;
  let length = 0;
  for (const block of content.querySelectorAll('p')) {
    const size = normal(block.textContent).length;
    if (size > length) [best, length] = [block, size];
  }
  return best;
}

function rename(element: Element, tag: string): void {
  const replacement = element.ownerDocument.createElement(tag);
  for (const attribute of [...element.attributes]) replacement.setAttribute(attribute.name, attribute.value);
  while (element.firstChild) replacement.append(element.firstChild);
  element.replaceWith(replacement);
}

/**
 * Headings of the page that Readability dropped (it removes an h1 or h2 whose
 * class it scores low, and one that repeats the title) go back before the
 * block that follows them in the page, when that block was kept and the
 * heading stands in the article's own container.
 */
function restoreHeadings(content: Element, map: SourceMap, anchor: Element | undefined): void {
  if (!anchor) return;
  const kept = new Map<Element, Element>();
  for (const block of content.querySelectorAll(BLOCKS)) {
    const source = map.source(block);
    if (source && !kept.has(source)) kept.set(source, block);
  }
  const inContent = new Set([...content.querySelectorAll(HEADINGS)].map((h) => normal(h.textContent)));
  const container = articleContainer(anchor, kept);
  if (!container) return;
  for (const heading of container.querySelectorAll('h2, h3, h4, h5, h6')) {
    const text = normal(heading.textContent);
    if (!text || inContent.has(text) || underChrome(heading, anchor) || text.split(' ').length > 20) continue;
    const next = nextKept(heading, container, kept);
    if (!next) continue;
    const copy = content.ownerDocument.createElement(heading.tagName.toLowerCase());
    copy.textContent = text;
    if (heading.id) copy.id = heading.id;
    next.before(copy);
    inContent.add(text);
  }
}

/** The page's element that holds the longest paragraph and most of the kept blocks. */
function articleContainer(anchor: Element, kept: Map<Element, Element>): Element | undefined {
  const sources = [...kept.keys()];
  for (let element = anchor.parentElement; element && element.tagName !== 'BODY'; element = element.parentElement) {
    const inside = sources.filter((source) => element.contains(source)).length;
    if (inside >= sources.length * 0.8) return element;
  }
  return undefined;
}

/** The first block after `heading` in the page that the article kept (its copy in the article). */
function nextKept(heading: Element, container: Element, kept: Map<Element, Element>): Element | undefined {
  const walker = container.ownerDocument.createTreeWalker(container, 1);
  walker.currentNode = heading;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const copy = kept.get(node as Element);
    if (copy) return copy.isConnected || copy.parentElement ? copy : undefined;
    if (/^H[1-6]$/.test((node as Element).tagName)) return undefined;
  }
  return undefined;
}
