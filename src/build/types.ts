import type { CliOnlyOption, OptionValues } from '../options/schema.js';
import type { BuildMessage } from './messages.js';

export type { BuildMessage } from './messages.js';

export type { Edition, EditionContext, EditionDescriptor, Handoffs, Paper } from '../formats/edition.js';
export { ALL_FORMATS } from './editions.js';

/** The id of a registered edition (see src/formats/registry.ts). */
export type FormatId = string;

/**
 * What `build()` takes: the build's options (their types, defaults and
 * meanings are in src/options/schema.ts, and in README.md's option table),
 * each optional, plus what only a program can give.
 */
export interface BuildOptions extends Partial<Omit<OptionValues, CliOnlyOption>> {
  /** Article files or folders, or http(s) addresses of web pages. Default: every article in `content/`. */
  inputs?: string[];
  /** How many articles build at the same time. Default: 2 (or 1 on a single core). */
  concurrency?: number;
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
  /** `message` is the warning as one line; `detail` has its rule id and place. */
  | { type: 'warning'; source: string; message: string; detail: BuildMessage }
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
  /** The warnings as one line each: `file:line:column: warning: …` where they have a place, else `file: …`. */
  warnings: string[];
  /** The same warnings as vfile messages' fields, each with its rule id (docs/building.md lists them). */
  messages: BuildMessage[];
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
