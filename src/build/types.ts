import type { Paper } from '../formats/edition.js';

export type { Edition, EditionContext, EditionDescriptor, Handoffs, Paper } from '../formats/edition.js';
export { ALL_FORMATS } from './editions.js';

/** The id of a registered edition (see src/formats/registry.ts). */
export type FormatId = string;

/** Default of `maxPrintChars`: characters of article text the print editions accept. */
export const DEFAULT_MAX_PRINT_CHARS = 1_000_000;
/** Default of `maxNarrationChars`: characters of narration text the audio edition accepts. */
export const DEFAULT_MAX_NARRATION_CHARS = 150_000;


export interface BuildOptions {
  /** Article files or folders, or http(s) addresses of web pages. Default: every article in `content/`. */
  inputs?: string[];
  /** Output folder; each article goes to `<outDir>/<name>/`. Default `output`. */
  outDir?: string;
  /** Editions to build. Default: all. */
  formats?: FormatId[];
  /** Paper size for the print editions. Default `a4`. */
  paper?: Paper;
  /** Narration voice as `engine:voice` or `engine`. Default: chosen by language and availability. */
  voice?: string;
  /** An extra lexicon file (YAML) applied to every article, between the default and the article's own. */
  lexicon?: string;
  /** Master the audio to the ACX audiobook preset instead of podcast loudness. Default false. */
  acx?: boolean;
  /** Path to Chrome or Chromium. Default: found automatically (see README). */
  browserPath?: string;
  /** Largest input accepted, in bytes. Default 20 MB. */
  maxInputBytes?: number;
  /** Milliseconds one fetch of a web address (the page, or one of its images) may take, redirects included. Default 30 000. */
  fetchTimeoutMs?: number;
  /**
   * Fetch web addresses that resolve to loopback, private or link-local
   * networks too: all of them (true), or only these IP addresses. Default false.
   */
  allowPrivateNetwork?: boolean | string[];
  /** Milliseconds one PDF layout may take before it fails. Default 120 000. */
  renderTimeoutMs?: number;
  /** Milliseconds the speech engine may take for one sentence before the narration fails. Default 60 000. */
  synthesisTimeoutMs?: number;
  /** Largest article, in characters of its text, the print editions accept. Default 1 000 000. */
  maxPrintChars?: number;
  /** Largest narration, in characters of the text to be spoken, the audio edition accepts. Default 150 000. */
  maxNarrationChars?: number;
  /** Braille grade where the language has both: 2 (contracted) or 1 (uncontracted). Default 2. */
  brailleGrade?: 1 | 2;
  /** Braille cells per line. Default 40. */
  brailleCells?: number;
  /** Braille lines per page. Default 25. */
  brailleLines?: number;
  /** How many articles build at the same time. Default: 2 (or 1 on a single core). */
  concurrency?: number;
  /** Rebuild every edition even when its inputs have not changed (and skip the no-op check). Default false. */
  force?: boolean;
  /** Cancels the build; outputs already written stay intact. */
  signal?: AbortSignal;
  /** Progress events, for the CLI's display. */
  onEvent?: (event: BuildEvent) => void;
}

export type BuildEvent =
  | { type: 'article-start'; source: string }
  | { type: 'edition-start'; source: string; format: FormatId }
  | { type: 'edition-done'; source: string; format: FormatId; ms: number }
  | { type: 'edition-unchanged'; source: string; format: FormatId }
  | { type: 'warning'; source: string; message: string }
  | { type: 'article-done'; source: string; result: ArticleResult };

export interface ArticleResult {
  source: string;
  /** Folder the article's outputs went to, or would have. */
  outDir: string;
  ok: boolean;
  /**
   * One line naming the file and the problem, when `ok` is false. When an
   * edition failed, it names the edition too (`<file>: pdf edition: …`), and
   * the other editions were still built.
   */
  error?: string;
  /** Output files by key (`html`, `pdf`, `largePrintPdf`, `audio`, `captions`), relative to outDir; what was built, also when another edition failed. */
  outputs: Record<string, string>;
  warnings: string[];
  /** Milliseconds per edition built. */
  timings: Partial<Record<FormatId, number>>;
  /** Editions left as they were because nothing they depend on changed. */
  unchanged: FormatId[];
}

export interface BuildResult {
  articles: ArticleResult[];
  /** True when every article built. */
  ok: boolean;
}
