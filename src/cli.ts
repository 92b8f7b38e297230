import { parseArgs } from 'node:util';
import { build } from './build/build.js';
import { loadConfig } from './build/config.js';
import type { BuildEvent, FormatId, Paper } from './build/types.js';
import { ALL_FORMATS } from './build/types.js';
import { LiveProgress } from './progress.js';
import { VERSION } from './version.js';
import { CHECK_USAGE } from './check/usage.js';

const USAGE = `Usage: broadside <command> [options]

Commands:
  build [inputs...]     Build the editions of each article (files, folders, or
                        http(s) addresses of web pages, fetched with their images).
                        With no inputs, builds every article in content/.
  preview <article>     Serve the article's page, print preview and audio on
                        http://127.0.0.1:4321/ and rebuild when the article, a
                        lexicon or a style changes (--port N, --host ADDR).
  voices                List the narration voices this machine has.
  worker --redis URL    Take build jobs from a queue in Redis and build them into the
                        shared output folder (--concurrency N, --input-root DIR,
                        --output-root DIR, --lock-ms N). SIGTERM drains and stops.
${CHECK_USAGE}
Build options:
  --out DIR             Output folder (default: output). Each article goes to DIR/<name>/.
  --formats LIST        Editions to build, comma-separated: ${ALL_FORMATS.join(',')} (default: all).
  --paper SIZE          Print paper: a4 or letter (default: a4).
  --voice ENGINE[:VOICE] Narration voice, e.g. flite:rms or espeak-ng:ar (default: by language).
  --acx                 Master the audio for audiobook platforms (ACX) instead of podcasts.
  --browser PATH        Chrome or Chromium to use (default: found automatically).
  --force               Rebuild every edition, even those whose inputs have not changed.
  --max-input-bytes N   Refuse articles (and fetched pages or images) larger than N bytes
                        (default: 20000000).
  --fetch-timeout-ms N  Fail a web address whose page (or an image) takes longer than N ms
                        to fetch, redirects included (default: 30000).
  --allow-private-network
                        Also fetch addresses on loopback, private or link-local networks
                        (refused by default).
  --render-timeout-ms N Fail a print edition whose layout takes longer than N ms (default: 120000).
  --synthesis-timeout-ms N
                        Fail the narration when one sentence takes longer than N ms to
                        synthesise (default: 60000).
  --max-print-chars N   Refuse the print editions of an article longer than N characters
                        (default: 1000000).
  --max-narration-chars N
                        Refuse the narration when its text is longer than N characters
                        (default: 150000).
  --queue URL           Have workers build it: queue each edition of each article in the
                        Redis at URL and wait (see broadside worker).
  --braille-grade 1|2   Braille grade where the language has both: 2 contracted, 1 uncontracted
                        (default: 2).
  --braille-cells N     Braille cells per line (default: 40).
  --braille-lines N     Braille lines per page (default: 25).
  --json                Print a machine-readable report on stdout (what was built, warnings, timings).
  --quiet               Print only errors.
  --verbose             Also print each edition's timing and the editions left unchanged.
  -h, --help            Show this help.
  -v, --version         Show the version.

Configuration:
  Defaults can be set in broadside.config.json (or .js, .mjs, .ts, or a "broadside"
  key in package.json) in the working folder: formats, out, paper, voice, acx,
  lexicon, browser, maxInputBytes, fetchTimeoutMs, allowPrivateNetwork,
  renderTimeoutMs, synthesisTimeoutMs, maxPrintChars, maxNarrationChars,
  brailleGrade, brailleCells, brailleLines.
  Command-line options win.

Examples:
  broadside build                         # every article in content/ into output/
  broadside build article.md --out site   # one article into site/article/
  broadside build content/ --formats html,pdf --paper letter
  broadside build talk.txt --formats audio --voice espeak-ng
  broadside build https://example.org/2024/some-post   # into output/some-post/
`;

class UsageError extends Error {}

/** A positive whole number from the command line, for the limits. */
function parseLimit(flag: string, value: string | undefined, min: number, max = Infinity): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new UsageError(`--${flag} takes a whole number ${max === Infinity ? `of at least ${min}` : `from ${min} to ${max}`}, not "${value}"`);
  }
  return number;
}

function parseBrailleGrade(value: string | undefined): 1 | 2 | undefined {
  if (value === undefined) return undefined;
  if (value !== '1' && value !== '2') throw new UsageError(`--braille-grade takes 1 or 2, not "${value}"`);
  return Number(value) as 1 | 2;
}

/** Thrown into the build on Ctrl-C or SIGTERM; the CLI exits 130. */
class InterruptedError extends Error {
  constructor(signal: string) {
    super(`interrupted (${signal}); outputs finished before it are intact`);
    this.name = 'InterruptedError';
  }
}

function parseFormats(list: string | undefined): FormatId[] | undefined {
  if (!list) return undefined;
  const formats = list.split(',').map((f) => f.trim()).filter(Boolean);
  const unknown = formats.filter((f) => !ALL_FORMATS.includes(f as FormatId));
  if (unknown.length) throw new UsageError(`unknown format "${unknown[0]}"; expected ${ALL_FORMATS.join(', ')}`);
  return formats as FormatId[];
}

function parsePaper(value: string | undefined): Paper | undefined {
  if (value === undefined) return undefined;
  const paper = value.toLowerCase();
  if (paper !== 'a4' && paper !== 'letter') throw new UsageError(`unknown paper "${value}"; expected a4 or letter`);
  return paper;
}

type Verbosity = 'quiet' | 'normal' | 'verbose';

/** Plain log lines on stderr, one per event worth telling at this verbosity. */
function eventLogger(verbosity: Verbosity): (event: BuildEvent) => void {
  const say = (line: string) => process.stderr.write(`${line}\n`);
  return (event) => {
    if (event.type === 'article-done' && !event.result.ok) return say(`✗ ${event.result.error}`);
    if (verbosity === 'quiet') return;
    if (event.type === 'warning') return say(`  ${event.message}`);
    if (event.type === 'article-done') return say(`✓ ${event.source} → ${event.result.outDir}`);
    if (verbosity !== 'verbose') return;
    if (event.type === 'edition-done') say(`  ${event.source}: ${event.format} (${(event.ms / 1000).toFixed(1)} s)`);
    if (event.type === 'edition-unchanged') say(`  ${event.source}: ${event.format} unchanged`);
  };
}

/** Options that `build` and `preview` share: where outputs go and how the editions are made. */
const EDITION_OPTIONS = {
  out: { type: 'string' },
  formats: { type: 'string' },
  paper: { type: 'string' },
  voice: { type: 'string' },
  acx: { type: 'boolean' },
  browser: { type: 'string' },
} as const;

async function runBuild(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...EDITION_OPTIONS,
      force: { type: 'boolean' },
      'max-input-bytes': { type: 'string' },
      'fetch-timeout-ms': { type: 'string' },
      'allow-private-network': { type: 'boolean' },
      'render-timeout-ms': { type: 'string' },
      'synthesis-timeout-ms': { type: 'string' },
      'max-print-chars': { type: 'string' },
      'max-narration-chars': { type: 'string' },
      'braille-grade': { type: 'string' },
      'braille-cells': { type: 'string' },
      'braille-lines': { type: 'string' },
      json: { type: 'boolean' },
      quiet: { type: 'boolean' },
      verbose: { type: 'boolean' },
      queue: { type: 'string' },
    },
  });
  const loaded = await loadConfig();
  const config = loaded?.config ?? {};
  const verbosity: Verbosity = values.quiet ? 'quiet' : values.verbose ? 'verbose' : 'normal';
  const started = performance.now();
  // A live display on a terminal; plain log lines in CI, in pipes and with --quiet or --verbose.
  let live = verbosity === 'normal' && LiveProgress.wanted() ? new LiveProgress() : undefined;
  const maxInputBytes = parseLimit('max-input-bytes', values['max-input-bytes'], 1) ?? config.maxInputBytes;
  const fetchTimeoutMs = parseLimit('fetch-timeout-ms', values['fetch-timeout-ms'], 1) ?? config.fetchTimeoutMs;
  const renderTimeoutMs = parseLimit('render-timeout-ms', values['render-timeout-ms'], 1000) ?? config.renderTimeoutMs;
  const synthesisTimeoutMs = parseLimit('synthesis-timeout-ms', values['synthesis-timeout-ms'], 1) ?? config.synthesisTimeoutMs;
  const maxPrintChars = parseLimit('max-print-chars', values['max-print-chars'], 1) ?? config.maxPrintChars;
  const maxNarrationChars = parseLimit('max-narration-chars', values['max-narration-chars'], 1) ?? config.maxNarrationChars;
  const brailleGrade = parseBrailleGrade(values['braille-grade']) ?? config.brailleGrade;
  const brailleCells = parseLimit('braille-cells', values['braille-cells'], 20, 100) ?? config.brailleCells;
  const brailleLines = parseLimit('braille-lines', values['braille-lines'], 5, 100) ?? config.brailleLines;
  const controller = new AbortController();
  const interrupt = (signal: NodeJS.Signals) => controller.abort(new InterruptedError(signal));
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    const run = values.queue ? (await import('./queue/client.js')).buildOnQueue : build;
    const result = await run({
      queue: values.queue ?? '',
      inputs: positionals,
      outDir: values.out ?? config.out,
      formats: parseFormats(values.formats) ?? config.formats,
      paper: parsePaper(values.paper) ?? config.paper,
      voice: values.voice ?? config.voice,
      acx: values.acx ?? config.acx,
      browserPath: values.browser ?? config.browser,
      lexicon: config.lexicon,
      maxInputBytes,
      fetchTimeoutMs,
      allowPrivateNetwork: values['allow-private-network'] ?? config.allowPrivateNetwork,
      renderTimeoutMs,
      synthesisTimeoutMs,
      maxPrintChars,
      maxNarrationChars,
      brailleGrade,
      brailleCells,
      brailleLines,
      force: values.force,
      signal: controller.signal,
      onEvent: live?.onEvent ?? eventLogger(verbosity),
    });
    live?.stop();
    live = undefined;
    if (values.json) {
      const report = { ok: result.ok, durationMs: Math.round(performance.now() - started), articles: result.articles };
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    }
    if (!result.articles.length) {
      process.stderr.write('broadside: no articles found (looked for .txt, .md, .markdown, .html, .htm)\n');
      return 1;
    }
    const failed = result.articles.filter((a) => !a.ok).length;
    if (verbosity !== 'quiet' || failed) process.stderr.write(`${result.articles.length - failed} built, ${failed} failed\n`);
    return failed ? 1 : 0;
  } catch (error) {
    if (!(error instanceof InterruptedError)) throw error;
    process.stderr.write(`broadside: ${error.message}\n`);
    return 130;
  } finally {
    live?.stop();
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
  }
}

async function runPreview(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...EDITION_OPTIONS,
      port: { type: 'string' },
      host: { type: 'string' },
    },
  });
  if (positionals.length !== 1) throw new UsageError('preview takes exactly one article');
  const config = (await loadConfig())?.config ?? {};
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536)) throw new UsageError(`bad port "${values.port}"`);
  const { startPreview } = await import('./preview/server.js');
  const preview = await startPreview({
    source: positionals[0],
    outDir: values.out ?? config.out,
    port,
    host: values.host,
    formats: parseFormats(values.formats) ?? config.formats,
    paper: parsePaper(values.paper) ?? config.paper,
    voice: values.voice ?? config.voice,
    acx: values.acx ?? config.acx,
    browserPath: values.browser ?? config.browser,
    lexicon: config.lexicon,
    onRebuild: (result, changed) => {
      const article = result.articles[0];
      const when = new Date().toLocaleTimeString();
      if (article?.ok) process.stderr.write(`${when} built${changed ? ` (${changed} changed)` : ''}\n`);
      else process.stderr.write(`${when} ✗ ${article?.error}\n`);
    },
  });
  process.stderr.write(`Previewing ${positionals[0]} at ${preview.url} (print preview: ${preview.url}_broadside/print). Ctrl-C stops.\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await preview.close();
  return 0;
}

async function runWorker(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      redis: { type: 'string' },
      concurrency: { type: 'string' },
      'input-root': { type: 'string' },
      'output-root': { type: 'string' },
      'lock-ms': { type: 'string' },
      browser: { type: 'string' },
    },
  });
  if (positionals.length) throw new UsageError('worker takes no inputs: it builds what the queue holds');
  if (!values.redis) throw new UsageError('worker needs --redis URL (for example redis://127.0.0.1:6379)');
  const config = (await loadConfig())?.config ?? {};
  const { startWorker } = await import('./queue/worker.js');
  const say = (line: string) => process.stderr.write(`${line}\n`);
  let fatal: Error | undefined;
  let stopped: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (stopped = resolve));
  const worker = startWorker({
    redis: values.redis,
    concurrency: parseLimit('concurrency', values.concurrency, 1),
    roots: { inputs: values['input-root'], outputs: values['output-root'] },
    lockMs: parseLimit('lock-ms', values['lock-ms'], 1000),
    browserPath: values.browser ?? config.browser,
    onLog: say,
    onFatal: (error) => ((fatal = error), stopped()),
  });
  say(`worker: taking jobs from ${values.redis}; SIGTERM or Ctrl-C drains and stops`);
  process.once('SIGINT', stopped);
  process.once('SIGTERM', stopped);
  await done;
  say(fatal ? `worker: ${fatal.message}` : 'worker: finishing the jobs under way, then stopping');
  await worker.close();
  // With Redis lost, BullMQ's timers and half-made connections would keep the process alive.
  if (fatal) process.exit(1);
  return 0;
}

async function runVoices(): Promise<number> {
  const { listVoices } = await import('./formats/audio/voices.js');
  for (const line of await listVoices()) process.stdout.write(`${line}\n`);
  return 0;
}

/** Run the CLI with the given arguments; resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (!command || command === '-h' || command === '--help' || command === 'help') {
      process.stdout.write(USAGE);
      return command ? 0 : 1;
    }
    if (command === '-v' || command === '--version') {
      process.stdout.write(`${VERSION}\n`);
      return 0;
    }
    if (rest.includes('-h') || rest.includes('--help')) {
      process.stdout.write(USAGE);
      return 0;
    }
    if (command === 'build') return await runBuild(rest);
    if (command === 'voices') return await runVoices();
    if (command === 'worker') return await runWorker(rest);
    if (command === 'preview') return await runPreview(rest);
    if (command === 'check') return await (await import('./check/cli.js')).runCheck(rest);
    throw new UsageError(`unknown command "${command}"`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`broadside: ${message.split('\n')[0]}\n`);
    // With Redis lost, BullMQ's timers and half-made connections would keep the process alive.
    if ((error as Error)?.name === 'RedisLostError') process.exit(1);
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write('Run `broadside --help` for usage.\n');
      return 2;
    }
    return 1;
  }
}
