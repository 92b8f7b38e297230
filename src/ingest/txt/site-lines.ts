import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** The known wording of site chrome, from `data/site-chrome.yaml`. */
export interface ChromeRules {
  phrases: Set<string>;
  prefixes: string[];
  patterns: RegExp[];
  endMarkers: Set<string>;
  endPatterns: RegExp[];
  commentPatterns: RegExp[];
  socialWords: Set<string>;
  prefixMaxWords: number;
  maxWords: number;
}

export const SITE_CHROME_PATH = fileURLToPath(new URL('../../../data/site-chrome.yaml', import.meta.url));

let cached: ChromeRules | undefined;

export function loadChromeRules(file = SITE_CHROME_PATH): ChromeRules {
  if (file === SITE_CHROME_PATH && cached) return cached;
  const data = (parse(readFileSync(file, 'utf8')) ?? {}) as Record<string, unknown>;
  const list = (key: string): string[] => {
    const value = data[key] ?? [];
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw new Error(`${file}: "${key}" must be a list of strings`);
    return value;
  };
  const rules: ChromeRules = {
    phrases: new Set(list('phrases').map(comparable)),
    prefixes: list('prefixes').map((p) => p.toLowerCase()),
    patterns: list('patterns').map((p) => new RegExp(p, 'iu')),
    endMarkers: new Set(list('endMarkers').map(comparable)),
    endPatterns: list('endPatterns').map((p) => new RegExp(p, 'iu')),
    commentPatterns: list('commentPatterns').map((p) => new RegExp(p, 'iu')),
    socialWords: new Set(list('socialWords').map((w) => w.toLowerCase())),
    prefixMaxWords: typeof data.prefixMaxWords === 'number' ? data.prefixMaxWords : 25,
    maxWords: typeof data.maxWords === 'number' ? data.maxWords : 45,
  };
  if (file === SITE_CHROME_PATH) cached = rules;
  return rules;
}

/** A line reduced to its words, for comparing with the phrase lists. */
export function comparable(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

const URL_LINE = /^(?:<)?(?:https?:\/\/|www\.)\S+(?:>)?$/i;
const EMAIL_LINE = /^(?:e-?mail\s*:?\s*)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+$/i;
const HANDLE_LINE = /^@[\w.]{2,}$/;
const SEPARATORS = /\s*(?:\||\u2022|\u00B7|\u00BB|\u203A|>|\/)\s*/;

/**
 * Why a line is site chrome, or undefined when it is not. Position-free rules
 * only: known wording, link-only lines, share bars, link rows and breadcrumbs.
 */
export function chromeReason(line: string, rules: ChromeRules): string | undefined {
  const text = line.trim();
  if (!text) return undefined;
  const key = comparable(text);
  if (!key) return 'punctuation only';
  if (rules.phrases.has(key)) return 'known phrase';
  if (rules.endMarkers.has(key)) return 'end marker';
  const words = wordCount(text);
  const lower = text.toLowerCase();
  if (words <= rules.prefixMaxWords && rules.prefixes.some((p) => lower.startsWith(p))) return 'known prefix';
  if (words <= rules.maxWords && rules.patterns.some((p) => p.test(text))) return 'known pattern';
  if (URL_LINE.test(text) || EMAIL_LINE.test(text) || HANDLE_LINE.test(text)) return 'link only';
  if (key.split(' ').every((w) => rules.socialWords.has(w))) return 'share bar';
  if (isLinkRow(text)) return 'link row';
  return undefined;
}

/** "Home › World › Asia", "About | Contact | Privacy": three or more short items between separators. */
function isLinkRow(text: string): boolean {
  const items = text.split(SEPARATORS).filter(Boolean);
  if (items.length < 3) return false;
  return items.every((item) => wordCount(item) <= 4 && !/[.!?]$/.test(item));
}

export function isEndMarker(line: string, rules: ChromeRules): boolean {
  const text = line.trim();
  if (rules.endMarkers.has(comparable(text))) return true;
  // Tested on the words alone too: "[ 167 comments ]".
  return wordCount(text) <= 12 && rules.endPatterns.some((p) => p.test(text) || p.test(comparable(text)));
}

/**
 * A line shaped like one item of a menu or tag list: a few words, no sentence
 * punctuation. Three or more in a row are chrome.
 */
export function isLinkLike(line: string): boolean {
  const text = line.trim();
  return text.length > 0 && text.length <= 32 && wordCount(text) <= 4 && !/[.,;:!?\u060C\u061B\u061F\u06D4\u3002\uFF01\uFF1F\u0964]$/u.test(text) && !/^[-*\u2022]\s/.test(text);
}

/** A closing marker that opens the comments: it ends the article wherever it stands. */
export function opensComments(line: string, rules: ChromeRules): boolean {
  const text = line.trim();
  return wordCount(text) <= 12 && rules.commentPatterns.some((p) => p.test(text));
}
