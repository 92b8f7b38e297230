export { build } from './build/build.js';
export { buildOnQueue, type QueueBuildOptions } from './queue/client.js';
export { startWorker, type RunningWorker, type WorkerOptions } from './queue/worker.js';
export type { BuildJob, JobOutcome } from './queue/contract.js';
export type {
  ArticleResult,
  BuildEvent,
  BuildOptions,
  BuildResult,
  FormatId,
  Paper,
} from './build/types.js';
export { ALL_FORMATS } from './build/types.js';
export { readArticle, InputError } from './ingest/index.js';
export type { ArticleDocument, ArticleMetadata, Lexicon, LexiconEntry } from './document/types.js';
export { check, CheckUsageError } from './check/index.js';
export type { CheckOptions, CheckReport, Finding, TargetReport } from './check/index.js';
