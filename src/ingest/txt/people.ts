import { parseDateLine } from './dates.js';

/** Lower-case words that belong inside personal names ("Ludwig van Beethoven", "Ahmad bin Ali"). */
const PARTICLES = new Set(['van', 'von', 'der', 'den', 'de', 'del', 'della', 'di', 'da', 'dos', 'du', 'la', 'le', 'al', 'el', 'bin', 'ibn', 'bint', 'ul', 'ud', 'ur', 'e', 'y']);
const NAME_WORD = /^(\p{Lu}[\p{L}\p{M}'\u2019.-]*|\p{Lu}\.)$/u;
/** Words that name a role, not a person, after a byline's comma ("By Jane Doe, Staff Reporter"). */
const ROLE_WORDS = /\b(reporter|correspondent|editor|staff|writer|contributor|columnist|journalist|desk|bureau|analyst|team|newsroom|agency|agencies|news|press|online)\b/i;

const BYLINE = /^(?:(?:written|words|posted|reported|story|text|compiled|article)\s+by|by)\s*[:\-]?\s+(.+)$/i;
const AUTHOR_LABEL = /^(?:authors?|writers?|written|byline|posted by)\s*:\s*(.+)$/i;

/** A byline: who wrote the article, and the date when the same line gives it. */
export interface Byline {
  authors: string[];
  date?: string;
}

/**
 * A person's name as it can appear in a byline: two to six words, each
 * capitalised (initials allowed), apart from name particles. Mononyms are
 * refused: "By Monday" is not a byline.
 */
export function isPersonName(text: string): boolean {
  const words = text.trim().split(/\s+/);
  if (words.length < 2 || words.length > 6) return false;
  if (!NAME_WORD.test(words[0]) || !NAME_WORD.test(words[words.length - 1])) return false;
  return words.every((w) => NAME_WORD.test(w) || PARTICLES.has(w.toLowerCase()));
}

/** "JANE DOE" → "Jane Doe"; names already in mixed case are kept as written. */
function tidyName(name: string): string {
  const clean = name.trim().replace(/\s+/g, ' ').replace(/[,;:.]+$/, (m) => (/\b\p{Lu}\.$/u.test(name.trim()) ? m : ''));
  if (clean !== clean.toUpperCase()) return clean;
  return clean.toLowerCase().replace(/(^|[\s'\u2019-])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toUpperCase());
}

/** Split "A, B and C" / "A & B" into names; undefined unless every part is a name. */
export function splitNames(text: string): string[] | undefined {
  const parts = text
    .split(/\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (!parts.length || !parts.every(isPersonName)) return undefined;
  return parts.map(tidyName);
}

/**
 * A byline line: "By Jane Doe", "Author: Jane Doe", "Written by X and Y",
 * "By Jane Doe, Staff Reporter | March 3, 2024", "Posted by X on 3 May 2024".
 */
export function parseByline(line: string): Byline | undefined {
  const text = line.trim().replace(/\s+/g, ' ');
  if (text.split(' ').length > 20) return undefined;
  const dateFirst = text.match(/^(.+?)\s+by\s+(.+)$/i);
  if (dateFirst) {
    // "Posted on 12 January 2024 by Sam Rivers"
    const date = parseDateLine(dateFirst[1])?.iso;
    const authors = date ? splitNames(dateFirst[2]) : undefined;
    if (date && authors) return { authors, date };
  }
  const match = text.match(BYLINE) ?? text.match(AUTHOR_LABEL);
  if (!match) return undefined;
  let rest = match[1];
  let date: string | undefined;
  // A date on the same line, after a separator or "on".
  const segments = rest.split(/\s+[|\u2022\u00B7\u2013\u2014]\s+|\s+-\s+/);
  rest = segments.shift() ?? '';
  for (const segment of segments) date ??= parseDateLine(segment)?.iso;
  const on = rest.match(/^(.*?)\s+on\s+(.+)$/i);
  if (on && parseDateLine(on[2])) {
    date ??= parseDateLine(on[2])?.iso;
    rest = on[1];
  }
  rest = rest.replace(/\s+(?:for|in|at|from)\s+.*$/i, '');
  // "Jane Doe, Staff Reporter": drop role segments after commas.
  const kept = rest.split(/\s*,\s*/).filter((part, i) => i === 0 || !ROLE_WORDS.test(part));
  const authors = splitNames(kept.join(', '));
  if (!authors) return undefined;
  return { authors, date };
}

/** What a bio paragraph says. */
export interface Bio {
  /** Names the bio opens with, possibly none ("The writer is a …"). */
  authors: string[];
  /** The bio as it should read under an "About the authors" heading. */
  text: string;
  /**
   * No names, just "The writer is a …": a bio only where it closes the
   * article, since the same words could be a sentence of the body.
   */
  weak: boolean;
}

const BIO_LABEL = /^(?:the\s+)?(?:authors?|writers?|contributors?)\b\s*[:,\u2013\u2014-]?\s*/i;
const ABOUT_LABEL = /^about the (?:authors?|writers?)\s*[:.\u2013\u2014-]\s*/i;
const BIO_VERB = /\s(is|are|was|were|has|have|works|work|teaches|teach|serves|serve|writes|write|holds|leads|heads|lives|studies|study)\s/;
const CONTACT_STUB = /[,;]?\s*(?:and\s+)?(?:(?:he|she|they)\s+)?(?:can|may|could)\s+be\s+(?:reached|contacted|emailed|followed)(?:\s+(?:at|via|on|through))?\s*[,:;.]?\s*$/i;
const WEAK_BIO = /^(?:the\s+)?(?:authors?|writers?|contributors?)\s+(?:is|are|was|were)\s+(?:a|an|the|currently|also|presently|formerly|former|senior|associate|assistant|based)\s/i;
const MAX_BIO_WORDS = 150;

/**
 * A paragraph that introduces the authors: "The Authors X and Y are …",
 * "The writer is …", "About the author: X is …". The label is dropped (the
 * page puts the bio under its own heading) and a dangling contact stub
 * ("… and can be reached at,") is trimmed, since the address it promised is
 * not there.
 */
export function parseBio(paragraph: string): Bio | undefined {
  const text = paragraph.trim().replace(/\s+/g, ' ');
  if (text.split(' ').length > MAX_BIO_WORDS) return undefined;
  let body: string;
  if (ABOUT_LABEL.test(text)) body = text.replace(ABOUT_LABEL, '');
  else if (BIO_LABEL.test(text)) body = text.replace(BIO_LABEL, '');
  else return undefined;
  const verb = ` ${body}`.match(BIO_VERB);
  if (!verb || verb.index === undefined) return undefined;
  const authors = splitNames(body.slice(0, verb.index)) ?? [];
  if (!authors.length) {
    // "The writer is a scholar …": no names, but still a bio; keep the label, it is the sentence's subject.
    if (!WEAK_BIO.test(text)) return undefined;
    body = text;
  }
  return { authors, text: trimContactStub(body), weak: !authors.length };
}

/** "… Studies, and can be reached at," → "… Studies." */
export function trimContactStub(text: string): string {
  if (!CONTACT_STUB.test(text)) return text;
  const trimmed = text.replace(CONTACT_STUB, '').replace(/[\s,;:]+$/, '');
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** Names that open a bio under an "About the author" heading: "Jane Doe is a reporter …". */
export function leadingNames(paragraph: string): string[] {
  const verb = ` ${paragraph.trim()}`.match(BIO_VERB);
  if (!verb || verb.index === undefined) return [];
  return splitNames(paragraph.trim().slice(0, verb.index)) ?? [];
}
