import type { Browser } from 'puppeteer';

/** How a check came out: a failure fails the command, a warning and a skip do not. */
export type Status = 'pass' | 'fail' | 'warn' | 'skip';

/** One check on one file, told for the person who fixes the article. */
export interface Finding {
  /** Stable id, e.g. `pdf-untagged-content`; docs/check.md explains each. */
  rule: string;
  /** The edition the file belongs to: page, pdf, large-print, audio, captions, editions. */
  edition: string;
  /** The file checked, as given or relative to the article folder. */
  file: string;
  status: Status;
  /** What was measured, with the figures. */
  summary: string;
  /** What the problem means for a reader (failures and warnings). */
  impact?: string;
  /** What to change in the source or the build (failures and warnings). */
  fix?: string;
  /** A few examples of what was found, such as the words run together. */
  examples?: string[];
}

/** What an article's page says it is: the yardstick for the other editions. */
export interface ArticleFacts {
  /** The page the facts come from. */
  page: string;
  title: string;
  lang: string;
  dir: string;
  /** Headings in reading order: the title (level 1) and every heading inside <article>. */
  headings: { level: number; text: string; notes?: boolean }[];
  /**
   * The words of the title and the <article>, normalised by `words()`, as they are laid out: inline elements
   * run on into their neighbours ("<code>id</code>s" is one word, "ids"), blocks are apart.
   */
  words: string[];
  /** The same words, table cells apart: the words of each cell, and every word outside the cells. */
  cells: string[][];
  outsideCells: string[];
  /** The words of the article's link addresses, which the print editions print after each link. */
  addresses: string[];
  /**
   * The words a narration speaks: the same less code blocks (announced, not
   * read) and footnote reference numbers (the notes are read where they are).
   */
  spokenWords: string[];
}

/** What a file says about its article, compared across editions. */
export interface EditionFacts {
  edition: string;
  file: string;
  title?: string;
  lang?: string;
  /** Section titles (headings, bookmarks or chapters), in order. */
  sections?: string[];
}

export interface CheckContext {
  /** A shared headless Chromium, started on first use. */
  browser(): Promise<Browser>;
  /** The article's page facts, when its page is beside the file. */
  article?: ArticleFacts;
  /** The edition manifest.json names for this file, when it is in a built article's folder. */
  role?: string;
  /** What the checks learn about the article, for the checks across editions. */
  record(facts: EditionFacts): void;
  signal?: AbortSignal;
}

/**
 * The checks of one edition. Each edition lives in src/check/<edition>.ts and
 * is listed once in src/check/registry.ts; new editions (EPUB, braille) plug in
 * by adding a checker there.
 */
export interface EditionChecker {
  edition: string;
  /** Does this checker take the file (by its name)? */
  accepts(file: string): boolean;
  /** Run every check of the edition on one file. */
  check(file: string, context: CheckContext): Promise<Finding[]>;
}

/** The checks of one path given on the command line: an article folder or a single file. */
export interface TargetReport {
  target: string;
  kind: 'article' | 'file';
  title?: string;
  ok: boolean;
  findings: Finding[];
}

export interface CheckReport {
  ok: boolean;
  counts: Record<Status, number>;
  targets: TargetReport[];
}

export interface CheckOptions {
  /** Chromium to use (default: found as for the build). */
  browserPath?: string;
  signal?: AbortSignal;
}
