import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'puppeteer';
import { EditionCache, type StampRecord } from './cache.js';
import { LOCK_FILE, lockFolder } from '../common/lock.js';
import { MANIFEST, manifestFor, previousOutputs, writeManifest } from './manifest.js';
import { readInput } from './inputs.js';
import { childPath, outputName } from '../common/names.js';
import { inputStamp, textDigest, type RunDigests } from './stamp.js';
import type { RunEditions } from './identical.js';
import { makeOutputFolder, sweepTemporaries } from '../common/write.js';
import type { ArticleDocument } from '../document/types.js';
import type { ArticleResult, BuildOptions, Edition, EditionContext, FormatId } from './types.js';
import { descriptorOf, needsBrowser, stagesOf } from './editions.js';
import { EditionError, oneLineError } from './failures.js';
import { runEdition, TIMEOUTS, type ArticleEditions } from './edition-run.js';
import { buildMessage, fromVFileMessage, messageLine, type BuildMessage } from './messages.js';
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

/** An article's build under way, before its editions: its result so far, and how it tells warnings. */
interface Underway {
  job: ArticleJob;
  outDir: string;
  result: ArticleResult;
  report: (message: BuildMessage) => void;
}

function underway(job: ArticleJob): Underway {
  const { source, options } = job;
  const outDir = path.join(job.outRoot, outputName(source));
  const result: ArticleResult = { source, outDir, ok: false, outputs: {}, warnings: [], messages: [], timings: {}, unchanged: [] };
  const report = (detail: BuildMessage) => {
    const message = messageLine(detail);
    result.messages.push(detail);
    result.warnings.push(message);
    options.onEvent?.({ type: 'warning', source, message, detail });
  };
  return { job, outDir, result, report };
}

/** The fast path: nothing the outputs are made from has changed, so nothing is read, parsed or loaded. */
function fromStamp({ job, result, report }: Underway, record: StampRecord): ArticleResult {
  for (const message of record.messages ?? []) report(message);
  for (const format of stagesOf(job.formats).flat().map((edition) => edition.id)) {
    result.unchanged.push(format);
    job.options.onEvent?.({ type: 'edition-unchanged', source: job.source, format });
  }
  result.outputs = { ...record.outputs };
  result.ok = true;
  return result;
}

/**
 * Build one article's editions. Never throws for a bad input or a failed
 * edition: the result says what went wrong. An edition that fails does not
 * stop the others; only an abort does.
 */
export async function buildArticle(job: ArticleJob): Promise<ArticleResult> {
  const { source, options, signal } = job;
  const run = underway(job);
  const stamp = await stampOf(job);
  const unchanged = stamp && !options.force ? await stillBuilt(run.outDir, stamp) : undefined;
  if (unchanged) return fromStamp(run, unchanged);
  // The article is to be built: start the browser now, so that its launch (most
  // of a second) overlaps reading the article and loading the edition modules
  // instead of following them. A failed launch is reported by the edition that
  // asks for the browser; an unused one is closed with the run.
  if (needsBrowser(job.formats)) job.browser().catch(() => undefined);
  let release: (() => Promise<void>) | undefined;
  let dispose: (() => Promise<void>) | undefined;
  try {
    const doc = await readInput(source, options, signal, (web) => (dispose = web));
    const read = doc.file.messages.map((message) => fromVFileMessage(source, message));
    for (const message of read) run.report(message);
    childPath(job.outRoot, path.basename(run.outDir));
    await makeOutputFolder(run.outDir);
    // Another build writing this article's folder (another process, or the same name twice in this run) goes first.
    const waiting = () => run.report(buildMessage(source, `waiting for another build writing ${run.outDir}`, 'build-waiting'));
    release = (await lockFolder(run.outDir, signal, waiting)).release;
    await sweepTemporaries(run.outDir);
    await buildEditions(run, doc, stamp, read);
  } catch (error) {
    if (signal.aborted) throw signal.reason ?? error;
    run.result.ok = false;
    run.result.error = oneLineError(source, error);
  } finally {
    await release?.();
    await dispose?.();
  }
  return run.result;
}

/** What the editions of the article share: the context they render in, the cache, the outputs so far. */
async function editionsOf(run: Underway, doc: ArticleDocument): Promise<ArticleEditions> {
  const { job, outDir } = run;
  const outputs = await previousOutputs(outDir);
  const warn: EditionContext['warn'] = (reason, ruleId, place) => run.report(buildMessage(job.source, reason, ruleId, place));
  const context: EditionContext = { doc, outDir, outRoot: job.outRoot, options: editionOptions(job.options), browser: job.browser, outputs, shared: {}, signal: job.signal, warn };
  const cache = await EditionCache.open(outDir);
  Object.assign(context.shared, cache.handoffsOutside(job.formats, outputs));
  // Forget the old stamp before any output changes: a build stopped half-way must not pass for a complete one.
  if (cache.stamp) {
    cache.setStamp(undefined);
    await cache.save();
  }
  const sourceText = Buffer.from(String(doc.file.value));
  return { ...run, doc, context, cache, outputs, sourceText, data: await job.digests.dataFiles() };
}

/** Runs the editions stage by stage; resolves to the failures. */
async function runStages(editions: ArticleEditions): Promise<unknown[]> {
  const { job, cache, outputs } = editions;
  const failures: unknown[] = [];
  for (const stage of await job.stages()) {
    const settled = await Promise.allSettled(stage.map((edition: Edition) => runEdition(editions, edition)));
    if (job.signal.aborted) throw job.signal.reason;
    stage.forEach((edition, i) => {
      const outcome = settled[i]!;
      if (outcome.status === 'fulfilled') return;
      failures.push(outcome.reason instanceof EditionError ? outcome.reason : new EditionError(edition.id, outcome.reason));
      // Its files from an earlier build (if any) are not what this article now says: the page must not link them, nor the manifest list them.
      for (const key of [...descriptorOf(edition.id).outputs, ...Object.keys(cache.outputsOf(edition.id))]) delete outputs[key];
    });
  }
  return failures;
}

/** Builds the editions, writes the manifest and, when all went well, stamps the article as built from these inputs. */
async function buildEditions(run: Underway, doc: ArticleDocument, stamp: string | undefined, read: BuildMessage[]): Promise<void> {
  const { job, outDir, result } = run;
  const editions = await editionsOf(run, doc);
  const failures = await runStages(editions);
  const { outputs, cache } = editions;
  result.outputs = outputs;
  let manifest = '';
  try {
    manifest = await writeManifest(outDir, manifestFor(doc, outputs));
  } catch (error) {
    if (!failures.length) throw error;
    failures.push(error);
  }
  if (failures.length) {
    result.error = failures.map((failure, i) => (i === 0 ? oneLineError(job.source, failure) : oneLineError(job.source, failure).slice(job.source.length + 2))).join('; ');
    return;
  }
  result.ok = true;
  // Stamped only when the inputs did not change while they were being read.
  if (stamp && (await stampOf(job)) === stamp) {
    cache.setStamp({ key: stamp, outputs: { ...outputs }, messages: read, manifest: textDigest(manifest) });
    await cache.save();
  }
}
