import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer';
import type { Paper } from '../edition.js';
import type { ArticleDocument } from '../../document/types.js';
import { pageStrings } from '../../render/strings.js';
import { stylePath } from '../../styles.js';
import { VERSION } from '../../version.js';
import { ARTICLE_BASE, lockDown } from './lockdown.js';
import { layOut, PAGED_SCRIPT, pagedScriptPath } from './paged.js';
import { postprocess } from './postprocess.js';
import { printHtml } from './print-html.js';
import { markForTagging, type TaggingMarks } from './tagging.js';
import { takeBlankTab } from '../../common/browser.js';
import { overflowingTables } from './overflow.js';
import { lostInLayout, type LayoutLoss } from './completeness.js';
import { printPageStarts, type PageStart } from './page-starts.js';
import { printedHeadings } from './outline.js';
import { layoutWarnings } from './layout-warnings.js';
import type { EditionWarning } from '../warning.js';

export type PrintVariant = 'standard' | 'large-print';

export interface RenderPdfOptions {
  variant: PrintVariant;
  paper: Paper;
  timeoutMs: number;
  signal: AbortSignal;
}

export interface RenderedPdf {
  bytes: Uint8Array;
  pages: number;
  /** Where each page begins in the article's text, from the layout (see page-starts.ts). */
  pageStarts: PageStart[];
  /** Requests the lockdown refused (the article tried to load them). */
  blocked: string[];
  /** What went wrong in the layout and the repairs that could not be made (the refused requests among them). */
  warnings: EditionWarning[];
}

const PAGE_SIZE: Record<Paper, string> = { a4: 'A4', letter: 'letter' };

/** The print stylesheet for one variant and paper size, as one text to inline. */
export async function printCss(variant: PrintVariant, paper: Paper, lang = 'en'): Promise<string> {
  const sheets = ['print.css', ...(variant === 'large-print' ? ['large-print.css'] : [])];
  const texts = await Promise.all(sheets.map((name) => readFile(stylePath(name), 'utf8')));
  // The footer speaks the article's language; the sheets hold the English words.
  const [before, between] = pageStrings(lang).pageOf;
  const footer = lang.startsWith('en')
    ? ''
    : `@page { @bottom-center { content: ${JSON.stringify(before)} counter(page) ${JSON.stringify(between)} counter(pages); } }\n`;
  return `${texts.join('\n')}\n@page { size: ${PAGE_SIZE[paper]}; }\n${footer}`;
}

/** The browser took too long over one print edition as a whole (not only its layout). */
export class RenderTimeoutError extends Error {
  constructor(ms: number) {
    super(`the print edition did not finish rendering within ${Math.round(ms / 1000)} s (raise renderTimeoutMs or --render-timeout-ms for very long articles)`);
    this.name = 'RenderTimeoutError';
  }
}

/** A tab to lay out in, and how to end it (with whatever Chromium is doing in it). */
interface PrintTab {
  page: Page;
  close(): Promise<void>;
}

/** The browser's blank first tab when it is free, else a fresh page in a browser context of its own. */
async function openTab(browser: Browser): Promise<PrintTab> {
  const blank = await takeBlankTab(browser);
  if (blank) return { page: blank, close: () => blank.close() };
  const context = await browser.createBrowserContext();
  return { page: await context.newPage(), close: () => context.close() };
}

export type RenderPdfsOptions = Omit<RenderPdfOptions, 'variant'>;

/**
 * The print editions of one article: each variant laid out with Paged.js in
 * turn, in one locked-down tab, printed tagged, then repaired. One tab rather
 * than one per variant: on two cores, a second renderer costs more than it
 * saves, and the second layout runs warm (Paged.js compiled, fonts loaded).
 * A variant's repair (pdf-lib, in Node) runs while the next one is laid out.
 * Rejects with the first failure; nothing is returned for the others.
 */
export async function renderPdfs(browser: Browser, doc: ArticleDocument, variants: PrintVariant[], options: RenderPdfsOptions): Promise<RenderedPdf[]> {
  options.signal.throwIfAborted();
  const tab = await withDeadline(openTab(browser), 2 * options.timeoutMs, () => undefined);
  // Closing the tab ends whatever Chromium is doing for us, layout or printing.
  const onAbort = () => void tab.close().catch(() => undefined);
  options.signal.addEventListener('abort', onAbort, { once: true });
  const repairs: Promise<RenderedPdf>[] = [];
  try {
    options.signal.throwIfAborted();
    const lockdown = await lockDown(tab.page, {
      html: '',
      articleDir: doc.folder ?? path.dirname(path.resolve(doc.source)),
      stylesDir: path.dirname(stylePath('print.css')),
      scripts: { [PAGED_SCRIPT]: pagedScriptPath() },
    });
    // The repair waiting to start: it is Node's work, and Node must answer the page's
    // requests while the next variant loads, so it starts once Paged.js is at work.
    let waiting: (() => void) | undefined;
    const startWaiting = () => {
      waiting?.();
      waiting = undefined;
    };
    for (const variant of variants) {
      const html = printHtml(doc, { css: await printCss(variant, options.paper, doc.meta.lang), baseUrl: ARTICLE_BASE, variant });
      lockdown.serve(html);
      const before = lockdown.blocked.length;
      const printing = printVariant(tab.page, options, startWaiting);
      const printed = await withDeadline(printing, 2 * options.timeoutMs, () => void tab.close().catch(() => undefined));
      const blocked = lockdown.blocked.slice(before).filter((url) => !url.endsWith('/favicon.ico'));
      const repair = new Promise<void>((resolve) => (waiting = resolve)).then(() => repairPrinted(doc, printed, blocked));
      // Awaited below; until then a failure must not count as unhandled.
      repair.catch(() => undefined);
      repairs.push(repair);
    }
    startWaiting();
    return await Promise.all(repairs);
  } finally {
    options.signal.removeEventListener('abort', onAbort);
    // A hung renderer never lets its tab close; the build kills the browser at the end of the run instead.
    await Promise.race([tab.close().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
  }
}

/** One print edition (see renderPdfs). */
export async function renderPdf(browser: Browser, doc: ArticleDocument, options: RenderPdfOptions): Promise<RenderedPdf> {
  const [rendered] = await renderPdfs(browser, doc, [options.variant], options);
  return rendered!;
}

interface Printed {
  raw: Uint8Array;
  marks: TaggingMarks;
  pages: number;
  wide: string[];
  missingImages: string[];
  /** What of the article no page shows. */
  lost: LayoutLoss;
  pageStarts: PageStart[];
  /** The headings Chromium bookmarks, as the DOM holds them (see outline.ts). */
  headings: string[];
}

/** Lay out the document the lockdown serves now, mark it for tagging and print it. */
async function printVariant(page: Page, options: RenderPdfsOptions, onPaginating: () => void): Promise<Printed> {
  const { pages, missingImages, letters } = await layOut(page, options.timeoutMs, options.signal, onPaginating);
  const wide = await overflowingTables(page);
  const lost = await lostInLayout(page, letters);
  const pageStarts = await printPageStarts(page);
  const headings = await printedHeadings(page);
  const marks = await markForTagging(page);
  options.signal.throwIfAborted();
  const raw = await page.pdf({
    tagged: true,
    outline: true,
    preferCSSPageSize: true,
    printBackground: true,
    // No limit of Puppeteer's own ("Timed out after waiting 5000ms" says nothing to a user): the variant's
    // deadline (withDeadline, below) bounds printing with a clear error, as it bounds every other step.
    timeout: 0,
  });
  return { raw, marks, pages, wide, missingImages, lost, pageStarts, headings };
}

/**
 * Layout has its own limit; this one bounds everything else the browser does
 * for us too (opening the page, tagging, printing), so a renderer that hangs
 * at any step ends the edition instead of the build.
 */
async function withDeadline<T>(work: Promise<T>, ms: number, onExpiry: () => void): Promise<T> {
  let deadline: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    deadline = setTimeout(() => {
      reject(new RenderTimeoutError(ms));
      onExpiry();
    }, ms);
  });
  work.catch(() => undefined);
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(deadline);
  }
}

async function repairPrinted(doc: ArticleDocument, printed: Printed, blocked: string[]): Promise<RenderedPdf> {
  const { bytes, warnings } = await postprocess(printed.raw, printed.marks, {
    ...doc.meta,
    created: new Date(),
    producer: `Broadside ${VERSION}`,
  }, printed.headings);
  warnings.push(...layoutWarnings(doc.tree, { ...printed, blocked }));
  return { bytes, pages: printed.pages, pageStarts: printed.pageStarts, warnings, blocked };
}
