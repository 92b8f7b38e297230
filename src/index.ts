import type { BuildResult } from './build/types.js';
import type { ArticleDocument } from './document/types.js';
import type { ReadOptions } from './ingest/index.js';
import type { CheckOptions, CheckReport } from './check/index.js';
import type { Preview, PreviewOptions } from './preview/server.js';
import type { QueueBuildOptions } from './queue/client.js';
import type { RunningWorker, WorkerOptions } from './queue/worker.js';

export { build } from './build/build.js';
export { BUILD_OPTIONS, ConfigError, ConfigSchema, loadConfig, type Config } from './build/config.js';
export type { QueueBuildOptions } from './queue/client.js';
export type { RunningWorker, WorkerOptions } from './queue/worker.js';
export type { BuildJob, JobOutcome } from './queue/contract.js';
export type { ArticleResult, BuildEvent, BuildMessage, BuildOptions, BuildResult, FormatId, Paper } from './build/types.js';
export { ALL_FORMATS } from './build/types.js';
export { configKey, OPTION_DEFAULTS, optionList, type OptionInfo, type OptionValues } from './options/schema.js';
export { configKeys, optionsTable, usageLines } from './options/text.js';
export { InputError } from './common/errors.js';
export type { ReadOptions } from './ingest/index.js';
export type { ArticleDocument, ArticleMetadata, Lexicon, LexiconEntry } from './document/types.js';
export { CHECK_USAGE, CheckUsageError } from './check/usage.js';
export type { CheckOptions, CheckReport, Finding, TargetReport } from './check/index.js';
export type { Preview, PreviewOptions } from './preview/server.js';
export { VERSION } from './version.js';

// What follows loads its module on first call: the readers, the checkers, the queue (BullMQ) and the preview server
// take up to seconds to load, and neither `import 'broadside'` nor a no-op `broadside build` should pay for them.

/** Check built editions, or single .html, .pdf or .mp3 files, with independent readers. */
export async function check(paths: string[], options?: CheckOptions): Promise<CheckReport> {
  return (await import('./check/index.js')).check(paths, options);
}

/** Build on a queue: each edition of each article becomes a job that workers (startWorker) build. */
export async function buildOnQueue(options: QueueBuildOptions): Promise<BuildResult> {
  return (await import('./queue/client.js')).buildOnQueue(options);
}

/** Take build jobs from the queue in Redis; a failure to start is told to `onFatal`. */
export function startWorker(options: WorkerOptions): RunningWorker {
  const running = import('./queue/worker.js').then((module) => module.startWorker(options));
  running.catch((error: Error) => options.onFatal?.(error));
  return { close: async () => (await running.catch(() => undefined))?.close() };
}

/** Serve an article's editions and rebuild them when it, a lexicon or a style changes. */
export async function startPreview(options: PreviewOptions): Promise<Preview> {
  return (await import('./preview/server.js')).startPreview(options);
}

/** The narration voices this machine has, one line each. */
export async function listVoices(): Promise<string[]> {
  return (await import('./formats/audio/voices.js')).listVoices();
}

/** Read one article into its document tree and metadata, without building anything; throws InputError. */
export async function readArticle(source: string, options?: ReadOptions): Promise<ArticleDocument> {
  return (await import('./ingest/index.js')).readArticle(source, options);
}
