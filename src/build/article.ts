import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'puppeteer';
import { readArticle } from '../ingest/index.js';
import { stylePath } from '../styles.js';
import { EditionCache, editionKey } from './cache.js';
import { lockFolder } from './lock.js';
import { manifestFor, previousOutputs, writeManifest } from './manifest.js';
import { childPath, outputName } from './names.js';
import { makeOutputFolder } from './write.js';
import type { ArticleResult, BuildOptions, Edition, EditionContext, FormatId } from './types.js';

let styleNames: Promise<string[]> | undefined;
function allStyles(): Promise<string[]> {
  return (styleNames ??= readdir(stylePath('.')).then((names) => names.sort()));
}

/** What one article's build needs from the run. */
export interface ArticleJob {
  source: string;
  outRoot: string;
  /** Editions in stages: the editions of a stage run at the same time; a stage sees the outputs of the stages before it. */
  stages: Edition[][];
  options: BuildOptions;
  browser: () => Promise<Browser>;
  /** How many times the run's browser has died so far; a change during an edition means it died under it. */
  browserLost?: () => number;
  signal: AbortSignal;
}

/** Options that bound how long work may take but never change what it produces: kept out of cache keys. */
const LIMITS = new Set<string>(['renderTimeoutMs', 'synthesisTimeoutMs']);

/** Build one article's editions. Never throws for a bad input: the result says what went wrong. */
export async function buildArticle(job: ArticleJob): Promise<ArticleResult> {
  const { source, options, signal } = job;
  const outDir = path.join(job.outRoot, outputName(source));
  const result: ArticleResult = { source, outDir, ok: false, outputs: {}, warnings: [], timings: {}, unchanged: [] };
  const warn = (message: string) => {
    result.warnings.push(message);
    options.onEvent?.({ type: 'warning', source, message });
  };
  let release: (() => Promise<void>) | undefined;
  try {
    const doc = await readArticle(source, { maxBytes: options.maxInputBytes, lexicon: options.lexicon });
    for (const message of doc.file.messages) warn(`${source}:${message.line ?? 1}:${message.column ?? 1}: warning: ${message.reason}`);
    childPath(job.outRoot, path.basename(outDir));
    await makeOutputFolder(outDir);
    // Another build writing this article's folder (another process, or the same name twice in this run) goes first.
    release = (await lockFolder(outDir, signal, () => warn(`${source}: waiting for another build writing ${outDir}`))).release;
    const outputs = await previousOutputs(outDir);
    const context: EditionContext = {
      doc,
      outDir,
      options: {
        paper: options.paper ?? 'a4',
        acx: options.acx ?? false,
        renderTimeoutMs: options.renderTimeoutMs ?? 120_000,
        synthesisTimeoutMs: options.synthesisTimeoutMs ?? 60_000,
        voice: options.voice,
      },
      browser: job.browser,
      outputs,
      shared: {},
      signal,
      warn,
    };
    const cache = await EditionCache.open(outDir);
    const sourceText = Buffer.from(String(doc.file.value));
    const runEdition = async (edition: Edition): Promise<void> => {
      signal.throwIfAborted();
      const key = await editionKey({
        format: edition.id,
        sourceBytes: sourceText,
        lexicon: doc.lexicon,
        options: edition.reads
          ? edition.reads.filter((option) => !LIMITS.has(option)).map((option) => context.options[option])
          : Object.fromEntries(Object.entries(context.options).filter(([option]) => !LIMITS.has(option))),
        styles: edition.styles ?? (await allStyles()),
        upstream: edition.readsOtherEditions ? { outputs: cache.othersOutputs(edition.id, outputs), shared: context.shared } : null,
      });
      const cached = options.force ? undefined : cache.hit(edition.id, key, outDir);
      if (cached) {
        Object.assign(outputs, cached.outputs);
        Object.assign(context.shared, cached.shared);
        result.unchanged.push(edition.id);
        options.onEvent?.({ type: 'edition-unchanged', source, format: edition.id });
        return;
      }
      options.onEvent?.({ type: 'edition-start', source, format: edition.id });
      const started = performance.now();
      const sharedBefore = new Set(Object.keys(context.shared));
      let written: Record<string, string>;
      const lostBefore = job.browserLost?.() ?? 0;
      try {
        written = await edition.render(context);
      } catch (error) {
        if (signal.aborted) throw error;
        // Puppeteer rejects the pending calls a moment before it reports the disconnection.
        const browserDied = job.browserLost ? await changed(job.browserLost, lostBefore) : false;
        throw new EditionError(edition.id, browserDied ? new BrowserDiedError(error) : error);
      }
      Object.assign(outputs, written);
      const handed = Object.fromEntries(Object.entries(context.shared).filter(([key]) => !sharedBefore.has(key)));
      cache.set(edition.id, { key, outputs: written, shared: handed });
      await cache.save();
      result.timings[edition.id] = Math.round(performance.now() - started);
      options.onEvent?.({ type: 'edition-done', source, format: edition.id, ms: result.timings[edition.id]! });
    };
    for (const stage of job.stages) {
      const settled = await Promise.allSettled(stage.map(runEdition));
      const failure = settled.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
      if (failure) throw failure.reason;
    }
    result.outputs = outputs;
    await writeManifest(outDir, manifestFor(doc, outputs));
    result.ok = true;
  } catch (error) {
    if (signal.aborted) throw signal.reason ?? error;
    result.error = oneLineError(source, error);
  } finally {
    await release?.();
  }
  return result;
}

/** Whether `count` moves past `before` within a short grace period. */
async function changed(count: () => number, before: number): Promise<boolean> {
  for (let i = 0; i < 20 && count() === before; i++) await new Promise((resolve) => setTimeout(resolve, 50));
  return count() !== before;
}

/** The message of anything thrown: Puppeteer sometimes rejects with plain objects. */
function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (error && typeof error === 'object' && 'message' in error) return String((error as { message: unknown }).message);
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}

/** The browser went away under an edition: say so, rather than relay Puppeteer's protocol error. */
class BrowserDiedError extends Error {
  constructor(cause: unknown) {
    const detail = messageOf(cause).split('\n')[0];
    super(`the browser quit unexpectedly (it crashed or was killed) while rendering, so the print edition was not finished [${detail}]`, { cause });
    this.name = 'BrowserDiedError';
  }
}

class EditionError extends Error {
  constructor(
    readonly format: FormatId,
    override readonly cause: unknown,
  ) {
    super(messageOf(cause));
  }
}

function oneLineError(source: string, error: unknown): string {
  const format = error instanceof EditionError ? error.format : undefined;
  const line = messageOf(error).split('\n')[0];
  if (line.startsWith(source)) return line;
  return `${source}: ${format ? `${format} edition: ` : ''}${line}`;
}
