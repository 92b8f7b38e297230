import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'puppeteer';
import { EditionCache, editionKey, type StampRecord } from './cache.js';
import { LOCK_FILE, lockFolder } from '../common/lock.js';
import { MANIFEST, manifestFor, previousOutputs, writeManifest } from './manifest.js';
import { readInput } from './inputs.js';
import { childPath, outputName } from '../common/names.js';
import { inputStamp, textDigest, type RunDigests } from './stamp.js';
import { copyIdentical, type RunEditions } from './identical.js';
import { makeOutputFolder, sweepTemporaries } from '../common/write.js';
import type { ArticleResult, BuildOptions, Edition, EditionContext, FormatId } from './types.js';
import { descriptorOf, needsBrowser, stagesOf } from './editions.js';
import { EDITION_OPTION_NAMES, OPTION_DEFAULTS } from '../options/schema.js';

/** What one article's build needs from the run. */
export interface ArticleJob {
  source: string;
  outRoot: string;
  /** The editions asked for. */
  formats: FormatId[];
  /**
   * Editions in stages: the editions of a stage run at the same time; a stage
   * sees the outputs of the stages before it. Loaded on first call, so that a
   * rebuild with nothing to do never loads them.
   */
  stages: () => Promise<Edition[][]>;
  options: BuildOptions;
  browser: () => Promise<Browser>;
  /** How many times the run's browser has died so far; a change during an edition means it died under it. */
  browserLost?: () => number;
  /** The run's digests of the tool's styles and data files. */
  digests: RunDigests;
  /** Editions made so far in the run, for identical articles to copy. */
  editions?: RunEditions;
  signal: AbortSignal;
}

/** Options that bound how long work may take: they change neither what is produced nor whether it can be. */
const TIMEOUTS = new Set<string>(['renderTimeoutMs', 'synthesisTimeoutMs']);
/** Options that bound how long work may take or how large an input may be, never what is produced: kept out of edition keys. */
const LIMITS = new Set<string>([...TIMEOUTS, 'maxPrintChars', 'maxNarrationChars']);

/** The options the editions read, with the defaults applied. */
function editionOptions(options: BuildOptions): EditionContext['options'] {
  return Object.fromEntries(EDITION_OPTION_NAMES.map((name) => [name, options[name] ?? OPTION_DEFAULTS[name]])) as EditionContext['options'];
}

/** The article's input stamp for this run (see stamp.ts). */
function stampOf(job: ArticleJob): Promise<string | undefined> {
  const { options } = job;
  const maxInputBytes = options.maxInputBytes ?? OPTION_DEFAULTS.maxInputBytes;
  const settings = Object.entries(editionOptions(options)).filter(([option]) => !TIMEOUTS.has(option));
  return inputStamp(
    job.source,
    {
      formats: job.formats,
      // The browser is not in the edition keys, but another Chromium lays pages out differently.
      options: { ...Object.fromEntries(settings), maxInputBytes, browserPath: options.browserPath ?? null },
      lexicon: options.lexicon,
      maxInputBytes,
    },
    job.digests,
  );
}

/**
 * The record of the article's last complete build, when it was made from
 * exactly these inputs and what it wrote is still there. No lock is taken:
 * every file read was written whole, and a build under way in the folder
 * (its lock is there) sends this one the long way, to wait for it.
 */
async function stillBuilt(outDir: string, stamp: string): Promise<StampRecord | undefined> {
  if (!existsSync(path.join(outDir, MANIFEST)) || existsSync(path.join(outDir, LOCK_FILE))) return undefined;
  const record = (await EditionCache.open(outDir)).stamp;
  if (record?.key !== stamp) return undefined;
  if (!Object.values(record.outputs).every((file) => existsSync(path.join(outDir, file)))) return undefined;
  const manifest = await readFile(path.join(outDir, MANIFEST)).catch(() => undefined);
  return manifest && textDigest(manifest) === record.manifest ? record : undefined;
}

/**
 * Build one article's editions. Never throws for a bad input or a failed
 * edition: the result says what went wrong. An edition that fails does not
 * stop the others; only an abort does.
 */
export async function buildArticle(job: ArticleJob): Promise<ArticleResult> {
  const { source, options, signal } = job;
  const outDir = path.join(job.outRoot, outputName(source));
  const result: ArticleResult = { source, outDir, ok: false, outputs: {}, warnings: [], timings: {}, unchanged: [] };
  const warn = (message: string) => {
    result.warnings.push(message);
    options.onEvent?.({ type: 'warning', source, message });
  };
  const stamp = await stampOf(job);
  // The fast path: nothing the outputs are made from has changed, so nothing is read, parsed or loaded.
  const unchanged = stamp && !options.force ? await stillBuilt(outDir, stamp) : undefined;
  if (unchanged) {
    for (const message of unchanged.warnings) warn(message);
    for (const format of stagesOf(job.formats).flat().map((edition) => edition.id)) {
      result.unchanged.push(format);
      options.onEvent?.({ type: 'edition-unchanged', source, format });
    }
    result.outputs = { ...unchanged.outputs };
    result.ok = true;
    return result;
  }
  // The article is to be built: start the browser now, so that its launch (most
  // of a second) overlaps reading the article and loading the edition modules
  // instead of following them. A failed launch is reported by the edition that
  // asks for the browser; an unused one is closed with the run.
  if (needsBrowser(job.formats)) job.browser().catch(() => undefined);
  let release: (() => Promise<void>) | undefined;
  let dispose: (() => Promise<void>) | undefined;
  try {
    const doc = await readInput(source, options, signal, (web) => (dispose = web));
    const readWarnings = doc.file.messages.map((message) => `${source}:${message.line ?? 1}:${message.column ?? 1}: warning: ${message.reason}`);
    for (const message of readWarnings) warn(message);
    childPath(job.outRoot, path.basename(outDir));
    await makeOutputFolder(outDir);
    // Another build writing this article's folder (another process, or the same name twice in this run) goes first.
    release = (await lockFolder(outDir, signal, () => warn(`${source}: waiting for another build writing ${outDir}`))).release;
    await sweepTemporaries(outDir);
    const outputs = await previousOutputs(outDir);
    const context: EditionContext = {
      doc,
      outDir,
      outRoot: job.outRoot,
      options: editionOptions(options),
      browser: job.browser,
      outputs,
      shared: {},
      signal,
      warn,
    };
    const cache = await EditionCache.open(outDir);
    Object.assign(context.shared, cache.handoffsOutside(job.formats, outputs));
    // Forget the old stamp before any output changes: a build stopped half-way must not pass for a complete one.
    if (cache.stamp) {
      cache.setStamp(undefined);
      await cache.save();
    }
    const sourceText = Buffer.from(String(doc.file.value));
    const data = await job.digests.dataFiles();
    const runEdition = async (edition: Edition): Promise<void> => {
      signal.throwIfAborted();
      const styles = edition.styles ?? (await job.digests.styleNames());
      const key = editionKey({
        format: edition.id,
        data,
        sourceBytes: sourceText,
        lexicon: doc.lexicon,
        options: edition.reads
          ? edition.reads.filter((option) => !LIMITS.has(option)).map((option) => context.options[option])
          : Object.fromEntries(Object.entries(context.options).filter(([option]) => !LIMITS.has(option))),
        styles: await Promise.all(styles.map(async (name): Promise<[string, string]> => [name, await job.digests.style(name)])),
        // Hand-offs sorted by name: editions of one stage hand theirs on in whatever order they finish.
        upstream: edition.readsOtherEditions ? { outputs: cache.othersOutputs(edition.id, outputs), shared: Object.fromEntries(Object.entries(context.shared).sort(([a], [b]) => a.localeCompare(b))) } : null,
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
      // What this edition hands on, and only this one: editions of one stage run at the same time.
      const own: Record<string, unknown> = {};
      const shared = new Proxy(context.shared, {
        set: (target, key, value) => (((target as Record<string | symbol, unknown>)[key] = value), typeof key === 'string' && (own[key] = value), true),
      });
      const handedNow = () => ({ ...own });
      const given: string[] = [];
      const render = async (): Promise<Record<string, string>> => {
        const lostBefore = job.browserLost?.() ?? 0;
        try {
          return await edition.render({ ...context, shared, warn: (message) => (given.push(message), warn(message)) });
        } catch (error) {
          if (signal.aborted) throw error;
          // Puppeteer rejects the pending calls a moment before it reports the disconnection.
          const browserDied = job.browserLost ? await changed(job.browserLost, lostBefore) : false;
          throw new EditionError(edition.id, browserDied ? new BrowserDiedError(error) : error);
        }
      };
      // An edition that does not depend on the article's name is made once for identical articles of the run.
      const written = edition.sameForIdenticalArticles && job.editions
        ? await job.editions.obtain(
            twinKey(key, source, doc.meta),
            async () => ({ source, outDir, name: doc.name, outputs: await render(), shared: handedNow(), warnings: given }),
            async (twin) => {
              const copied = await copyIdentical(twin, outDir, doc.name);
              if (!copied) return undefined;
              for (const message of twin.warnings) warn(message.startsWith(twin.source) ? source + message.slice(twin.source.length) : message);
              Object.assign(context.shared, twin.shared);
              return copied;
            },
          )
        : await render();
      Object.assign(outputs, written);
      const handed = handedNow();
      cache.set(edition.id, { key, outputs: written, shared: handed });
      await cache.save();
      result.timings[edition.id] = Math.round(performance.now() - started);
      options.onEvent?.({ type: 'edition-done', source, format: edition.id, ms: result.timings[edition.id]! });
    };
    const failures: unknown[] = [];
    for (const stage of await job.stages()) {
      const settled = await Promise.allSettled(stage.map(runEdition));
      if (signal.aborted) throw signal.reason;
      stage.forEach((edition, i) => {
        const outcome = settled[i]!;
        if (outcome.status === 'fulfilled') return;
        failures.push(outcome.reason instanceof EditionError ? outcome.reason : new EditionError(edition.id, outcome.reason));
        // Its files from an earlier build (if any) are not what this article now says: the page must not link them, nor the manifest list them.
        for (const key of [...descriptorOf(edition.id).outputs, ...Object.keys(cache.outputsOf(edition.id))]) delete outputs[key];
      });
    }
    result.outputs = outputs;
    let manifest = '';
    try {
      manifest = await writeManifest(outDir, manifestFor(doc, outputs));
    } catch (error) {
      if (!failures.length) throw error;
      failures.push(error);
    }
    if (failures.length) {
      result.error = failures.map((failure, i) => (i === 0 ? oneLineError(source, failure) : oneLineError(source, failure).slice(source.length + 2))).join('; ');
      return result;
    }
    result.ok = true;
    // Stamped only when the inputs did not change while they were being read.
    if (stamp && (await stampOf(job)) === stamp) {
      cache.setStamp({ key: stamp, outputs: { ...outputs }, warnings: readWarnings, manifest: textDigest(manifest) });
      await cache.save();
    }
  } catch (error) {
    if (signal.aborted) throw signal.reason ?? error;
    result.ok = false;
    result.error = oneLineError(source, error);
  } finally {
    await release?.();
    await dispose?.();
  }
  return result;
}

/** What makes two articles' editions identical: the edition's key (text, options, styles…), the folder their images are found from, and the metadata. */
function twinKey(editionKey: string, source: string, meta: unknown): string {
  return createHash('sha256').update(editionKey).update('\0').update(path.resolve(path.dirname(source))).update('\0').update(JSON.stringify(meta)).digest('hex');
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
