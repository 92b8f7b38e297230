export { build } from './build/build.js';
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
