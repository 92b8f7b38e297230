import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { build } from '../build/build.js';
import { RefusedJobError, resolveJob, type JobOutcome, type Roots } from './contract.js';
import { connectionFor, QUEUE } from './redis.js';

export interface WorkerOptions {
  /** The Redis the queue lives in, `redis://host:port`. */
  redis: string;
  /** Jobs built at the same time. Default 1: one job already keeps both cores busy. */
  concurrency?: number;
  /** Folders the jobs' articles and outputs must be under. Default: the working folder, for both. */
  roots?: Partial<Roots>;
  /** How long a job's lock lasts without a renewal: a worker that died is noticed after about this long. Default 30 000 ms. */
  lockMs?: number;
  /** Browser for the print editions. */
  browserPath?: string;
  /** Told about each job as it starts, ends or fails. */
  onLog?: (line: string) => void;
  /** Told when the worker cannot go on (Redis gone). */
  onFatal?: (error: Error) => void;
}

export interface RunningWorker {
  /** Stops taking jobs, lets the jobs under way finish, and disconnects. */
  close(): Promise<void>;
}

/**
 * The article to build: the shared input folder's copy when it holds exactly
 * the queued bytes (so its images are found beside it), otherwise the queued
 * text in a private folder of the job's own.
 */
async function articleFor(source: string, text: Buffer): Promise<{ file: string; done: () => Promise<void> }> {
  const shared = await readFile(source).catch(() => undefined);
  if (shared?.equals(text)) return { file: source, done: async () => undefined };
  const folder = await mkdtemp(path.join(tmpdir(), 'broadside-job-'));
  const file = path.join(folder, path.basename(source));
  await writeFile(file, text);
  return { file, done: () => rm(folder, { recursive: true, force: true }) };
}

/** A path as a local build in the working folder would be given it, so manifests and messages read the same. */
function asGiven(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

/** Builds one job: the edition asked for (and those it requires), as a local build of that one article would. */
async function runJob(job: Job, roots: Roots, browserPath: string | undefined, signal: AbortSignal): Promise<JobOutcome> {
  let resolved;
  try {
    resolved = resolveJob(job.data, roots);
  } catch (error) {
    // Not retried: the same job would be refused again.
    if (error instanceof RefusedJobError) throw new UnrecoverableError(error.message);
    throw error;
  }
  const { job: data, source, outDir, text } = resolved;
  const article = await articleFor(source, text);
  try {
    const result = await build({ ...data.options, inputs: [asGiven(article.file)], outDir: asGiven(outDir), formats: [data.edition], browserPath, concurrency: 1, signal });
    const built = result.articles[0]!;
    if (!built.ok) throw new Error(built.error);
    return { outputs: built.outputs, messages: built.messages, timings: built.timings as Record<string, number>, unchanged: built.unchanged };
  } finally {
    await article.done();
  }
}

/**
 * `broadside worker`: takes jobs from the queue and builds them into the
 * shared output folder, with the same atomic writes, locks and caches as a
 * local build. Lost workers, retries and backoff are BullMQ's: a job whose
 * worker died is handed to another once its lock runs out.
 */
export function startWorker(options: WorkerOptions): RunningWorker {
  const roots: Roots = { inputs: path.resolve(options.roots?.inputs ?? '.'), outputs: path.resolve(options.roots?.outputs ?? '.') };
  const log = options.onLog ?? (() => undefined);
  const stop = new AbortController();
  let worker: Worker | undefined;
  const fatal = (error: Error) => {
    if (stop.signal.aborted) return;
    stop.abort(error);
    options.onFatal?.(error);
  };
  const jobSignal = (signal?: AbortSignal) => (signal ? AbortSignal.any([signal, stop.signal]) : stop.signal);
  worker = new Worker(QUEUE, (job, _token, signal) => runJob(job, roots, options.browserPath, jobSignal(signal)), {
    connection: connectionFor(options.redis, fatal),
    concurrency: Math.max(1, options.concurrency ?? 1),
    lockDuration: options.lockMs ?? 30_000,
    autorun: true,
  });
  worker.on('active', (job) => log(`started ${job.data?.edition} of ${job.data?.article?.path} (job ${job.id})`));
  worker.on('completed', (job) => log(`built ${job.data?.edition} of ${job.data?.article?.path} (job ${job.id})`));
  worker.on('failed', (job, error) => log(`✗ ${job?.data?.article?.path ?? 'a job'}: ${job?.data?.edition ?? ''} edition: ${error.message.split('\n')[0]}`));
  let lastError = '';
  worker.on('error', (error) => {
    // A lost connection repeats its error at every retry: told once.
    if (error.message !== lastError) log(`queue error: ${error.message}`);
    lastError = error.message;
  });
  worker.on('ready', () => (lastError = ''));
  return {
    close: async () => {
      const closing = worker;
      worker = undefined;
      if (!closing) return;
      // Redis gone: the jobs under way were stopped (their outputs are written whole or not at all); there is
      // nothing to close politely, and the caller ends the process.
      if (!stop.signal.aborted) await closing.close();
    },
  };
}
