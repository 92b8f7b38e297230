import type { Classified } from './classify.js';
import { isLinkLike } from './site-lines.js';
import type { PageLanguage } from './stopwords.js';
import { stopwordDensity, tokens } from './stopwords.js';

/**
 * How likely a unit is to be article text, judged on its own (jusText's
 * context-free classes): `good` is prose, `bad` is chrome, `neargood` could
 * be either and `short` is too short to tell; the neighbours decide those two.
 */
export type Quality = 'good' | 'neargood' | 'short' | 'bad';

/** Under this many characters a line is too short to judge alone. */
export const LENGTH_LOW = 70;
/** Over this many, with enough stop words, a line is prose. */
export const LENGTH_HIGH = 200;
/**
 * Stop-word shares of prose: at least LOW for near-good, HIGH for good. Lower
 * than jusText's 0.30/0.32, whose lists are several times longer than ours.
 */
export const STOPWORDS_LOW = 0.2;
export const STOPWORDS_HIGH = 0.25;

const SENTENCE_END = /[.!?\u061F\u06D4\u3002\uFF01\uFF1F\u0964\u2026]["'\u201D\u2019\u00BB)\]]*$/u;
const CLAUSE_PUNCTUATION = /[.,;:!?\u060C\u061B\u061F\u06D4\u3001\u3002\uFF0C\uFF01\uFF1F]/gu;

/** What the quality of a unit is measured from, kept for the context pass. */
export interface Judged {
  quality: Quality;
  /** The class before the neighbours were heard. */
  initial: Quality;
  /** A heading-shaped line: it may head the paragraphs that follow. */
  heading: boolean;
  chars: number;
}

/**
 * The share of a line's words that start with a capital: headlines and menu
 * items are written in Title Case, sentences are not. Scripts without case count as 0.
 */
export function capitalisedShare(text: string): number {
  const words = text.split(/\s+/).filter((w) => /^\p{L}/u.test(w) && w.length > 3);
  if (!words.length) return 0;
  return words.filter((w) => /^\p{Lu}/u.test(w)).length / words.length;
}

export function endsSentence(text: string): boolean {
  return SENTENCE_END.test(text.trim());
}

/** The context-free class of one classified unit. */
export function judge(c: Classified, language: PageLanguage, repeated = false): Judged {
  const text = c.unit.text.trim();
  const chars = text.length;
  const kind = c.role.kind;
  const heading = kind === 'heading';
  const base = { heading, chars };
  if (c.unit.code) return { ...base, quality: 'neargood', initial: 'neargood' };
  // A nameless bio ("The writer is …") may be a sentence of the body; arrange decides by what follows it.
  if (kind === 'bio' && c.role.bio.weak) return { ...base, quality: 'neargood', initial: 'neargood' };
  if (kind === 'chrome' || kind === 'end' || kind === 'date' || kind === 'byline' || kind === 'bio') return { ...base, quality: 'bad', initial: 'bad' };
  // A line the page says twice, once outside the article, is a teaser or a menu.
  if (repeated) return { ...base, quality: 'bad', initial: 'bad' };
  if (kind === 'rule') return { ...base, quality: 'short', initial: 'short' };
  const quality = textQuality(text, language);
  return { ...base, quality, initial: quality };
}

function textQuality(text: string, language: PageLanguage): Quality {
  const chars = text.length;
  if (chars < LENGTH_LOW) return 'short';
  // A Title Case line without a full stop is a headline (a related story, a teaser), whatever its length.
  const headline = !endsSentence(text) && capitalisedShare(text) >= 0.7;
  if (headline) return 'bad';
  // Tag lists and run-together menus ("News Sport Weather …"): many words, no punctuation at all.
  if (!(text.match(CLAUSE_PUNCTUATION) ?? []).length && chars >= LENGTH_LOW && isLinkLikeRun(text)) return 'bad';
  if (!language.stopwords) {
    if (!endsSentence(text) && !/[,\u060C\uFF0C\u3001]/u.test(text)) return 'bad';
    return chars > LENGTH_HIGH ? 'good' : 'neargood';
  }
  const density = stopwordDensity(tokens(text), language.stopwords);
  if (density >= STOPWORDS_HIGH) return chars > LENGTH_HIGH ? 'good' : 'neargood';
  if (density >= STOPWORDS_LOW) return 'neargood';
  return 'bad';
}

/** "Home World Politics Business …": a line whose words are all capitalised, like menu items run together. */
function isLinkLikeRun(text: string): boolean {
  return capitalisedShare(text) >= 0.6 || text.split(/\s{2,}|\t/).every(isLinkLike);
}
