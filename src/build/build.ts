import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import type { Browser } from 'puppeteer';
import { buildArticle } from './article.js';
import { expandInputs } from './inputs.js';
import { RunDigests } from './stamp.js';
import { killStragglers } from './stragglers.js';
import { RunEditions } from './identical.js';
import { buildMessage, messageLine } from './messages.js';
import type { ArticleResult, BuildOptions, BuildResult, Edition, FormatId } from './types.js';
import { ALL_FORMATS, loadStages, withRequirements } from './editions.js';
import { mapLimited } from '../common/map-limited.js';
import { OPTION_DEFAULTS } from '../options/schema.js';

const DEFAULT_CONTENT = 'content';

/** How long a polite browser.close() may take before the process is killed. */
const CLOSE_GRACE_MS = 5_000;

/**
 * Lazily launches one browser for the whole run and closes it on every exit
 * path. A browser that dies mid-run (crash, OOM killer) is noted, so that the
 * edition that was using it can say so, and replaced for the articles after it.
 */
export class BrowserLease {
  private launching?: Promise<Browser>;
  private current?: Browser;
  private closing = false;
  /** How many times the browser went away without being asked to. */
  lost = 0;
  constructor(private readonly executablePath?: string) {}
  get = (): Promise<Browser> => {
    // Synchronous, so that editions asking at the same moment share one launch.
    if (!this.launching || (this.current && !this.current.connected)) {
      this.current = undefined;
      this.launching = this.launch().then((browser) => (this.current = browser));
    }
    return this.launching;
  };
  private launch(): Promise<Browser> {
    return import('../common/browser.js').then(async ({ launchBrowser }) => {
      const browser = await launchBrowser({ executablePath: this.executablePath }).catch((error: unknown) => {
        const detail = error instanceof Error ? error.message : (error as { message?: unknown } | undefined)?.message ?? String(error);
        throw new Error(`the browser could not be started (${String(detail).split('\n')[0]})`, { cause: error });
      });
      // Whichever comes first: the process exiting, or the connection dropping.
      let gone = false;
      const child = browser.process();
      const onGone = () => {
        if (gone || this.closing) return;
        gone = true;
        this.lost += 1;
        // What the dead browser leaves behind (its helpers, its crash handler) goes with it.
        killGroup(child?.pid);
        if (child) killStragglers(child.spawnargs);
      };
      browser.once('disconnected', onGone);
      child?.once('exit', onGone);
      return browser;
    });
  }
  async close(): Promise<void> {
    if (!this.launching) return;
    this.closing = true;
    const browser = await this.launching.catch(() => undefined);
    if (!browser) return;
    const child = browser.process();
    // A hung browser may never answer Browser.close: kill it after a grace period.
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_GRACE_MS)));
    await Promise.race([browser.close().catch(() => undefined), deadline]);
    clearTimeout(timer);
    if (child && child.exitCode === null && child.signalCode === null) {
      killGroup(child.pid);
      child.kill('SIGKILL');
      await new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(undefined) : child.once('exit', resolve)));
    }
    // A renderer that hung (or was stopped) outlives even a clean exit of the browser, and keeps its crash handler alive.
    if (child) killStragglers(child.spawnargs);
  }
}

/** Puppeteer starts Chromium as a process-group leader: killing the group takes its helpers too. */
function killGroup(pid: number | undefined): void {
  if (!pid || process.platform === 'win32') return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone, or not a group leader.
  }
}

/** Each edition that rendered in the run does its housekeeping; a failure there is a warning, not a failed build. */
async function afterRun(articles: ArticleResult[], loading: Promise<Edition[][]> | undefined, outRoot: string, options: BuildOptions): Promise<void> {
  if (!loading) return;
  const rendered = new Set(articles.flatMap((article) => Object.keys(article.timings)));
  for (const edition of (await loading).flat()) {
    if (!edition.afterRun || !rendered.has(edition.id)) continue;
    await edition.afterRun(outRoot).catch((error: unknown) => {
      const detail = buildMessage(outRoot, `${edition.id} housekeeping failed: ${(error as Error).message ?? error}`, 'build-housekeeping');
      options.onEvent?.({ type: 'warning', source: outRoot, message: messageLine(detail), detail });
    });
  }
}

/**
 * Build every edition of every input. An input that fails is reported in its
 * result (one line naming the file and the problem); the others still build.
 * Articles are built `concurrency` at a time, sharing one browser.
 */
export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  // With no inputs, the articles in content/ (none when there is no such folder).
  const named = options.inputs?.length ? options.inputs : existsSync(DEFAULT_CONTENT) ? [DEFAULT_CONTENT] : [];
  const inputs = await expandInputs(named);
  const formats = withRequirements(options.formats?.length ? options.formats : ALL_FORMATS);
  // Loaded when the first article needs building: a rebuild with nothing to do never loads them.
  let loading: Promise<Edition[][]> | undefined;
  const stages = () => (loading ??= loadStages(formats));
  const digests = new RunDigests();
  const editions = new RunEditions();
  const signal = options.signal ?? new AbortController().signal;
  const browser = new BrowserLease(options.browserPath);
  const concurrency = Math.max(1, options.concurrency ?? Math.min(2, availableParallelism()));
  const outRoot = options.outDir ?? OPTION_DEFAULTS.outDir;
  const buildOne = async (source: string) => {
    options.onEvent?.({ type: 'article-start', source });
    const result = await buildArticle({
      source,
      outRoot,
      formats,
      stages,
      options,
      browser: browser.get,
      browserLost: () => browser.lost,
      digests,
      editions,
      signal,
    });
    options.onEvent?.({ type: 'article-done', source, result });
    return result;
  };
  let articles: ArticleResult[];
  try {
    // An article that fails is a result, not a throw: only an abort stops the others.
    const order = await longestFirst(inputs);
    const built = await mapLimited(order, concurrency, signal, (index) => buildOne(inputs[index]!));
    articles = new Array<ArticleResult>(inputs.length);
    order.forEach((index, k) => (articles[index] = built[k]!));
  } finally {
    await browser.close();
  }
  await afterRun(articles, loading, outRoot, options);
  return { articles, ok: articles.every((a) => a.ok) };
}

/**
 * The order the articles are built in: the largest file first (its size
 * stands for its work), so that the run does not end with one long article
 * building alone while the other lanes sit idle. Results keep the inputs' order.
 */
async function longestFirst(inputs: readonly string[]): Promise<number[]> {
  const sizes = await Promise.all(inputs.map((input) => stat(input).then((stats) => stats.size, () => 0)));
  return inputs.map((_, index) => index).sort((a, b) => sizes[b]! - sizes[a]! || a - b);
}
