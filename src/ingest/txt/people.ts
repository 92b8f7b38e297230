import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { parseDateLine } from './dates.js';

export const BYLINES_PATH = fileURLToPath(new URL('../../../data/bylines.yaml', import.meta.url));

interface BylineWords {
  byline: RegExp;
  label: RegExp;
  and: RegExp;
}

let bylineWords: BylineWords | undefined;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alternation = (list: string[]) => [...new Set(list)].sort((a, b) => b.length - a.length).map(escape).join('|');

/** The byline words of every language in data/bylines.yaml, as patterns. */
function words(): BylineWords {
  if (bylineWords) return bylineWords;
  const data = (parse(readFileSync(BYLINES_PATH, 'utf8')) ?? {}) as { by?: Record<string, string[]>; labels?: Record<string, string[]>; and?: string[] };
  const by = Object.values(data.by ?? {}).flat().map(String);
  const labels = Object.values(data.labels ?? {}).flat().map(String);
  const and = (data.and ?? ['and']).map(String);
  bylineWords = {
    byline: new RegExp(`^(?:${alternation(by)})\\s*[:\\-]?\\s+(.+)$`, 'iu'),
    label: new RegExp(`^(?:${alternation(labels)})\\s*:\\s*(.+)$`, 'iu'),
    and: new RegExp(`\\s*,\\s*(?:(?:${alternation(and)})\\s+)?|\\s+(?:${alternation(and)})\\s+|\\s*&\\s*`, 'iu'),
  };
  return bylineWords;
}

/** Lower-case words that belong inside personal names ("Ludwig van Beethoven", "Ahmad bin Ali"). */
const PARTICLES = new Set(['van', 'von', 'der', 'den', 'de', 'del', 'della', 'di', 'da', 'dos', 'du', 'la', 'le', 'al', 'el', 'bin', 'ibn', 'bint', 'ul', 'ud', 'ur', 'e', 'y']);
const NAME_WORD = /^(\p{Lu}[\p{L}\p{M}'\u2019.-]*|\p{Lu}\.)$/u;
/** A word of a script without capitals (Arabic, Hebrew, …): any word may be part of a name. */
const UNCASED_WORD = /^[\p{Script=Arabic}\p{Script=Hebrew}\p{M}]+$/u;
/** Words that name a role, not a person, after a byline's comma ("By Jane Doe, Staff Reporter"). */
const ROLE_WORDS = /\b(reporter|correspondent|editor|staff|writer|contributor|columnist|journalist|desk|bureau|analyst|team|newsroom|agency|agencies|news|press|online)\b/i;


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
  if (words.every((w) => UNCASED_WORD.test(w))) return words.length <= 5;
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
    .split(words().and)
    .map((p) => p.trim())
    .filter(Boolean);
  if (!parts.length || !parts.every(isPersonName)) return undefined;
  return parts.map(tidyName);
}

/**
 * A byline line: "By Jane Doe", "Author: Jane Doe", "Written by X and Y",
 * "By Jane Doe, Staff Reporter | March 3, 2024", "Posted by X on 3 May 2024".
 */
export function parseByline(line: string, lang?: string): Byline | undefined {
  const text = line.trim().replace(/\s+/g, ' ');
  if (text.split(' ').length > 20) return undefined;
  const dateFirst = text.match(/^(.+?)\s+by\s+(.+)$/i);
  if (dateFirst) {
    // "Posted on 12 January 2024 by Sam Rivers"
    const date = parseDateLine(dateFirst[1], lang)?.iso;
    const authors = date ? splitNames(dateFirst[2]) : undefined;
    if (date && authors) return { authors, date };
  }
  const match = text.match(words().byline) ?? text.match(words().label);
  if (!match) return undefined;
  // A social handle glued to the name ("Jane Doe@janedoe") is not part of it.
  let rest = match[1]
    .replace(/@[\w.]+/gu, ' ')
    // "Jean Dupont (avec Ann Lee et Bo Chen)": the co-authors in brackets are authors too.
    .replace(/\s*\((?:with|avec|con|mit|com|مع)\s+([^)]+)\)/iu, ', $1')
    .replace(/\s+/g, ' ')
    .trim();
  let date: string | undefined;
  // A date on the same line, after a separator, after "on", or simply at the end.
  const segments = rest.split(/\s+[|\u2022\u00B7\u2013\u2014]\s+|\s+-\s+/);
  rest = segments.shift() ?? '';
  for (const segment of segments) date ??= parseDateLine(segment, lang)?.iso;
  const on = rest.match(/^(.*?)\s+(?:on|le|el|am|il)\s+(.+)$/i);
  if (on && parseDateLine(on[2], lang)) {
    date ??= parseDateLine(on[2], lang)?.iso;
    rest = on[1];
  }
  const tail = date ? undefined : trailingDate(rest, lang);
  if (tail) [date, rest] = [tail.iso, tail.before];
  rest = rest.replace(/\s+(?:for|in|at|from|pour|para|für)\s+.*$/i, '');
  // "Jane Doe, Staff Reporter": drop role segments after commas.
  // A lower-case segment ("publié") is the rest of a label, not a name.
  const kept = rest.split(/\s*,\s*/).filter((part, i) => i === 0 || !(ROLE_WORDS.test(part) || /^\p{Ll}/u.test(part)));
  const authors = splitNames(kept.join(', '));
  if (!authors) return undefined;
  return { authors, date };
}

/** "Jane Doe Nov 19, 2019, 7:53pm EST" → the date at the end and the names before it. */
function trailingDate(text: string, lang?: string): { iso: string; before: string } | undefined {
  const parts = text.split(' ');
  for (let i = 1; i < parts.length; i++) {
    const found = parseDateLine(parts.slice(i).join(' '), lang);
    if (found) return { iso: found.iso, before: parts.slice(0, i).join(' ').replace(/[\s,;|]+$/, '') };
  }
  return undefined;
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
