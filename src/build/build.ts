import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Browser } from 'puppeteer';
import { buildArticle } from './article.js';
import { expandInputs } from './inputs.js';
import type { ArticleResult, BuildOptions, BuildResult, Edition, FormatId } from './types.js';
import { ALL_FORMATS } from './types.js';

const DEFAULT_CONTENT = 'content';

/**
 * The editions in stages. The PDF and the narration are independent and run
 * side by side (Chromium on one core while the speech engine works); the page
 * comes last because it links to them and embeds the narration. Modules load
 * only when their format is asked for, so a page-only build never starts
 * Puppeteer.
 */
async function loadStages(formats: Set<FormatId>): Promise<Edition[][]> {
  const first: Promise<Edition>[] = [];
  if (formats.has('pdf')) first.push(import('../formats/pdf/index.js').then((m) => m.pdfEdition));
  if (formats.has('audio')) first.push(import('../formats/audio/index.js').then((m) => m.audioEdition));
  const second: Promise<Edition>[] = [];
  if (formats.has('html')) second.push(import('../formats/html/index.js').then((m) => m.htmlEdition));
  return [await Promise.all(first), await Promise.all(second)].filter((stage) => stage.length > 0);
}

/** Lazily launches one browser for the whole run and closes it on every exit path. */
class BrowserLease {
  private launching?: Promise<Browser>;
  constructor(private readonly executablePath?: string) {}
  get = (): Promise<Browser> =>
    (this.launching ??= import('../formats/pdf/browser.js').then(({ launchBrowser }) =>
      launchBrowser({ executablePath: this.executablePath }),
    ));
  async close(): Promise<void> {
    if (!this.launching) return;
    const browser = await this.launching.catch(() => undefined);
    await browser?.close().catch(() => browser.process()?.kill('SIGKILL'));
  }
}

/**
 * Build every edition of every input. An input that fails is reported in its
 * result (one line naming the file and the problem); the others still build.
 * Articles are built `concurrency` at a time, sharing one browser.
 */
export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  // With no inputs, the articles in content/ (none when there is no such folder).
  const named = options.inputs?.length ? options.inputs : existsSync(DEFAULT_CONTENT) ? [DEFAULT_CONTENT] : [];
  const inputs = await expandInputs(named);
  const formats = new Set<FormatId>(options.formats?.length ? options.formats : ALL_FORMATS);
  const stages = await loadStages(formats);
  const signal = options.signal ?? new AbortController().signal;
  const browser = new BrowserLease(options.browserPath);
  const concurrency = Math.max(1, options.concurrency ?? Math.min(2, availableParallelism()));
  const articles: ArticleResult[] = new Array(inputs.length);
  let next = 0;
  const worker = async () => {
    while (next < inputs.length) {
      const index = next++;
      const source = inputs[index];
      signal.throwIfAborted();
      options.onEvent?.({ type: 'article-start', source });
      const result = await buildArticle({ source, outRoot: options.outDir ?? 'output', stages, options, browser: browser.get, signal });
      articles[index] = result;
      options.onEvent?.({ type: 'article-done', source, result });
    }
  };
  try {
    const settled = await Promise.allSettled(Array.from({ length: Math.min(concurrency, inputs.length) }, worker));
    const failure = settled.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    if (failure) throw failure.reason;
  } finally {
    await browser.close();
  }
  return { articles, ok: articles.every((a) => a.ok) };
}
