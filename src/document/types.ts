import type { Root, RootContent } from 'mdast';
// Brings in the `data.hName` / `data.hProperties` fields that mdast-util-to-hast reads.
import type {} from 'mdast-util-to-hast';
import type { VFile } from 'vfile';

/** The kinds of article Broadside reads. */
export type InputKind = 'txt' | 'markdown' | 'html';

/** Metadata of one article, the same for every edition. */
export interface ArticleMetadata {
  /** The article's title; also the only h1. */
  title: string;
  /** Author names, in byline order. */
  authors: string[];
  /** Publication date, ISO 8601 (`YYYY-MM-DD` or a full timestamp), or null when unknown. */
  date: string | null;
  /** BCP 47 language tag, e.g. `en`, `ar`. */
  lang: string;
  /** Text direction of the article. */
  dir: 'ltr' | 'rtl';
  /** One-sentence description (front matter, meta description, or the first paragraph, shortened). */
  description: string;
  /** Keywords, possibly empty. */
  keywords: string[];
}

/** One entry of the abbreviation lexicon, shared by the page (`<abbr title>`) and the narration. */
export interface LexiconEntry {
  /** The abbreviation as written, e.g. `IS-K`. Matched as a whole word, case-sensitively. */
  term: string;
  /** What it stands for, shown as the `<abbr title>`. */
  expansion?: string;
  /** How a speech engine should say it, e.g. `I S K`. Defaults to the term itself. */
  say?: string;
}

export type Lexicon = LexiconEntry[];

/**
 * What an ingest reader hands to the shared document pipeline.
 * Readers fill in what their source says; the pipeline completes the rest
 * (language detection, description, title heading, …).
 */
export interface ReaderResult {
  /** The article body as mdast. May or may not start with the title as a heading. */
  tree: Root;
  /** Metadata the source states. */
  meta: Partial<ArticleMetadata>;
  /** Authors' bio, when the source has one; becomes the "About the authors" section. */
  about?: RootContent[];
}

/** One article, read and normalised: the single tree every edition renders from. */
export interface ArticleDocument {
  /** The input path (or web address) as given. */
  source: string;
  /**
   * The folder the article's relative images resolve in. Default: the folder
   * of `source`; for an article fetched from the web, the private folder its
   * page and images were fetched into.
   */
  folder?: string;
  /** Base name of the input without extension; outputs go to `<out>/<name>/`. */
  name: string;
  kind: InputKind;
  /**
   * Normalised mdast. It starts with exactly one depth-1 heading (the title),
   * heading levels never skip, every heading has `data.hProperties.id`, and the
   * "About the authors" section, when present, is last, under a depth-2 heading
   * with id `about-the-authors`.
   */
  tree: Root;
  meta: ArticleMetadata;
  /** The lexicon in force for this article: the default plus any next to the article. */
  lexicon: Lexicon;
  /** Words in the article body (title and about section included). */
  wordCount: number;
  /** Reading time in whole minutes, at least 1. */
  readingMinutes: number;
  /** Holds warnings (vfile messages) raised while reading and normalising. */
  file: VFile;
}

/** Id of the heading that starts the authors' bio section. */
export const ABOUT_ID = 'about-the-authors';
