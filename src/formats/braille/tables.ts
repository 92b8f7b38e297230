import TABLES from './tables.json' with { type: 'json' };
import { hasTable, tablesFolder } from './louis.js';

/** One language's entry in tables.json. */
interface LanguageEntry {
  /** The braille code's name, for the title page and the preview. */
  name: string;
  /** The liblouis table for uncontracted (grade 1) braille. */
  '1'?: string;
  /** The liblouis table for contracted (grade 2) braille. */
  '2'?: string;
  /** Words the edition adds: "by" before the authors, the label of an image's note, the heading of the notes. */
  words?: { by?: string; image?: string; notes?: string };
  /** Cell (BRF) that ends a line in the middle of a string too long for a line. Default: the hyphen. */
  continuation?: string;
  /** Transcriber's note indicators (BRF), opening and closing. Default: the note is in parentheses. */
  note?: [string, string];
  /** A line for the title page, with {name}, {grade} and {table}. */
  about?: string;
}

/** The tables and conventions the edition uses for one article. */
export interface BrailleTables {
  /** The language key it was found under (`en`, `zh-tw`). */
  language: string;
  name: string;
  /** The grade actually used: the one asked for, or the only one the language has. */
  grade: 1 | 2;
  /** Table for the text. */
  text: string;
  /** Table for code: uncontracted, so that code reads letter for letter. */
  code: string;
  words: { by?: string; image?: string; notes?: string };
  continuation: string;
  note?: [string, string];
  about?: string;
}

const ENTRIES = TABLES as unknown as Record<string, LanguageEntry>;

/** No liblouis table for the article's language: the edition fails with this one line. */
export class NoTableError extends Error {
  constructor(lang: string) {
    super(`no braille table for the article's language "${lang}" (liblouis has none that Broadside knows; see docs/braille.md for the languages)`);
    this.name = 'NoTableError';
  }
}

/** The languages with a table, for the documentation and the usage text. */
export function brailleLanguages(): string[] {
  return Object.keys(ENTRIES);
}

/**
 * The tables for a BCP 47 language tag: the most specific entry first
 * (`zh-TW`, then `zh`), the grade asked for when the language has it.
 */
export function brailleTables(lang: string, grade: 1 | 2): BrailleTables {
  const subtags = lang.toLowerCase().split(/[-_]/);
  let key: string | undefined;
  for (let n = subtags.length; n > 0 && !key; n--) {
    const candidate = subtags.slice(0, n).join('-');
    if (Object.hasOwn(ENTRIES, candidate)) key = candidate;
  }
  if (!key) throw new NoTableError(lang);
  const entry = ENTRIES[key];
  const used: 1 | 2 = entry[String(grade) as '1' | '2'] ? grade : grade === 1 ? 2 : 1;
  const text = entry[String(used) as '1' | '2']!;
  const code = entry['1'] ?? text;
  for (const table of new Set([text, code])) {
    if (!hasTable(table)) throw new Error(`the liblouis table ${table} is not in ${tablesFolder()} (Debian: apt-get install liblouis-data)`);
  }
  return {
    language: key,
    name: entry.name,
    grade: used,
    text,
    code,
    words: entry.words ?? {},
    continuation: entry.continuation ?? '-',
    note: entry.note,
    about: entry.about,
  };
}
