import type { Root } from 'mdast';
import { fromHtml } from 'hast-util-from-html';
import { JSDOM, VirtualConsole } from 'jsdom';
import { Readability } from '@mozilla/readability';
import type { VFile } from 'vfile';
import type { ReaderResult } from '../../document/types.js';
import { articleRoot, removeChrome } from '../html/chrome.js';
import { prepareHtmlImages } from '../html/images.js';
import { readHtmlMetadata } from '../html/metadata.js';
import { sanitizeArticleHtml } from '../html/sanitize.js';
import { htmlToMdast } from '../html/to-mdast.js';
import { toAuthors, toDir, toIsoDate, toLang } from '../markdown/values.js';

/**
 * Read a saved web page: take its metadata (see ../html/metadata.ts), strip
 * the site chrome, extract the article with Mozilla Readability, and convert
 * it to mdast through the same sanitizer and converter as raw HTML in Markdown.
 *
 * jsdom runs no scripts and fetches nothing: no `runScripts`, no `resources`.
 */
export function readHtml(text: string, file: VFile): ReaderResult {
  const dom = new JSDOM(text, { url: baseUrl(text), contentType: 'text/html', virtualConsole: new VirtualConsole() });
  try {
    const doc = dom.window.document;
    const meta = readHtmlMetadata(doc, file);
    removeChrome(doc);
    const fallback = (articleRoot(doc) ?? doc.body)?.innerHTML ?? '';
    const article = new Readability(doc, { keepClasses: true, charThreshold: 200 }).parse();

    if (!meta.title && article?.title) meta.title = article.title.trim();
    if (!meta.authors?.length && article?.byline) {
      const authors = toAuthors(article.byline);
      if (authors.length) meta.authors = authors;
    }
    if (!meta.date && article?.publishedTime) meta.date = toIsoDate(article.publishedTime) ?? undefined;
    if (!meta.date) delete meta.date;
    if (!meta.lang && article?.lang) meta.lang = toLang(article.lang);
    if (!meta.lang) delete meta.lang;
    if (!meta.dir && article?.dir) meta.dir = toDir(article.dir);
    if (!meta.dir) delete meta.dir;

    const hast = fromHtml(article?.content ?? fallback, { fragment: true });
    // Readability's output has no source positions; find each image by its src instead.
    prepareHtmlImages(hast, (node) => {
      const found = findSource(text, String(node.properties?.src ?? ''));
      return found && { start: pointAt(text, found.at), end: pointAt(text, found.at + found.length) };
    });
    const tree: Root = { type: 'root', children: htmlToMdast(sanitizeArticleHtml(hast), { flow: true }) };
    return { tree, meta };
  } finally {
    dom.window.close();
  }
}

/**
 * The page's own address, from its canonical link or og:url, so that relative
 * links in the article resolve to where the page was published. A page saved
 * without one keeps its relative links as written.
 */
function baseUrl(text: string): string | undefined {
  const match =
    /<link\b[^>]*rel=["']?canonical["']?[^>]*href=["']([^"']+)["']/i.exec(text) ??
    /<link\b[^>]*href=["']([^"']+)["'][^>]*rel=["']?canonical/i.exec(text) ??
    /<meta\b[^>]*property=["']og:url["'][^>]*content=["']([^"']+)["']/i.exec(text);
  if (!match) return undefined;
  try {
    const url = new URL(match[1]!);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function pointAt(text: string, offset: number): { line: number; column: number; offset: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n'), offset };
}

/** Where an image's address appears in the page, as written (Readability makes addresses absolute). */
function findSource(text: string, src: string): { at: number; length: number } | undefined {
  if (!src) return undefined;
  const candidates = [src];
  try {
    const url = new URL(src);
    candidates.push(url.pathname + url.search, url.pathname);
  } catch {
    // A relative address is already as written.
  }
  for (const candidate of candidates) {
    const at = text.indexOf(candidate);
    if (candidate && at >= 0) return { at, length: candidate.length };
  }
  return undefined;
}
