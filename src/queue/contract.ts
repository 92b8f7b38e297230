import { createHash } from 'node:crypto';
import path from 'node:path';
import * as v from 'valibot';
import { ConfigSchema } from '../build/config.js';
import { ALL_FORMATS } from '../build/editions.js';
import type { BuildMessage } from '../build/messages.js';

/**
 * One queued unit of work: one edition of one article, with the options it is
 * built with. Everything in it is plain data: the article's text and its
 * place under the input root, the edition's id, option values and the output
 * folder under the output root. No command, no program path and no path
 * outside the two roots can be expressed; a worker checks it again anyway
 * (`resolveJob`), because anyone who can write to Redis can queue a job.
 */
/** The config's options a job may carry: those that change what is made, and the limits; no path, no program. */
const JOB_OPTIONS = ['paper', 'acx', 'maxInputBytes', 'renderTimeoutMs', 'synthesisTimeoutMs', 'maxPrintChars', 'maxNarrationChars', 'brailleGrade', 'brailleCells', 'brailleLines'] as const;

export const JobSchema = v.strictObject({
  version: v.literal(1),
  article: v.strictObject({
    /** Where the article is, relative to the input root, with `/` separators. */
    path: v.pipe(v.string(), v.minLength(1), v.maxLength(1024)),
    /** Its bytes, base64: the worker builds exactly what was queued. */
    text: v.pipe(v.string(), v.maxLength(30_000_000)),
  }),
  edition: v.picklist(ALL_FORMATS),
  /** The output folder, relative to the output root ('' for the root itself). */
  out: v.pipe(v.string(), v.maxLength(1024)),
  options: v.strictObject({
    ...v.pick(ConfigSchema, JOB_OPTIONS).entries,
    // Stricter than the config's: a voice name, never a path or anything a shell would read.
    voice: v.optional(v.pipe(v.string(), v.regex(/^[\w-]+(:[\w.-]+)?$/))),
    force: v.optional(v.boolean()),
  }),
});

export type BuildJob = v.InferOutput<typeof JobSchema>;
export type JobOptions = BuildJob['options'];

/** What a worker hands back for a job it built. */
export interface JobOutcome {
  outputs: Record<string, string>;
  messages: BuildMessage[];
  timings: Record<string, number>;
  unchanged: string[];
}

/** The folders a worker may read articles from and write editions to. */
export interface Roots {
  inputs: string;
  outputs: string;
}

/** A job the worker will not run; it is failed at once, never retried. */
export class RefusedJobError extends Error {
  constructor(problem: string) {
    super(`refused a queued job: ${problem}`);
    this.name = 'RefusedJobError';
  }
}

/** `relative` under `root`, or a refusal: no absolute path, no `..`, no NUL. */
function inside(root: string, relative: string, what: string): string {
  if (relative.includes('\0') || path.isAbsolute(relative) || /^[a-z]:/i.test(relative)) throw new RefusedJobError(`${what} "${relative}" is not a path under the ${what} root`);
  const resolved = path.resolve(root, relative);
  const base = path.resolve(root);
  if (resolved !== base && !resolved.startsWith(base + path.sep)) throw new RefusedJobError(`${what} "${relative}" leads outside the ${what} root`);
  return resolved;
}

/** Checks a job as it came off the queue, and says where its article and output folder are. */
export function resolveJob(data: unknown, roots: Roots): { job: BuildJob; source: string; outDir: string; text: Buffer } {
  const parsed = v.safeParse(JobSchema, data);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    throw new RefusedJobError(`${v.getDotPath(issue) ?? 'job'}: ${issue.message}`);
  }
  const job = parsed.output;
  const source = inside(roots.inputs, job.article.path, 'input');
  if (source === path.resolve(roots.inputs)) throw new RefusedJobError('the article path names the input root itself');
  return { job, source, outDir: inside(roots.outputs, job.out, 'output'), text: Buffer.from(job.article.text, 'base64') };
}

/** A stable id for one edition of one article in one run, so that a job queued twice is one job. */
export function jobId(run: string, job: Pick<BuildJob, 'article' | 'edition' | 'out'>): string {
  const article = createHash('sha256').update(job.out).update('\0').update(job.article.path).digest('hex').slice(0, 16);
  return `${run}-${article}-${job.edition}`;
}
