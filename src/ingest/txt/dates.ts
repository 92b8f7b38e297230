/** A date found on a line of a scraped page. */
export interface FoundDate {
  /** `YYYY-MM-DD`. */
  iso: string;
  /** The line said "Updated" or "Modified": a weaker claim than the publication date. */
  updated: boolean;
}

const MONTHS: Record<string, number> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};
const MONTH = `(${Object.keys(MONTHS).join('|')})\\.?`;
const WEEKDAY = /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?,?\s+/i;
const LABEL = /^(first published|published|posted|last updated|updated|last modified|modified|date|dated|written)(\s+on)?\s*[:\-\u2013\u2014]?\s*/i;
const TIME = /[,\s]+(at\s+)?\d{1,2}([:.]\d{2}){0,2}\s*(am|pm|a\.m\.|p\.m\.)?(\s*\(?(utc|gmt|[a-z]{2,4}t)([+-]\d{1,2}(:?\d{2})?)?\)?)?$/i;

const FORMS: { pattern: RegExp; parts: (m: RegExpMatchArray) => [number, number, number] | undefined }[] = [
  // 2023-12-08, 2023-12-08T10:00:00Z
  { pattern: /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?$/i, parts: (m) => [+m[1], +m[2], +m[3]] },
  // 2023/12/08
  { pattern: /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/, parts: (m) => [+m[1], +m[2], +m[3]] },
  // December 8, 2023 · Dec. 8 2023
  { pattern: new RegExp(`^${MONTH}\\s+(\\d{1,2}),?\\s+(\\d{4})$`, 'i'), parts: (m) => [+m[3], MONTHS[m[1].toLowerCase()], +m[2]] },
  // 8 December 2023 · 8 Dec, 2023
  { pattern: new RegExp(`^(\\d{1,2})\\s+${MONTH},?\\s+(\\d{4})$`, 'i'), parts: (m) => [+m[3], MONTHS[m[2].toLowerCase()], +m[1]] },
  // 2023 December 8
  { pattern: new RegExp(`^(\\d{4})\\s+${MONTH}\\s+(\\d{1,2})$`, 'i'), parts: (m) => [+m[1], MONTHS[m[2].toLowerCase()], +m[3]] },
  // 08/12/2023, 12/08/2023, 08.12.2023, 8-12-2023: day first unless that cannot be
  { pattern: /^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$/, parts: (m) => numericDayMonth(+m[1], +m[2], +m[3]) },
];

/**
 * Numeric dates are ambiguous between day-first and month-first. Day-first
 * is the common reading worldwide; month-first is used only when the first
 * number cannot be a month day-first reading would need (e.g. 12/31/2023).
 */
function numericDayMonth(a: number, b: number, year: number): [number, number, number] | undefined {
  if (b > 12 && a <= 12) return [year, a, b];
  return [year, b, a];
}

function valid(year: number, month: number, day: number): boolean {
  if (year < 1000 || year > 2999 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The ISO date a bare date string stands for, or undefined. */
export function parseDate(text: string): string | undefined {
  const clean = text
    .trim()
    .replace(WEEKDAY, '')
    .replace(/\b(\d{1,2})(st|nd|rd|th)\b/gi, '$1')
    .replace(/^the\s+/i, '')
    .replace(/(\d)\s+of\s+/i, '$1 ')
    .replace(/\s+/g, ' ');
  for (const form of FORMS) {
    const match = clean.match(form.pattern);
    if (!match) continue;
    const parts = form.parts(match);
    if (!parts || !valid(...parts)) return undefined;
    const [year, month, day] = parts;
    return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  }
  return undefined;
}

/**
 * A line that is nothing but a date, possibly with a label ("Published:",
 * "Updated on"), a weekday and a time: "Friday, December 8, 2023",
 * "Posted on 8th December 2023 at 10:30 am", "2023-12-08".
 */
export function parseDateLine(line: string): FoundDate | undefined {
  let text = line.trim().replace(/\s+/g, ' ');
  const label = text.match(LABEL)?.[1]?.toLowerCase() ?? '';
  text = text.replace(LABEL, '').replace(/^on\s+/i, '');
  const iso = parseDate(text) ?? parseDate(text.replace(TIME, ''));
  if (!iso) return undefined;
  return { iso, updated: /updated|modified/.test(label) };
}
