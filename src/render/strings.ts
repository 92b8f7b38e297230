import { wordsFor } from '../document/words.js';

/** The words the page itself adds around the article, per language. */
export interface PageStrings {
  skipLink: string;
  by: string;
  /** Joins the last two names: "A, B and C". */
  and: string;
  minutesRead: (minutes: number) => string;
  otherEditions: string;
  /** The link text of each edition's file, by its manifest key. */
  editions: Record<string, string>;
  listen: string;
  source: (file: string) => string;
  /** The print footer, "Page N of M", as the text before N and between N and M. */
  pageOf: [before: string, between: string];
  /** Printed before a table whose rows and columns print swapped, because it is too wide for the paper. */
  tableTurned: string;
  /** Names a picture shown as a link or as words: "Image" or "Image: <its description>". */
  image: string;
  /** The hidden heading of the footnotes. */
  footnotes: string;
  /** The name of footnote N's way back to where it is referred to (N counts from 1). */
  backToReference: (n: number) => string;
  /** The name of the Nth table that has no caption of its own. */
  table: (n: number) => string;
  /** The names of a task list's ticked and unticked boxes. */
  taskDone: string;
  taskNotDone: string;
}

/** The page's words as data/words.yaml holds them: templates where a number or a name goes in. */
type PageWords = Omit<PageStrings, 'minutesRead' | 'source' | 'backToReference' | 'table'> & {
  minutesRead: string;
  source: string;
  backToReference: string;
  table: string;
};

/** The page's own words in the article's language, English where we have none (data/words.yaml, "page"). */
export function pageStrings(lang: string): PageStrings {
  const english = wordsFor<PageWords>('page', 'en');
  const words = wordsFor<PageWords>('page', lang);
  return {
    ...english,
    ...words,
    // An edition added since a language's words were written is named in English until they are.
    editions: { ...english.editions, ...words.editions },
    minutesRead: (minutes) => words.minutesRead.replace('{minutes}', String(minutes)),
    source: (file) => words.source.replace('{file}', file),
    backToReference: (n) => (words.backToReference ?? english.backToReference).replace('{n}', String(n)),
    table: (n) => (words.table ?? english.table).replace('{n}', String(n)),
  };
}

/** "A", "A and B", "A, B and C", in the article's language. */
export function joinNames(names: string[], lang = 'en'): string {
  if (names.length <= 1) return names.join('');
  const comma = /^(ar|fa|ur|ps)\b/.test(lang) ? '، ' : ', ';
  return `${names.slice(0, -1).join(comma)}${pageStrings(lang).and}${names[names.length - 1]}`;
}
