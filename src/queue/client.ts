import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Queue, QueueEvents } from 'bullmq';
import { ALL_FORMATS, stagesOf } from '../build/editions.js';
import { expandInputs } from '../build/inputs.js';
import { MANIFEST } from '../build/manifest.js';
import { outputName } from '../common/names.js';
import { messageLine } from '../build/messages.js';
import { OPTION_DEFAULTS } from '../options/schema.js';
import type { ArticleResult, BuildOptions, BuildResult } from '../build/types.js';
import { jobId, type BuildJob, type JobOptions, type JobOutcome } from './contract.js';
import { connectionFor, QUEUE } from './redis.js';

/** Attempts of a job before it is reported failed: a lost worker or a crashed browser gets two more chances. */
const ATTEMPTS = 3;

export interface QueueBuildOptions extends BuildOptions {
  /** The Redis the workers take jobs from, `redis://host:port`. */
  queue: string;
}

/** One article's way through the run: its stages of editions, and what has come back. */
interface ArticleRun {
  source: string;
  base: Omit<BuildJob, 'edition'>;
  stages: string[][];
  stage: number;
  waiting: Set<string>;
  result: ArticleResult;
  errors: string[];
  /** The edition of each of its jobs, by job id. */
  editions: Map<string, string>;
}

function jobOptions(options: BuildOptions): JobOptions {
  const { paper, voice, acx, force, maxInputBytes, renderTimeoutMs, synthesisTimeoutMs, maxPrintChars, maxNarrationChars, brailleGrade, brailleCells, brailleLines } = options;
  const all = { paper, voice, acx, force, maxInputBytes, renderTimeoutMs, synthesisTimeoutMs, maxPrintChars, maxNarrationChars, brailleGrade, brailleCells, brailleLines };
  return Object.fromEntries(Object.entries(all).filter(([, value]) => value !== undefined)) as JobOptions;
}

/** Paths in jobs are relative to the working folder, which the workers' roots stand for. */
function relative(file: string): string {
  return path.relative(process.cwd(), path.resolve(file)).split(path.sep).join('/');
}

async function articleRun(source: string, options: BuildOptions): Promise<ArticleRun> {
  const out = relative(options.outDir ?? OPTION_DEFAULTS.outDir);
  const stages = stagesOf(options.formats?.length ? options.formats : ALL_FORMATS).map((stage) => stage.map((edition) => edition.id));
  const text = await readFile(source).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`${source}: cannot be read (${error.code ?? error.message})`);
  });
  const outDir = path.join(options.outDir ?? OPTION_DEFAULTS.outDir, outputName(source));
  return {
    source,
    base: { version: 1, article: { path: relative(source), text: text.toString('base64') }, out, options: jobOptions(options) },
    stages,
    stage: -1,
    waiting: new Set(),
    result: { source, outDir, ok: false, outputs: {}, warnings: [], messages: [], timings: {}, unchanged: [] },
    errors: [],
    editions: new Map(),
  };
}

/**
 * `broadside build … --queue URL`: the same build, done by workers. Each
 * edition of each article is a job; an article's editions are queued stage
 * by stage (the page after the editions it links to), each stage once the
 * one before it has ended. Progress comes from the queue's events, so the
 * usual display and report work whichever machines build.
 */
export async function buildOnQueue(options: QueueBuildOptions): Promise<BuildResult> {
  const named = options.inputs?.length ? options.inputs : existsSync('content') ? ['content'] : [];
  const sources = await expandInputs(named);
  let lost: Error | undefined;
  let fail: (error: Error) => void = () => undefined;
  const gone = new Promise<never>((_, reject) => (fail = reject));
  gone.catch(() => undefined);
  const connection = connectionFor(options.queue, (error) => ((lost = error), fail(error)));
  const queue = new Queue(QUEUE, { connection });
  const events = new QueueEvents(QUEUE, { connection });
  // Connection errors are retried, then end the run through `gone`; they must not crash it on the way.
  queue.on('error', () => undefined);
  events.on('error', () => undefined);
  const run = randomUUID().slice(0, 8);
  const articles: ArticleResult[] = [];
  const byJob = new Map<string, ArticleRun>();
  try {
    await Promise.race([events.waitUntilReady(), gone]);
    const runs: ArticleRun[] = [];
    for (const source of sources) {
      options.onEvent?.({ type: 'article-start', source });
      try {
        runs.push(await articleRun(source, options));
      } catch (error) {
        const result: ArticleResult = { source, outDir: '', ok: false, error: (error as Error).message, outputs: {}, warnings: [], messages: [], timings: {}, unchanged: [] };
        articles.push(result);
        options.onEvent?.({ type: 'article-done', source, result });
      }
    }
    await Promise.race([followRuns(runs, queue, events, run, byJob, options), gone]);
    articles.push(...runs.map((r) => r.result));
  } finally {
    // With Redis gone there is nothing to close politely: BullMQ's close would wait for it, then trip over
    // its own half-made connections. The connections have stopped retrying; the caller ends the process.
    if (!lost) await Promise.allSettled([events.close(), queue.close()]);
  }
  if (lost) throw lost;
  const order = new Map(sources.map((source, i) => [source, i]));
  articles.sort((a, b) => (order.get(a.source) ?? 0) - (order.get(b.source) ?? 0));
  return { articles, ok: articles.every((a) => a.ok) };
}

/** Queues each article's stages in turn and resolves when every article has ended. */
function followRuns(runs: ArticleRun[], queue: Queue, events: QueueEvents, run: string, byJob: Map<string, ArticleRun>, options: BuildOptions): Promise<void> {
  let open = runs.length;
  return new Promise<void>((resolve, reject) => {
    if (!open) return resolve();
    const advance = (article: ArticleRun): void => {
      if (article.waiting.size) return;
      article.stage++;
      if (article.stage >= article.stages.length) {
        void finish(article, options).then(() => --open || resolve(), reject);
        return;
      }
      for (const edition of article.stages[article.stage]!) {
        const data: BuildJob = { ...article.base, edition };
        const id = jobId(run, data);
        byJob.set(id, article);
        article.waiting.add(id);
        article.editions.set(id, edition);
        queue
          .add(edition, data, { jobId: id, attempts: ATTEMPTS, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: { age: 3600 }, removeOnFail: { age: 86_400 } })
          .catch(reject);
      }
    };
    events.on('active', ({ jobId: id, prev }) => {
      const article = byJob.get(id);
      // A retried job becomes active again: told once.
      if (!article?.waiting.has(id) || prev === 'active') return;
      options.onEvent?.({ type: 'edition-start', source: article.source, format: article.editions.get(id)! });
    });
    events.on('completed', ({ jobId: id, returnvalue }) => {
      const article = byJob.get(id);
      if (!article?.waiting.delete(id)) return;
      const outcome = (typeof returnvalue === 'string' ? JSON.parse(returnvalue) : returnvalue) as JobOutcome;
      merge(article, outcome, options);
      advance(article);
    });
    events.on('failed', async ({ jobId: id, failedReason }) => {
      const article = byJob.get(id);
      if (!article?.waiting.has(id)) return;
      // A failure with attempts left is retried by BullMQ; only the last one ends the edition.
      const job = await queue.getJob(id).catch(() => undefined);
      if (job && job.attemptsMade < (job.opts.attempts ?? 1) && !/^refused a queued job/.test(failedReason)) return;
      article.waiting.delete(id);
      const line = failedReason.split('\n')[0]!;
      article.errors.push(line.startsWith(article.source) ? line : `${article.source}: ${line}`);
      advance(article);
    });
    for (const article of runs) advance(article);
  });
}

/** What one job of the article told: its warnings, timings and unchanged editions. */
function merge(article: ArticleRun, outcome: JobOutcome, options: BuildOptions): void {
  const { result } = article;
  for (const detail of outcome.messages) {
    const warning = messageLine(detail);
    if (result.warnings.includes(warning)) continue;
    result.warnings.push(warning);
    result.messages.push(detail);
    options.onEvent?.({ type: 'warning', source: article.source, message: warning, detail });
  }
  for (const [format, ms] of Object.entries(outcome.timings)) {
    if (result.timings[format] !== undefined) continue;
    result.timings[format] = ms;
    options.onEvent?.({ type: 'edition-done', source: article.source, format, ms });
  }
  for (const format of outcome.unchanged) {
    if (result.unchanged.includes(format) || result.timings[format] !== undefined) continue;
    result.unchanged.push(format);
    options.onEvent?.({ type: 'edition-unchanged', source: article.source, format });
  }
}

/** The article's outputs, as the shared folder's manifest lists them once all its jobs have ended. */
async function finish(article: ArticleRun, options: BuildOptions): Promise<void> {
  const { result } = article;
  const manifest = await readFile(path.join(result.outDir, MANIFEST), 'utf8').then((text) => JSON.parse(text) as { outputs?: Record<string, string> }, () => undefined);
  result.outputs = manifest?.outputs ?? {};
  result.ok = article.errors.length === 0;
  if (!result.ok) result.error = article.errors.join('; ');
  options.onEvent?.({ type: 'article-done', source: article.source, result });
}
