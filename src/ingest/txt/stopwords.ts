import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** Stop-word lists per language, from `data/stopwords.yaml`. */
export type StopwordLists = Map<string, Set<string>>;

export const STOPWORDS_PATH = fileURLToPath(new URL('../../../data/stopwords.yaml', import.meta.url));

let cached: StopwordLists | undefined;

export function loadStopwords(file = STOPWORDS_PATH): StopwordLists {
  if (file === STOPWORDS_PATH && cached) return cached;
  const data = (parse(readFileSync(file, 'utf8')) ?? {}) as Record<string, unknown>;
  const lists: StopwordLists = new Map();
  for (const [lang, words] of Object.entries(data)) {
    if (!Array.isArray(words)) throw new Error(`${file}: "${lang}" must be a list of words`);
    lists.set(lang, new Set(words.map((w) => String(w).toLowerCase())));
  }
  if (file === STOPWORDS_PATH) cached = lists;
  return lists;
}

/** The words of a line, lower-cased, apostrophes kept inside words ("don't"). */
export function tokens(text: string): string[] {
  return text.toLowerCase().replace(/\u2019/g, "'").match(/[\p{L}\p{M}\p{N}]+(?:'[\p{L}]+)?/gu) ?? [];
}

/** A page's language, as far as stop words tell it, and its list. */
export interface PageLanguage {
  lang?: string;
  stopwords?: Set<string>;
}

/** Share of a text's words that are stop words of the list. */
export function stopwordDensity(words: string[], stopwords: Set<string>): number {
  if (!words.length) return 0;
  return words.filter((w) => stopwords.has(w)).length / words.length;
}

/**
 * The language whose stop words cover the most of the page's longer lines
 * (menus say little). None when no list covers even a tenth: the page is in
 * a language without a list, and is read by length and punctuation alone.
 */
export function pageLanguage(lines: string[], lists: StopwordLists): PageLanguage {
  const words = lines.filter((l) => l.length >= 70).flatMap(tokens);
  const all = words.length ? words : lines.flatMap(tokens);
  let best: PageLanguage = {};
  let bestDensity = 0.1;
  for (const [lang, stopwords] of lists) {
    const density = stopwordDensity(all, stopwords);
    if (density > bestDensity) {
      best = { lang, stopwords };
      bestDensity = density;
    }
  }
  return best;
}
