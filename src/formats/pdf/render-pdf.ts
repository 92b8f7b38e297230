import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Heading } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Browser } from 'puppeteer';
import type { Paper } from '../../build/types.js';
import type { ArticleDocument } from '../../document/types.js';
import { pageStrings } from '../html/strings.js';
import { stylePath } from '../../styles.js';
import { VERSION } from '../../version.js';
import { ARTICLE_BASE, lockDown } from './lockdown.js';
import { layOut, PAGED_SCRIPT, pagedScriptPath } from './paged.js';
import { postprocess } from './postprocess.js';
import { printHtml } from './print-html.js';
import { markForTagging } from './tagging.js';
import { overflowingTables } from './overflow.js';

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
  /** Requests the lockdown refused (the article tried to load them). */
  blocked: string[];
  /** Repairs that could not be made. */
  warnings: string[];
}

function headingTexts(doc: ArticleDocument): string[] {
  return doc.tree.children.filter((node): node is Heading => node.type === 'heading').map((node) => toString(node));
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

/**
 * One print edition: lay the article out with Paged.js in a fresh, locked-down
 * context of the shared browser, print it tagged, then repair the tags.
 */
export async function renderPdf(browser: Browser, doc: ArticleDocument, options: RenderPdfOptions): Promise<RenderedPdf> {
  options.signal.throwIfAborted();
  const html = printHtml(doc, { css: await printCss(options.variant, options.paper, doc.meta.lang), baseUrl: ARTICLE_BASE, variant: options.variant });
  const context = await browser.createBrowserContext();
  // Closing the context ends whatever Chromium is doing for us, layout or printing.
  const onAbort = () => void context.close().catch(() => undefined);
  options.signal.addEventListener('abort', onAbort, { once: true });
  // Layout has its own limit; this one bounds everything else the browser does
  // for us too (opening the page, tagging, printing), so a renderer that hangs
  // at any step ends the edition instead of the build.
  let deadline: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    deadline = setTimeout(() => {
      reject(new RenderTimeoutError(2 * options.timeoutMs));
      void context.close().catch(() => undefined);
    }, 2 * options.timeoutMs);
  });
  const inBrowser = async () => {
    const page = await context.newPage();
    const { blocked } = await lockDown(page, {
      html,
      articleDir: path.dirname(path.resolve(doc.source)),
      stylesDir: path.dirname(stylePath('print.css')),
      scripts: { [PAGED_SCRIPT]: pagedScriptPath() },
    });
    const { pages } = await layOut(page, options.timeoutMs, options.signal);
    const wide = await overflowingTables(page);
    const marks = await markForTagging(page);
    options.signal.throwIfAborted();
    const raw = await page.pdf({
      tagged: true,
      outline: true,
      preferCSSPageSize: true,
      printBackground: true,
      timeout: options.timeoutMs,
    });
    return { raw, marks, pages, blocked, wide };
  };
  try {
    const work = inBrowser();
    work.catch(() => undefined);
    const { raw, marks, pages, blocked, wide } = await Promise.race([work, expired]);
    clearTimeout(deadline);
    const { bytes, warnings } = await postprocess(raw, marks, {
      ...doc.meta,
      created: new Date(),
      producer: `Broadside ${VERSION}`,
    }, headingTexts(doc));
    for (const start of wide) warnings.push(`a table runs past the text width into the margin (first cells: ${start}); the stylesheet's type sizes or margins are not the ones print tables are fitted to (src/formats/pdf/wide-tables.ts)`);
    return { bytes, pages, warnings, blocked: blocked.filter((url) => !url.endsWith('/favicon.ico')) };
  } finally {
    clearTimeout(deadline);
    options.signal.removeEventListener('abort', onAbort);
    // A hung renderer never lets its context close; the build kills the browser at the end of the run instead.
    await Promise.race([context.close().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
  }
}
