import type { FootnoteDefinition, Root } from 'mdast';
import { fromHtml } from 'hast-util-from-html';
import { JSDOM, VirtualConsole } from 'jsdom';
import type { VFile } from 'vfile';
import { toString } from 'mdast-util-to-string';
import type { ArticleMetadata, ReaderResult } from '../../document/types.js';
import { InputError } from '../../common/errors.js';
import { extractAbout } from '../html/about.js';
import { extractArticle, type ReadabilityArticle } from '../html/extract.js';
import { extractFootnotes } from '../html/footnotes.js';
import { fixHeadings } from '../html/headings.js';
import { prepareHtmlImages } from '../html/images.js';
import { jsonLdArticle, jsonLdObjects, readHtmlMetadata } from '../html/metadata.js';
import { sanitizeArticleHtml } from '../html/sanitize.js';
import { isTitleLike } from '../html/title.js';
import { htmlToMdast } from '../html/to-mdast.js';
import { locator, markSourcePlaces, placesFromMarks } from '../html/places.js';
import { toAuthors, toDir, toIsoDate, toLang } from '../markdown/values.js';

/**
 * Read a saved web page: take its metadata (see ../html/metadata.ts) and the
 * authors' bio box (../html/about.ts), strip the site chrome, extract the article with Mozilla Readability, and convert
 * it to mdast through the same sanitizer and converter as raw HTML in Markdown.
 *
 * jsdom runs no scripts and fetches nothing: no `runScripts`, no `resources`.
 * So there is nothing to stop afterwards either: the window is not closed but
 * left to the garbage collector, which lets the tests see any fetch that would start.
 */
export function readHtml(text: string, file: VFile): ReaderResult {
  const dom = new JSDOM(text, { url: baseUrl(text), contentType: 'text/html', virtualConsole: new VirtualConsole(), includeNodeLocations: true });
  const doc = dom.window.document;
  const locate = locator((node) => dom.nodeLocation(node));
  const meta = readHtmlMetadata(doc, file, locate);
  const ld = jsonLdArticle(jsonLdObjects(doc));
  const { content, readability: article } = extractArticle(doc, typeof ld?.articleBody === 'string' ? ld.articleBody : undefined);
  const about = extractAbout(doc, content);
  fixHeadings(content);
  if (article) fillFromReadability(meta, article);

  markSourcePlaces(content, doc, locate);
  const hast = fromHtml(content.innerHTML, { fragment: true });
  // Positions into the extracted copy would point nowhere in the page: the blocks found again in it take theirs.
  placesFromMarks(hast);
  // Readability's output has no source positions; find each image by its src instead.
  prepareHtmlImages(hast, (node) => {
    const found = findSource(text, String(node.properties?.src ?? ''));
    return found && { start: pointAt(text, found.at), end: pointAt(text, found.at + found.length) };
  });
  const notes = extractFootnotes(hast);
  const tree: Root = { type: 'root', children: htmlToMdast(sanitizeArticleHtml(hast), { flow: true }) };
  if (!/[\p{L}\p{N}]/u.test(toString(tree))) {
    throw new InputError(file.path, 'no article text found in the page (if its text is loaded by JavaScript, save the page after it has loaded, or copy the text)');
  }
  for (const note of notes) {
    const children = htmlToMdast(sanitizeArticleHtml({ type: 'root', children: note.children }), { flow: true });
    tree.children.push({ type: 'footnoteDefinition', identifier: note.identifier, label: note.identifier, children: children as FootnoteDefinition['children'] });
  }
  return about ? { tree, meta, about } : { tree, meta };
}

/** What the page's markup did not state, from what Readability inferred (the `<title>` without the site name, a byline). */
function fillFromReadability(meta: Partial<ArticleMetadata>, article: ReadabilityArticle): void {
  if (!meta.title && isTitleLike(article.title?.trim())) meta.title = article.title.trim();
  if (!meta.authors?.length && article.byline) {
    const authors = toAuthors(article.byline);
    if (authors.length) meta.authors = authors;
  }
  const date = meta.date ?? toIsoDate(article.publishedTime);
  // "0001-01-01": a content system's empty date, not the article's.
  if (date && Number(date.slice(0, 4)) >= 1900) meta.date = date;
  const lang = meta.lang ?? toLang(article.lang);
  if (lang) meta.lang = lang;
  const dir = meta.dir ?? toDir(article.dir);
  if (dir) meta.dir = dir;
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
