import { existsSync } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import { stylePath } from '../styles.js';
import path from 'node:path';
import type { Browser } from 'puppeteer';
import { readArticle } from '../ingest/index.js';
import { htmlEdition } from '../formats/html/index.js';
import { pdfEdition } from '../formats/pdf/index.js';
import { audioEdition } from '../formats/audio/index.js';
import { launchBrowser } from '../formats/pdf/browser.js';
import { EditionCache, editionKey } from './cache.js';
import { expandInputs } from './inputs.js';
import { manifestFor, previousOutputs, writeManifest } from './manifest.js';
import type { ArticleResult, BuildOptions, BuildResult, Edition, EditionContext, FormatId } from './types.js';
import { ALL_FORMATS } from './types.js';

const DEFAULT_CONTENT = 'content';

// The page comes last: it links to the other editions and embeds the narration.
const EDITIONS: Edition[] = [pdfEdition, audioEdition, htmlEdition];

let styleNames: Promise<string[]> | undefined;
function allStyles(): Promise<string[]> {
  return (styleNames ??= readdir(stylePath('.')).then((names) => names.sort()));
}

/** Lazily launches one browser for the whole run and closes it on every exit path. */
class BrowserLease {
  private launching?: Promise<Browser>;
  constructor(private readonly executablePath?: string) {}
  get = (): Promise<Browser> => (this.launching ??= launchBrowser({ executablePath: this.executablePath }));
  async close(): Promise<void> {
    if (!this.launching) return;
    const browser = await this.launching.catch(() => undefined);
    await browser?.close().catch(() => browser.process()?.kill('SIGKILL'));
  }
}

/**
 * Build every edition of every input. An input that fails is reported in its
 * result (one line naming the file and the problem); the others still build.
 */
export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  // With no inputs, the articles in content/ (none when there is no such folder).
  const named = options.inputs?.length ? options.inputs : existsSync(DEFAULT_CONTENT) ? [DEFAULT_CONTENT] : [];
  const inputs = await expandInputs(named);
  const outRoot = options.outDir ?? 'output';
  const formats = new Set<FormatId>(options.formats?.length ? options.formats : ALL_FORMATS);
  const signal = options.signal ?? new AbortController().signal;
  const browser = new BrowserLease(options.browserPath);
  const articles: ArticleResult[] = [];
  try {
    for (const source of inputs) {
      signal.throwIfAborted();
      options.onEvent?.({ type: 'article-start', source });
      const result = await buildArticle(source, outRoot, formats, options, browser, signal);
      articles.push(result);
      options.onEvent?.({ type: 'article-done', source, result });
    }
  } finally {
    await browser.close();
  }
  return { articles, ok: articles.every((a) => a.ok) };
}

async function buildArticle(
  source: string,
  outRoot: string,
  formats: Set<FormatId>,
  options: BuildOptions,
  browser: BrowserLease,
  signal: AbortSignal,
): Promise<ArticleResult> {
  const name = path.basename(source, path.extname(source));
  const outDir = path.join(outRoot, name);
  const result: ArticleResult = { source, outDir, ok: false, outputs: {}, warnings: [], timings: {}, unchanged: [] };
  const warn = (message: string) => {
    result.warnings.push(message);
    options.onEvent?.({ type: 'warning', source, message });
  };
  let current: FormatId | undefined;
  try {
    const doc = await readArticle(source, { maxBytes: options.maxInputBytes });
    for (const message of doc.file.messages) warn(`${source}:${message.line ?? 1}:${message.column ?? 1}: warning: ${message.reason}`);
    await mkdir(outDir, { recursive: true });
    const outputs = await previousOutputs(outDir);
    const context: EditionContext = {
      doc,
      outDir,
      options: {
        paper: options.paper ?? 'a4',
        acx: options.acx ?? false,
        renderTimeoutMs: options.renderTimeoutMs ?? 120_000,
        voice: options.voice,
      },
      browser: browser.get,
      outputs,
      shared: {},
      signal,
      warn,
    };
    const cache = await EditionCache.open(outDir);
    for (const edition of EDITIONS) {
      if (!formats.has(edition.id)) continue;
      signal.throwIfAborted();
      current = edition.id;
      const key = await editionKey({
        format: edition.id,
        sourceBytes: Buffer.from(String(doc.file.value)),
        lexicon: doc.lexicon,
        options: edition.reads ? edition.reads.map((name) => context.options[name]) : context.options,
        styles: edition.styles ?? (await allStyles()),
        upstream: edition.readsOtherEditions ? { outputs: cache.othersOutputs(edition.id, outputs), shared: context.shared } : null,
      });
      const cached = options.force ? undefined : cache.hit(edition.id, key, outDir);
      if (cached) {
        Object.assign(outputs, cached.outputs);
        Object.assign(context.shared, cached.shared);
        result.unchanged.push(edition.id);
        options.onEvent?.({ type: 'edition-unchanged', source, format: edition.id });
        continue;
      }
      options.onEvent?.({ type: 'edition-start', source, format: edition.id });
      const started = performance.now();
      const sharedBefore = new Set(Object.keys(context.shared));
      const written = await edition.render(context);
      Object.assign(outputs, written);
      const handed = Object.fromEntries(Object.entries(context.shared).filter(([name]) => !sharedBefore.has(name)));
      cache.set(edition.id, { key, outputs: written, shared: handed });
      await cache.save();
      result.timings[edition.id] = Math.round(performance.now() - started);
      options.onEvent?.({ type: 'edition-done', source, format: edition.id, ms: result.timings[edition.id]! });
    }
    current = undefined;
    result.outputs = outputs;
    await writeManifest(outDir, manifestFor(doc, outputs));
    result.ok = true;
  } catch (error) {
    if (signal.aborted) throw error;
    const message = error instanceof Error ? error.message : String(error);
    const oneLine = message.split('\n')[0];
    result.error = oneLine.startsWith(source) ? oneLine : `${source}: ${current ? `${current} edition: ` : ''}${oneLine}`;
  }
  return result;
}
