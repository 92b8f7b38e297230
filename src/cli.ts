import { parseArgs } from 'node:util';
import {
  BUILD_OPTIONS,
  build,
  buildOnQueue,
  listVoices,
  loadConfig,
  optionList,
  startPreview,
  startWorker,
  VERSION,
  type BuildEvent,
  type BuildMessage,
  type BuildOptions,
  type Config,
  type OptionInfo,
} from './index.js';
import { flagTypes, optionValues, parseWhole, UsageError } from './cli/flags.js';
import { eventLogger, reportRun, type Verbosity } from './cli/report.js';
import { usage } from './cli/usage.js';
import { LiveProgress } from './progress.js';

/** Thrown into the build on Ctrl-C or SIGTERM; the CLI exits 130. */
class InterruptedError extends Error {
  constructor(signal: string) {
    super(`interrupted (${signal}); outputs finished before it are intact`);
    this.name = 'InterruptedError';
  }
}

const OPTIONS = optionList(BUILD_OPTIONS);
/** The build options `preview` takes too: where outputs go and how the editions are made. */
const PREVIEW_OPTIONS = OPTIONS.filter((option) => ['outDir', 'formats', 'paper', 'voice', 'acx', 'browserPath', 'lexicon'].includes(option.name));

const configOf = async (): Promise<Config> => (await loadConfig())?.config ?? {};

/** The command's flags parsed, and the build options they and the config give. */
async function parseCommand(args: string[], options: OptionInfo[], extra: Record<string, { type: 'string' | 'boolean' }> = {}) {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { ...flagTypes(options), ...extra } });
  const settings = optionValues(options, values, await configOf());
  return { values, positionals, settings };
}

/** Runs `work` with a signal that Ctrl-C or SIGTERM aborts; resolves to its exit code, or 130 when interrupted. */
async function interruptible(work: (signal: AbortSignal) => Promise<number>): Promise<number> {
  const controller = new AbortController();
  const interrupt = (signal: NodeJS.Signals) => controller.abort(new InterruptedError(signal));
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    return await work(controller.signal);
  } catch (error) {
    if (!(error instanceof InterruptedError)) throw error;
    process.stderr.write(`broadside: ${error.message}\n`);
    return 130;
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
  }
}

async function runBuild(args: string[]): Promise<number> {
  const { positionals, settings } = await parseCommand(args, OPTIONS);
  const { json, quiet, verbose, queue, ...rest } = settings as BuildOptions & { json?: boolean; quiet?: boolean; verbose?: boolean; queue?: string };
  const verbosity: Verbosity = quiet ? 'quiet' : verbose ? 'verbose' : 'normal';
  const started = performance.now();
  // A live display on a terminal; plain log lines in CI, in pipes and with --quiet or --verbose.
  let live = verbosity === 'normal' && LiveProgress.wanted() ? new LiveProgress() : undefined;
  try {
    return await interruptible(async (signal) => {
      const messages: BuildMessage[] = [];
      const log = live?.onEvent ?? eventLogger(verbosity);
      const onEvent = (event: BuildEvent) => (event.type === 'warning' && messages.push(event.detail), log(event));
      const options: BuildOptions = { ...rest, inputs: positionals, signal, onEvent };
      const result = queue ? await buildOnQueue({ ...options, queue }) : await build(options);
      live?.stop();
      live = undefined;
      return reportRun(result, { json, verbosity, started, messages });
    });
  } finally {
    live?.stop();
  }
}

async function runPreview(args: string[]): Promise<number> {
  const { values, positionals, settings } = await parseCommand(args, PREVIEW_OPTIONS, { port: { type: 'string' }, host: { type: 'string' } });
  if (positionals.length !== 1) throw new UsageError('preview takes exactly one article');
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536)) throw new UsageError(`bad port "${values.port}"`);
  const preview = await startPreview({
    ...(settings as BuildOptions),
    source: positionals[0]!,
    port,
    host: values.host as string | undefined,
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
  const config = await configOf();
  const say = (line: string) => process.stderr.write(`${line}\n`);
  let fatal: Error | undefined;
  let stopped: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (stopped = resolve));
  const worker = startWorker({
    redis: values.redis,
    concurrency: values.concurrency === undefined ? undefined : parseWhole('concurrency', values.concurrency, 1),
    roots: { inputs: values['input-root'], outputs: values['output-root'] },
    lockMs: values['lock-ms'] === undefined ? undefined : parseWhole('lock-ms', values['lock-ms'], 1000),
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
  for (const line of await listVoices()) process.stdout.write(`${line}\n`);
  return 0;
}

/** The command's exit code; throws for a mistake in the command. */
async function run(command: string | undefined, rest: string[]): Promise<number> {
  if (!command || command === '-h' || command === '--help' || command === 'help') {
    process.stdout.write(usage());
    return command ? 0 : 1;
  }
  if (command === '-v' || command === '--version') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (rest.includes('-h') || rest.includes('--help')) {
    process.stdout.write(usage());
    return 0;
  }
  if (command === 'build') return runBuild(rest);
  if (command === 'voices') return runVoices();
  if (command === 'worker') return runWorker(rest);
  if (command === 'preview') return runPreview(rest);
  // The check command's own CLI (its report formats) lives with the checks.
  if (command === 'check') return (await import('./check/cli.js')).runCheck(rest);
  throw new UsageError(`unknown command "${command}"`);
}

/** Run the CLI with the given arguments; resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    return await run(command, rest);
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
