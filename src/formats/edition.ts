import type { Browser } from 'puppeteer';
import type { Point, Position } from 'unist';
import type { ArticleDocument } from '../document/types.js';
import type { PageStart } from '../render/page-breaks.js';
import type { EditionOptionName, OptionValues } from '../options/schema.js';

/** A print edition's paper size. */
export type Paper = OptionValues['paper'];

/**
 * What editions hand the editions after them in the same article's build.
 * Each key belongs to the edition that `provides` it (see EditionDescriptor);
 * values are plain JSON, because the build caches them with the edition.
 */
export interface Handoffs {
  /** From the audio edition: the files and chapters the page's player needs. */
  audio?: AudioHandoff;
  /** From the pdf edition: where the standard print edition's pages begin, as Paged.js laid them out. */
  printPages?: PrintPagesHandoff;
}

/**
 * Where each page of the standard PDF begins, in terms the other editions can
 * find in their own copy of the article body: the last sentence that began at
 * or before the page's first words, and how far into the text after that
 * sentence's start the page begins.
 */
export interface PrintPagesHandoff {
  /**
   * Pages in order (the file is the manifest's `pdf`). `anchor` is a sentence id, or null before the first
   * sentence (count from the start of the body, after the title and byline).
   * `offset` counts visible characters (not white space) from there, an image
   * counting as one; page 1 always begins at the start of the document.
   */
  pages: PageStart[];
}

/** What the audio edition hands the page (and any edition that plays or syncs the narration). */
export interface AudioHandoff {
  /** MP3 file, relative to the article's folder. */
  mp3: string;
  /** WebVTT captions, relative to the article's folder. */
  vtt: string;
  /** Chapters in playing order. `id` is the heading's id on the page. */
  chapters: { id: string; title: string; start: number }[];
  /** The captions' cues in playing order, with the times the WebVTT file gives them (seconds, to the millisecond). `id` is the sentence's (or title's, byline's) id on the page. */
  cues: { id: string; start: number; end: number }[];
  /** The MP3's duration in seconds. */
  duration: number;
}

/**
 * The options every edition may read, with their defaults applied (their
 * types, defaults and meanings are in src/options/schema.ts); an edition lists
 * in `reads` the ones its output depends on.
 */
export type EditionOptions = Pick<OptionValues, EditionOptionName>;

/** What an edition gets to render one article. */
export interface EditionContext {
  doc: ArticleDocument;
  /** The article's output folder (exists). Write files with writeFileAtomic. */
  outDir: string;
  /** The run's output folder, which holds every article's folder and what they share (the speech cache). */
  outRoot: string;
  options: EditionOptions;
  /** The run's one browser, launched on first use and closed when the run ends. */
  browser: () => Promise<Browser>;
  /** Outputs of the editions built before this one in the same run, plus earlier ones still on disk. */
  outputs: Record<string, string>;
  /** What the editions before this one handed on (see Handoffs). */
  shared: Handoffs;
  signal: AbortSignal;
  /**
   * Tell a problem that did not stop the edition: one line (`reason`, without the article's name), a rule id
   * (`<edition>-<what>`, listed in docs/building.md) and, where there is one, its place in the article's source.
   */
  warn: (reason: string, ruleId: string, place?: Point | Position) => void;
}

/** One edition: renders an article and returns the files it wrote, keyed for the manifest. */
export interface Edition {
  id: string;
  /** Files in styles/ this edition reads; a change to one rebuilds it. Default: every file in styles/. */
  styles?: string[];
  /** The build options this edition's output depends on. Default: all of them. */
  reads?: (keyof EditionOptions)[];
  /**
   * Whether its output depends on the other editions' outputs: `true` for all
   * of them (the page links to each), or the editions whose files it reads.
   * The hand-offs it is given always count.
   */
  readsOtherEditions?: boolean | readonly string[];
  /**
   * Whether its files are the same for two articles with the same text and
   * metadata in the same folder, whatever their names (only the file names
   * differ): the run then makes them once and copies them.
   */
  sameForIdenticalArticles?: boolean;
  render(context: EditionContext): Promise<Record<string, string>>;
  /** Housekeeping once a run in which this edition rendered ends, unless it was stopped (the audio edition prunes the shared speech cache). */
  afterRun?(outRoot: string): Promise<void>;
}

/**
 * What the build knows of an edition before loading it: cheap, serialisable
 * facts, so that a rebuild with nothing to do loads no edition module, and a
 * queue can describe an (article, edition, options) job by the edition's id.
 */
export interface EditionDescriptor {
  id: string;
  /** One line for the usage text. */
  summary: string;
  /** The manifest keys its files go under. */
  outputs: string[];
  /** Run-wide resources it uses: the browser is launched early when an edition needing it is to be built. */
  needs: ('browser' | 'speech')[];
  /** Editions that must be built before it whenever they are built in the same run (the page links to them). */
  after: string[];
  /** Editions it cannot do without: asking for it builds them too. */
  requires?: string[];
  /** Loads the edition itself. */
  load(): Promise<Edition>;
}
