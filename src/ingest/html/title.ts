import { isBoilerplateText } from './boilerplate.js';

/**
 * A page's title without the site's name. Sites add their name to the title
 * after (or before) a separator: "Story – Site", "Site | Story", "Story · Site".
 * A part is taken for the site's name when it matches a name the page states
 * (og:site_name, JSON-LD publisher, application-name) or its host name; the
 * colon counts only then, so "Part one: the beginning" keeps its first part.
 */
const SEPARATORS = /\s+[|·•–—-]\s+|\s+::?\s+|\s*[|·•]\s*/u;

const squash = (text: string) => text.toLowerCase().normalize('NFKD').replace(/[^\p{L}\p{N}]+/gu, '');

export function siteNamesOf(doc: Document, publisher: unknown, url?: string): string[] {
  const names: string[] = [];
  for (const key of ['og:site_name', 'application-name', 'apple-mobile-web-app-title', 'twitter:site']) {
    const value = doc.querySelector(`meta[property="${key}" i], meta[name="${key}" i]`)?.getAttribute('content');
    if (value) names.push(value.replace(/^@/, ''));
  }
  const publishers = ([] as unknown[]).concat(publisher ?? []);
  for (const item of publishers) {
    if (typeof item === 'string') names.push(item);
    else if (item && typeof item === 'object' && typeof (item as { name?: unknown }).name === 'string') names.push((item as { name: string }).name);
  }
  try {
    const host = new URL(url ?? '').hostname.replace(/^www\./, '');
    if (host) names.push(host, host.split('.').slice(0, -1).join('.'), ...host.split('.').filter((label) => label.length >= 4));
  } catch {
    // No address: the names the page states must do.
  }
  return names.map(squash).filter((name) => name.length >= 2);
}

function isSiteName(part: string, names: string[]): boolean {
  const plain = squash(part);
  return plain.length > 0 && names.some((name) => name === plain || (plain.length >= 3 && (name.startsWith(plain) || plain.startsWith(name)) && Math.abs(name.length - plain.length) <= 4));
}

/** `title` without a leading or trailing part that names the site. */
export function withoutSiteName(title: string, names: string[]): string {
  let result = title.trim();
  for (let round = 0; round < 2; round++) {
    const parts = result.split(new RegExp(`(${SEPARATORS.source})`, 'u'));
    if (parts.length < 3) break;
    const last = parts[parts.length - 1]!;
    const firstPart = parts[0]!;
    if (isSiteName(last, names)) result = parts.slice(0, -2).join('').trim();
    else if (isSiteName(firstPart, names)) result = parts.slice(2).join('').trim();
    else break;
  }
  return result || title.trim();
}

/** Characters a page escaped twice ("&amp;#8216;" shows as "&#8216;"). */
export function decodeEntities(text: string, doc: Document): string {
  if (!/&(#\d+|#x[\da-f]+|[a-z]+);/i.test(text)) return text;
  const box = doc.createElement('textarea');
  box.innerHTML = text;
  return box.value;
}

/** A navigation word, a date line or a tag line is not a title. */
export function isTitleLike(text: string | undefined): text is string {
  if (!text?.trim()) return false;
  const words = text.trim().split(/\s+/);
  if (words.length === 1 && /^(home|menu|news|search|login|sign in|blog|about|contact|skip|main|index|navigation|close|share)$/i.test(text.trim())) return false;
  if (/^(published|posted|updated|tagged|filed under|by)\b/i.test(text.trim())) return false;
  return !isBoilerplateText(text);
}

/**
 * A `<title>` whose site name the page does not state: "Story | Site", where
 * the last part after a bar, bullet or dash is short and the rest is a title.
 */
export function withoutTrailingPart(title: string): string {
  const match = /^(.*\S)\s+[|·•–—]\s+([^|·•–—]+)$/u.exec(title.trim());
  if (!match) return title.trim();
  const [, rest, last] = match as unknown as [string, string, string];
  return last.split(/\s+/).length <= 4 && rest.split(/\s+/).length >= 3 ? rest : title.trim();
}
