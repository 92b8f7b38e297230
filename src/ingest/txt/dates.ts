import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** A date found on a line of a scraped page. */
export interface FoundDate {
  /** `YYYY-MM-DD`. */
  iso: string;
  /** The line said "Updated" or "Modified": a weaker claim than the publication date. */
  updated: boolean;
}

export const DATES_PATH = fileURLToPath(new URL('../../../data/dates.yaml', import.meta.url));

interface DateWords {
  months: Map<string, number>;
  monthFirst: Set<string>;
  published: string[];
  updated: string[];
}

let words: DateWords | undefined;

/** The month names and date labels of data/dates.yaml, every language at once. */
function dateWords(): DateWords {
  if (words) return words;
  const data = (parse(readFileSync(DATES_PATH, 'utf8')) ?? {}) as {
    months?: Record<string, string[][]>;
    monthFirst?: string[];
    labels?: { published?: string[]; updated?: string[] };
  };
  const months = new Map<string, number>();
  for (const list of Object.values(data.months ?? {})) list.forEach((names, i) => names.forEach((n) => months.set(String(n).toLowerCase(), i + 1)));
  words = { months, monthFirst: new Set(data.monthFirst ?? []), published: data.labels?.published ?? [], updated: data.labels?.updated ?? [] };
  return words;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alternation = (list: Iterable<string>) => [...list].sort((a, b) => b.length - a.length).map(escape).join('|');

let patterns: { month: string; label: RegExp } | undefined;
function datePatterns() {
  if (patterns) return patterns;
  const w = dateWords();
  const month = `(${alternation(w.months.keys())})\\.?`;
  const label = new RegExp(`^(${alternation([...w.published, ...w.updated])})(\\s+(on|le|el|am|il|em|في))?\\s*[:\\-\\u2013\\u2014]?\\s*`, 'iu');
  patterns = { month, label };
  return patterns;
}

const WEEKDAY = /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves|viernes|sábado|domingo|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|الاثنين|الثلاثاء|الأربعاء|الخميس|الجمعة|السبت|الأحد)\.?,?\s+/iu;
const TIME = /[,\s]+(at\s+|à\s+|a las\s+|um\s+|-\s+)?\d{1,2}([:.h]\d{2}){0,2}\s*(am|pm|a\.m\.|p\.m\.|uhr)?(\s*\(?(utc|gmt|[a-z]{1,4}t)([+-]\d{1,2}(:?\d{2})?)?\)?)?$/iu;

type Parts = [number, number, number];

function forms(): { pattern: RegExp; parts: (m: RegExpMatchArray, monthFirst: boolean) => Parts }[] {
  const { month } = datePatterns();
  const m = (name: string) => dateWords().months.get(name.toLowerCase()) ?? 0;
  return [
    // 2023-12-08, 2023-12-08T10:00:00Z
    { pattern: /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?$/i, parts: (x) => [+x[1], +x[2], +x[3]] },
    // 2023/12/08
    { pattern: /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/, parts: (x) => [+x[1], +x[2], +x[3]] },
    // December 8, 2023 · Dec. 8 2023
    { pattern: new RegExp(`^${month}\\s+(\\d{1,2}),?\\s+(\\d{4})$`, 'iu'), parts: (x) => [+x[3], m(x[1]), +x[2]] },
    // 8 December 2023 · 8 Dec, 2023 · 21 novembre 2019 · 21 de noviembre de 2019
    { pattern: new RegExp(`^(\\d{1,2})\\s+${month},?\\s+(\\d{4})$`, 'iu'), parts: (x) => [+x[3], m(x[2]), +x[1]] },
    // 2023 December 8
    { pattern: new RegExp(`^(\\d{4})\\s+${month}\\s+(\\d{1,2})$`, 'iu'), parts: (x) => [+x[1], m(x[2]), +x[3]] },
    // 19/11/2019, 11/19/2019, 19.11.2019, 19-11-2019: the language decides when both readings work
    { pattern: /^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$/, parts: (x, monthFirst) => numericDayMonth(+x[1], +x[2], +x[3], monthFirst) },
  ];
}

/** A numeric date read in the article's order, unless only the other order makes a date. */
function numericDayMonth(a: number, b: number, year: number, monthFirst: boolean): Parts {
  if (monthFirst) return a > 12 && b <= 12 ? [year, b, a] : [year, a, b];
  return b > 12 && a <= 12 ? [year, a, b] : [year, b, a];
}

function valid(year: number, month: number, day: number): boolean {
  if (year < 1000 || year > 2999 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Arabic-Indic and Persian digits as ASCII digits. */
function asciiDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (d) => String((d.charCodeAt(0) - 0x0660) % 0x90 % 16));
}

/** The ISO date a bare date string stands for, or undefined. `lang` decides the order of numeric dates. */
export function parseDate(text: string, lang?: string): string | undefined {
  const clean = asciiDigits(text)
    .trim()
    .replace(WEEKDAY, '')
    .replace(/\b(\d{1,2})(st|nd|rd|th|er|º|°)\b/giu, '$1')
    .replace(/^(the|le|el)\s+/i, '')
    .replace(/(\d)\.(?=\s+\p{L})/u, '$1')
    .replace(/(\d)\s+(of|de|del)\s+/iu, '$1 ')
    .replace(/(\p{L})\s+(de|del)\s+(\d{4})$/iu, '$1 $3')
    .replace(/\s+/g, ' ');
  const monthFirst = dateWords().monthFirst.has((lang ?? '').split('-')[0]);
  for (const form of forms()) {
    const match = clean.match(form.pattern);
    if (!match) continue;
    const parts = form.parts(match, monthFirst);
    if (!valid(...parts)) return undefined;
    const [year, month, day] = parts;
    return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  }
  return undefined;
}

/**
 * A line that is nothing but a date, possibly with a label ("Published:",
 * "Updated on", "Publié le"), a weekday and a time: "Friday, December 8, 2023",
 * "Posted on 8th December 2023 at 10:30 am", "Nov 19, 2019, 7:53pm EST", "2023-12-08".
 */
export function parseDateLine(line: string, lang?: string): FoundDate | undefined {
  const { label } = datePatterns();
  let text = line.trim().replace(/\s+/g, ' ');
  const said = text.match(label)?.[1]?.toLowerCase() ?? '';
  text = text.replace(label, '').replace(/^(on|le|el|am)\s+/i, '').replace(/\s*\([^)]*\)$/, '');
  const iso = parseDate(text, lang) ?? parseDate(text.replace(TIME, ''), lang);
  if (!iso) return undefined;
  return { iso, updated: dateWords().updated.includes(said) };
}
