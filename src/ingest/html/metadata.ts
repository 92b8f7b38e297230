import type { VFile } from 'vfile';
import type { Locate } from './places.js';
import type { ArticleMetadata } from '../../document/types.js';
import { decodeEntities, isTitleLike, siteNamesOf, withoutSiteName, withoutTrailingPart } from './title.js';
import { toAuthors, toDir, toIsoDate, toKeywords, toLang, toText } from '../markdown/values.js';

// schema.org types that describe the page's article.
const ARTICLE_TYPE = /Article$|^BlogPosting$|^Report$|^LiveBlogPosting$|^Review$|^WebPage$/;

type JsonObject = Record<string, unknown>;

/** The schema.org objects in every JSON-LD block, flattened (arrays and `@graph`). */
export function jsonLdObjects(doc: Document, file?: VFile, locate?: Locate): JsonObject[] {
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
      file?.message('A JSON-LD block is not valid JSON; it was ignored', { place: locate?.(script), ruleId: 'json-ld', source: 'broadside' });
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

/** The page's address, from its canonical link or og:url. */
function pageUrl(doc: Document): string | undefined {
  return doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? doc.querySelector('meta[property="og:url"]')?.getAttribute('content') ?? undefined;
}

const NAME = String.raw`\p{Lu}[\p{L}'’.-]*(?:\s+(?:de|van|von|der|da|di|le|la|bin|al|el)?\s*\p{Lu}[\p{L}'’.-]*){0,3}`;
/** "By Jane Doe", "Posted by Jane Doe.", "Written by Jane Doe on …", "Par Jeanne Dupont", "Por …", "Von …", "بقلم …". */
const BYLINE = new RegExp(String.raw`^(?:posted\s+by|written\s+by|by|par|por|von|bij)\s+(${NAME}(?:\s+(?:and|&|et|y|und)\s+${NAME})?)`, 'u');
const ARABIC_BYLINE = /^بقلم\s*:?\s*([\p{L}\p{M}\s]{2,40}?)(?:\s*[-–|،,]|$)/u;

/** Author names from a byline written as text near the top of the article. */
function bylinePattern(doc: Document): string[] {
  const scope = doc.querySelector('article, main, [role="main"]') ?? doc.body;
  if (!scope) return [];
  for (const element of [...scope.querySelectorAll('p, span, div, li, address, small')].slice(0, 400)) {
    if (element.querySelector('p, div, li')) continue;
    const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (!text || text.length > 120) continue;
    // The lead word in any case ("BY", "Posted by"); the name keeps its capitals.
    const lead = text.replace(/^(posted\s+by|written\s+by|\S+)/i, (word) => word.toLowerCase());
    const match = BYLINE.exec(lead) ?? ARABIC_BYLINE.exec(text);
    // "Sam Reed. Published …": a full stop after a word (not an initial) ends the name.
    if (match?.[1]) return toAuthors(match[1].replace(/(\p{L}{2,})\.\s.*$/u, '$1').replace(/[.,;:]+$/, '').trim());
  }
  return [];
}

const MONTHS = 'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec';
/** "Published 21 November 2019", "Posted on Nov 19, 2019": a date written as text at the top of the article. */
function textDate(doc: Document): string | null {
  const scope = doc.querySelector('article, main, [role="main"]') ?? doc.body;
  const text = (scope?.textContent ?? '').replace(/\s+/g, ' ').slice(0, 3000);
  const pattern = new RegExp(String.raw`\b(?:published|posted|updated|date)(?:\s+on)?:?\s+(?:\w+day,?\s+)?(\d{1,2}\s+(?:${MONTHS})\.?\s+\d{4}|(?:${MONTHS})\.?\s+\d{1,2},?\s+\d{4})`, 'i');
  const match = pattern.exec(text);
  if (!match) return null;
  const time = Date.parse(`${match[1]!.replace(/\./g, '')} 00:00:00 UTC`);
  return Number.isNaN(time) ? null : new Date(time).toISOString().slice(0, 10);
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
export function readHtmlMetadata(doc: Document, file?: VFile, locate?: Locate): Partial<ArticleMetadata> {
  const ld = jsonLdArticle(jsonLdObjects(doc, file, locate)) ?? {};
  const inLanguage = ld.inLanguage && typeof ld.inLanguage === 'object' ? (ld.inLanguage as JsonObject).alternateName : ld.inLanguage;
  const result: Partial<ArticleMetadata> = {};

  const names = siteNamesOf(doc, ld.publisher, pageUrl(doc));
  const candidates = [toText(ld.headline), toText(ld.name), meta(doc, 'og:title'), meta(doc, 'twitter:title'), meta(doc, 'dc.title')];
  const pageTitle = toText(doc.title) && withoutSiteName(decodeEntities(toText(doc.title)!, doc), names);
  const title = [...candidates.map((value) => value && withoutSiteName(decodeEntities(value, doc), names)), pageTitle && withoutTrailingPart(pageTitle), toText(doc.querySelector('h1')?.textContent)].find(isTitleLike);
  if (title) result.title = title;

  const authors = first(
    toAuthors(ld.author),
    toAuthors(meta(doc, 'author', 'dc.creator', 'parsely-author', 'sailthru.author')),
    toAuthors(metaAll(doc, 'article:author')),
    bylineAuthors(doc),
    bylinePattern(doc),
  )?.map((name) => decodeEntities(name, doc));
  if (authors?.length) result.authors = authors;

  const date = first(
    toIsoDate(ld.datePublished),
    toIsoDate(meta(doc, 'article:published_time', 'date', 'dc.date', 'dc.date.issued', 'dcterms.created', 'pubdate', 'publish-date', 'parsely-pub-date', 'sailthru.date')),
    timeDate(doc),
    textDate(doc),
  );
  // "0001-01-01": a content system's empty date, not the article's.
  if (date && Number(date.slice(0, 4)) >= 1900) result.date = date;

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
