import { createHash } from 'node:crypto';
import path from 'node:path';
import type { ArticleDocument } from '../document/types.js';
import { editionKey, type EditionCache } from './cache.js';
import { copyIdentical } from './identical.js';
import { BrowserDiedError, changed, EditionError } from './failures.js';
import { buildMessage, type BuildMessage } from './messages.js';
import type { ArticleJob } from './article.js';
import type { ArticleResult, Edition, EditionContext } from './types.js';

/** Options that bound how long work may take: they change neither what is produced nor whether it can be. */
export const TIMEOUTS = new Set<string>(['renderTimeoutMs', 'synthesisTimeoutMs']);
/** Options that bound how long work may take or how large an input may be, never what is produced: kept out of edition keys. */
const LIMITS = new Set<string>([...TIMEOUTS, 'maxPrintChars', 'maxNarrationChars']);

/** What the editions of one article's build share. */
export interface ArticleEditions {
  job: ArticleJob;
  doc: ArticleDocument;
  outDir: string;
  context: EditionContext;
  cache: EditionCache;
  /** The article's outputs so far, by manifest key: each edition adds its own. */
  outputs: Record<string, string>;
  result: ArticleResult;
  /** Tells a warning: into the result and to the run's events. */
  report: (message: BuildMessage) => void;
  sourceText: Buffer;
  /** The run's digest of the tool's data files. */
  data: string;
}

/** The edition's cache key: everything its output is made from. */
async function keyOf(run: ArticleEditions, edition: Edition): Promise<string> {
  const { job, context, cache, outputs } = run;
  const styles = edition.styles ?? (await job.digests.styleNames());
  const options = edition.reads
    ? edition.reads.filter((option) => !LIMITS.has(option)).map((option) => context.options[option])
    : Object.fromEntries(Object.entries(context.options).filter(([option]) => !LIMITS.has(option)));
  return editionKey({
    format: edition.id,
    data: run.data,
    sourceBytes: run.sourceText,
    lexicon: run.doc.lexicon,
    options,
    styles: await Promise.all(styles.map(async (name): Promise<[string, string]> => [name, await job.digests.style(name)])),
    // Hand-offs sorted by name: editions of one stage hand theirs on in whatever order they finish.
    upstream: edition.readsOtherEditions ? { outputs: cache.othersOutputs(edition.id, outputs, edition.readsOtherEditions === true ? undefined : edition.readsOtherEditions), shared: Object.fromEntries(Object.entries(context.shared).sort(([a], [b]) => a.localeCompare(b))) } : null,
  });
}

/** What makes two articles' editions identical: the edition's key (text, options, styles…), the folder their images are found from, and the metadata. */
function twinKey(editionKey: string, source: string, meta: unknown): string {
  return createHash('sha256').update(editionKey).update('\0').update(path.resolve(path.dirname(source))).update('\0').update(JSON.stringify(meta)).digest('hex');
}

/** Renders the edition, made once for identical articles of the run where it can be; resolves to its files and what it handed on. */
async function make(run: ArticleEditions, edition: Edition, key: string): Promise<{ written: Record<string, string>; handed: Record<string, unknown> }> {
  const { job, context, doc } = run;
  const { source, signal } = job;
  // What this edition hands on, and only this one: editions of one stage run at the same time.
  const own: Record<string, unknown> = {};
  const shared = new Proxy(context.shared, {
    set: (target, key, value) => (((target as Record<string | symbol, unknown>)[key] = value), typeof key === 'string' && (own[key] = value), true),
  });
  const given: BuildMessage[] = [];
  const warn: EditionContext['warn'] = (reason, ruleId, place) => {
    const message = buildMessage(source, reason, ruleId, place);
    given.push(message);
    run.report(message);
  };
  const render = async (): Promise<Record<string, string>> => {
    const lostBefore = job.browserLost?.() ?? 0;
    try {
      return await edition.render({ ...context, shared, warn });
    } catch (error) {
      if (signal.aborted) throw error;
      // Puppeteer rejects the pending calls a moment before it reports the disconnection.
      const browserDied = job.browserLost ? await changed(job.browserLost, lostBefore) : false;
      throw new EditionError(edition.id, browserDied ? new BrowserDiedError(error) : error);
    }
  };
  if (!edition.sameForIdenticalArticles || !job.editions) return { written: await render(), handed: { ...own } };
  // An edition that does not depend on the article's name is made once for identical articles of the run.
  const written = await job.editions.obtain(
    twinKey(key, source, doc.meta),
    async () => ({ source, outDir: run.outDir, name: doc.name, outputs: await render(), shared: { ...own }, messages: given }),
    async (twin) => {
      const copied = await copyIdentical(twin, run.outDir, doc.name);
      if (!copied) return undefined;
      for (const message of twin.messages) run.report({ ...message, file: source });
      Object.assign(context.shared, twin.shared);
      return copied;
    },
  );
  return { written, handed: { ...own } };
}

/** Builds one edition of the article, or takes it from the cache when nothing it is made from changed. */
export async function runEdition(run: ArticleEditions, edition: Edition): Promise<void> {
  const { job, context, cache, outputs, result } = run;
  const { source, signal, options } = job;
  signal.throwIfAborted();
  const key = await keyOf(run, edition);
  const cached = options.force ? undefined : cache.hit(edition.id, key, run.outDir);
  if (cached) {
    Object.assign(outputs, cached.outputs);
    Object.assign(context.shared, cached.shared);
    result.unchanged.push(edition.id);
    options.onEvent?.({ type: 'edition-unchanged', source, format: edition.id });
    return;
  }
  options.onEvent?.({ type: 'edition-start', source, format: edition.id });
  const started = performance.now();
  const { written, handed } = await make(run, edition, key);
  Object.assign(outputs, written);
  cache.set(edition.id, { key, outputs: written, shared: handed });
  await cache.save();
  result.timings[edition.id] = Math.round(performance.now() - started);
  options.onEvent?.({ type: 'edition-done', source, format: edition.id, ms: result.timings[edition.id]! });
}
