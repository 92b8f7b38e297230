import type { VFile } from 'vfile';
import type { ArticleMetadata } from '../../document/types.js';
import { toAuthors, toDir, toIsoDate, toKeywords, toLang, toText } from '../markdown/values.js';

// schema.org types that describe the page's article.
const ARTICLE_TYPE = /Article$|^BlogPosting$|^Report$|^LiveBlogPosting$|^Review$|^WebPage$/;

type JsonObject = Record<string, unknown>;

/** The schema.org objects in every JSON-LD block, flattened (arrays and `@graph`). */
export function jsonLdObjects(doc: Document, file?: VFile): JsonObject[] {
  const objects: JsonObject[] = [];
  const collect = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === 'object') {
      objects.push(value as JsonObject);
      if ('@graph' in value) collect((value as JsonObject)['@graph']);
    }
  };
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      collect(JSON.parse(script.textContent ?? ''));
    } catch {
      file?.message('A JSON-LD block is not valid JSON; it was ignored', { ruleId: 'json-ld', source: 'broadside' });
    }
  }
  return objects;
}

function isArticle(object: JsonObject): boolean {
  const types = ([] as unknown[]).concat(object['@type'] ?? []);
  return types.some((type) => typeof type === 'string' && ARTICLE_TYPE.test(type));
}

/** The JSON-LD object describing the article: an Article-like type first, a WebPage last. */
export function jsonLdArticle(objects: JsonObject[]): JsonObject | undefined {
  const articles = objects.filter(isArticle);
  return articles.find((o) => !String(o['@type']).includes('WebPage')) ?? articles[0];
}

function meta(doc: Document, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const element = doc.querySelector(`meta[name="${key}" i], meta[property="${key}" i]`);
    const value = toText(element?.getAttribute('content'));
    if (value) return value;
  }
  return undefined;
}

function metaAll(doc: Document, key: string): string[] {
  return [...doc.querySelectorAll(`meta[name="${key}" i], meta[property="${key}" i]`)]
    .map((element) => toText(element.getAttribute('content')))
    .filter((value): value is string => Boolean(value));
}

const BYLINE_SELECTORS = [
  '[itemprop="author"] [itemprop="name"]',
  '[itemprop="author"]',
  '[rel="author"]',
  '.byline .author',
  '.byline',
  '.author-name',
  '.author',
];

/** Author names written on the page, from the first kind of byline element found. */
function bylineAuthors(doc: Document): string[] {
  const scope = doc.querySelector('article') ?? doc;
  for (const selector of BYLINE_SELECTORS) {
    const names = [...scope.querySelectorAll(selector)].flatMap((element) => toAuthors(bylineNames(element.textContent ?? '')));
    if (names.length) return [...new Set(names)];
  }
  return [];
}

/** "By Jane Doe · 12 April 2025", "By Jane Doe, Staff Writer | Updated …" → "By Jane Doe". */
function bylineNames(text: string): string {
  return text
    .split(/\s[·•|—–-]\s|[·•|—–]|\n|\b(?:on|updated|published|posted)\b|\d/i)[0]!
    .replace(/,\s*(staff|senior|contributing|special)?\s*(writer|reporter|correspondent|editor)\b.*$/i, '')
    .trim();
}

function timeDate(doc: Document): string | null {
  const scope = doc.querySelector('article') ?? doc;
  const element =
    scope.querySelector('time[itemprop="datePublished"][datetime], time[pubdate][datetime]') ??
    scope.querySelector('time[datetime]');
  return toIsoDate(element?.getAttribute('datetime'));
}

function first<T>(...values: (T | undefined | null)[]): T | undefined {
  return values.find((value): value is T => value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0));
}

/**
 * The metadata a saved page states, each field from the most specific source
 * that has it:
 *
 * - title: JSON-LD headline, og:title, twitter:title, then (by the caller) Readability's cleaned `<title>`;
 * - authors: JSON-LD author, `<meta name=author>`, article:author (unless a URL), then bylines;
 * - date: JSON-LD datePublished, article:published_time, `<meta name=date>` and kin, then `<time datetime>`;
 * - lang: `<html lang>`, JSON-LD inLanguage, og:locale, Content-Language;
 * - dir: `<html dir>`, `<body dir>`;
 * - description: `<meta name=description>`, og:description, JSON-LD description;
 * - keywords: `<meta name=keywords>`, JSON-LD keywords, article:tag.
 *
 * Call it before Readability, which changes the document.
 */
export function readHtmlMetadata(doc: Document, file?: VFile): Partial<ArticleMetadata> {
  const ld = jsonLdArticle(jsonLdObjects(doc, file)) ?? {};
  const inLanguage = ld.inLanguage && typeof ld.inLanguage === 'object' ? (ld.inLanguage as JsonObject).alternateName : ld.inLanguage;
  const result: Partial<ArticleMetadata> = {};

  const title = first(toText(ld.headline), toText(ld.name), meta(doc, 'og:title', 'twitter:title', 'dc.title'));
  if (title) result.title = title;

  const authors = first(
    toAuthors(ld.author),
    toAuthors(meta(doc, 'author', 'dc.creator', 'parsely-author', 'sailthru.author')),
    toAuthors(metaAll(doc, 'article:author')),
    bylineAuthors(doc),
  );
  if (authors?.length) result.authors = authors;

  const date = first(
    toIsoDate(ld.datePublished),
    toIsoDate(meta(doc, 'article:published_time', 'date', 'dc.date', 'dc.date.issued', 'dcterms.created', 'pubdate', 'publish-date', 'parsely-pub-date', 'sailthru.date')),
    timeDate(doc),
  );
  if (date) result.date = date;

  const lang = first(
    toLang(doc.documentElement.getAttribute('lang')),
    toLang(doc.documentElement.getAttribute('xml:lang')),
    toLang(inLanguage),
    toLang(meta(doc, 'og:locale')),
    toLang(doc.querySelector('meta[http-equiv="content-language" i]')?.getAttribute('content')),
  );
  if (lang) result.lang = lang;

  const dir = first(toDir(doc.documentElement.getAttribute('dir')), toDir(doc.body?.getAttribute('dir')));
  if (dir) result.dir = dir;

  const description = first(meta(doc, 'description', 'og:description', 'twitter:description'), toText(ld.description));
  if (description) result.description = description;

  const keywords = first(toKeywords(meta(doc, 'keywords', 'news_keywords')), toKeywords(ld.keywords), toKeywords(metaAll(doc, 'article:tag')));
  if (keywords?.length) result.keywords = keywords;

  return result;
}
