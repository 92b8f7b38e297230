/**
 * Issue 5 benchmarks: many articles in one run, no-op rebuilds, the audio
 * rebuild after editing one paragraph, and peak memory for a long article.
 * Run by hand after `npm run build`:  npx tsx bench/many.ts [--quick]
 * Every ratio is measured in the same run. Results go to stdout as a
 * Markdown table; paste them into bench/RESULTS.md with the machine line.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const WORK = path.join(ROOT, 'bench', '.work', 'many');
const BIN = path.join(ROOT, 'bin', 'broadside.js');
const quick = process.argv.includes('--quick');
const COUNT = quick ? 4 : 20;

interface Run {
  ms: number;
  peakRssKb: number;
  peakBrowserRssKb: number;
  code: number | null;
}

/** Sum of the RSS of a process tree's members matching `filter`, in KiB (Linux /proc). */
function treeRss(root: number, filter: (cmd: string) => boolean): number {
  const children = new Map<number, number[]>();
  const info = new Map<number, { rss: number; cmd: string }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      const rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      const pid = Number(entry);
      info.set(pid, { rss, cmd });
      children.set(ppid, [...(children.get(ppid) ?? []), pid]);
    } catch {
      // The process ended while we looked.
    }
  }
  let total = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    const me = info.get(pid);
    if (me && filter(me.cmd)) total += me.rss;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

function run(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, CI: '1' } });
    let peakRssKb = 0;
    let peakBrowserRssKb = 0;
    const sample = setInterval(() => {
      const pid = child.pid!;
      try {
        peakRssKb = Math.max(peakRssKb, Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0));
      } catch {
        // The process has just ended.
      }
      peakBrowserRssKb = Math.max(peakBrowserRssKb, treeRss(pid, (cmd) => cmd.includes('chrom')));
    }, 50);
    child.on('exit', (code) => {
      clearInterval(sample);
      resolve({ ms: performance.now() - started, peakRssKb, peakBrowserRssKb, code });
    });
  });
}

function prepare(): string[] {
  rmSync(WORK, { recursive: true, force: true });
  const inputs = path.join(WORK, 'in');
  mkdirSync(inputs, { recursive: true });
  const sources = [path.join(ROOT, 'content', 'is-khorasan.txt'), ...readdirSync(path.join(ROOT, 'test', 'fixtures'))
    .filter((f) => /\.(txt|md|html)$/.test(f))
    .map((f) => path.join(ROOT, 'test', 'fixtures', f))];
  // The fixtures' images travel with them.
  cpSync(path.join(ROOT, 'test', 'fixtures', 'images'), path.join(inputs, 'images'), { recursive: true });
  const files: string[] = [];
  for (let i = 0; i < COUNT; i++) {
    const source = sources[i % sources.length];
    const target = path.join(inputs, `a${String(i).padStart(2, '0')}-${path.basename(source)}`);
    copyFileSync(source, target);
    files.push(target);
  }
  return files;
}

const rows: string[] = [];
const report = (row: string) => {
  rows.push(row);
  console.error(`measured: ${row}`);
};
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

const files = prepare();
const together = await run(['build', path.join(WORK, 'in'), '--out', path.join(WORK, 'together'), '--force']);
// A separate run is one article built on its own, cold: its own fresh output folder, so nothing made for another article helps it.
let separate = 0;
const separateRuns: Run[] = [];
for (const [i, file] of files.entries()) {
  const one = await run(['build', file, '--out', path.join(WORK, `separate-${i}`), '--force']);
  separateRuns.push(one);
  separate += one.ms;
}
// The same separate runs one after another into one output folder, which share its speech cache (but not a run's layouts).
let sequence = 0;
for (const file of files) sequence += (await run(['build', file, '--out', path.join(WORK, 'sequence'), '--force'])).ms;
// The first input is the seed: its separate run is the seed, all formats, in a cold process.
report(`| seed, all formats, cold process | ${seconds(separateRuns[0]!.ms)} (Node ${(separateRuns[0]!.peakRssKb / 1024).toFixed(0)} MB, browser ${(separateRuns[0]!.peakBrowserRssKb / 1024).toFixed(0)} MB at peak) | | recorded |`);
report(`| ${COUNT} articles, all formats, one run vs ${COUNT} separate runs | ${seconds(together.ms)} vs ${seconds(separate)} | **${(together.ms / separate).toFixed(2)}×** | ≤ 0.35× |`);
report(`| (the same ${COUNT} separate runs one after another into one output folder, against the one run) | ${seconds(sequence)}, one run ${seconds(together.ms)} | ${(together.ms / sequence).toFixed(2)}× | |`);

const noop = await run(['build', path.join(WORK, 'in'), '--out', path.join(WORK, 'together')]);
report(`| no-op rebuild of those ${COUNT} (whole CLI process) | ${seconds(noop.ms)} | | ≤ 0.5 s |`);

// Audio after editing one paragraph, against a cold audio build, same article.
const seed = path.join(WORK, 'seed.txt');
copyFileSync(path.join(ROOT, 'content', 'is-khorasan.txt'), seed);
const audioOut = path.join(WORK, 'audio');
const cold = await run(['build', seed, '--formats', 'audio', '--out', audioOut, '--force']);
const text = readFileSync(seed, 'utf8');
writeFileSync(seed, text.replace('Every war, whether inter or intrastate posses horrific consequences.', 'Every war, whether between states or within one, has horrific consequences.'));
const warm = await run(['build', seed, '--formats', 'audio', '--out', audioOut]);
report(`| audio rebuild after editing one paragraph vs cold audio build | ${seconds(warm.ms)} vs ${seconds(cold.ms)} | **${((warm.ms / cold.ms) * 100).toFixed(1)} %** | ≤ 15 % |`);

// A 60,000-character article: the seed's body repeated.
const long = path.join(WORK, 'long.txt');
const body = text.split('\n').filter((line) => line.length > 300);
let longText = 'Friday, December 8, 2023\n\nA Long Article for Measuring Memory\n\n';
for (let i = 0; longText.length < 60_000; i++) longText += `${body[i % body.length]}\n\n`;
writeFileSync(long, longText);
const big = await run(['build', long, '--out', path.join(WORK, 'long'), '--force']);
report(`| peak RSS, ${longText.length.toLocaleString('en')}-character article, all formats | Node ${(big.peakRssKb / 1024).toFixed(0)} MB, browser ${(big.peakBrowserRssKb / 1024).toFixed(0)} MB (${seconds(big.ms)}) | | Node ≤ ~300 MB |`);

console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
console.log('| case | figure | ratio | target |\n|---|---|---|---|');
for (const row of rows) console.log(row);
