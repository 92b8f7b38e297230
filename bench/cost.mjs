/**
 * Issue 12 (cost) benchmark, run by hand on a quiet machine after `npm run build`:
 *   node bench/cost.mjs [--articles N] [--only audio|print|batch|queue] [--corpus DIR] [--against DIR]
 * --against DIR: another checkout, built (e.g. a snapshot of the commit before a change): its audio
 * edition is a fourth side of the audio row, and its batch run follows this one's.
 * Cost as CPU seconds (user + system, children included, from /usr/bin/time),
 * on distinct real articles (the dev corpus's text/ pages, none repeated, so
 * no cache is measured), each side in the same run:
 *   1. the audio edition against its synthesis floor (flite speaking the same
 *      sentences in the same workers, nothing else), per minute of narration,
 *      and its wall time against one flite process reading the same text
 *      (bench/cost-synthesis.mjs --one); the three alternate, article by article;
 *   2. the print editions per PDF page;
 *   3. one run of N distinct articles, all formats: CPU ÷ (wall × cores);
 *   4. the same N articles on the queue with one worker process against two.
 * Prints Markdown rows for bench/RESULTS.md.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CORPUS = process.argv.includes('--corpus') ? path.resolve(process.argv[process.argv.indexOf('--corpus') + 1]) : [path.resolve(ROOT, '..', 'shared'), path.resolve(ROOT, '..', '..', 'shared')].map((shared) => path.join(shared, 'corpus', 'extraction-dev', 'text')).find((dir) => existsSync(dir));
const BIN = path.join(ROOT, 'bin', 'broadside.js');
const count = Number(process.argv[process.argv.indexOf('--articles') + 1]) || 6;
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const cores = os.availableParallelism();
const AGAINST = process.argv.includes('--against') ? path.resolve(process.argv[process.argv.indexOf('--against') + 1]) : undefined;

/** Runs a command under /usr/bin/time; CPU and wall seconds, children included. */
function timed(command, args, options = {}) {
  const run = spawnSync('/usr/bin/time', ['-f', '@@ %U %S %e', command, ...args], { encoding: 'utf8', ...options });
  const line = run.stderr.split('\n').reverse().find((l) => l.startsWith('@@ '));
  if (run.status !== 0 || !line) throw new Error(`${command} ${args.join(' ')} failed: ${run.stderr.slice(-800)}`);
  const [user, system, wall] = line.slice(3).split(' ').map(Number);
  return { cpu: user + system, wall, stdout: run.stdout };
}

/** N distinct articles of middling length (3–12 kB of copied text), into a fresh folder. */
function articles(n) {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'bench-cost-in-'));
  const picked = readdirSync(CORPUS)
    .map((name) => ({ name, size: statSync(path.join(CORPUS, name)).size }))
    .filter(({ size }) => size > 3000 && size < 12000)
    .sort((a, b) => a.name.localeCompare(b.name))
    .slice(0, n);
  for (const { name } of picked) copyFileSync(path.join(CORPUS, name), path.join(folder, `a${name.slice(0, 8)}.txt`));
  return folder;
}

const minutes = (file) => Number(execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file], { encoding: 'utf8' })) / 60;
const pages = (file) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))[1]);

function audioRow(folder) {
  let edition = 0, editionWall = 0, floor = 0, one = 0, oneWall = 0, narrated = 0, against = 0;
  for (const [i, file] of readdirSync(folder).entries()) {
    const input = path.join(folder, file);
    const out = mkdtempSync(path.join(os.tmpdir(), 'bench-cost-out-'));
    // Each side goes first in turn, so that a change in the machine's load falls on all three alike.
    const sides = [
      () => {
        const run = timed(process.execPath, [BIN, 'build', input, '--out', out, '--formats', 'audio', '--quiet']);
        edition += run.cpu;
        editionWall += run.wall;
      },
      () => (floor += timed(process.execPath, [path.join(ROOT, 'bench', 'cost-synthesis.mjs'), input]).cpu),
      () => {
        const run = timed(process.execPath, [path.join(ROOT, 'bench', 'cost-synthesis.mjs'), '--one', input]);
        one += run.cpu;
        oneWall += run.wall;
      },
    ];
    if (AGAINST) {
      sides.push(() => {
        const other = mkdtempSync(path.join(os.tmpdir(), 'bench-cost-out-'));
        against += timed(process.execPath, [path.join(AGAINST, 'bin', 'broadside.js'), 'build', input, '--out', other, '--formats', 'audio', '--quiet']).cpu;
        rmSync(other, { recursive: true, force: true });
      });
    }
    for (let k = 0; k < sides.length; k++) sides[(i + k) % sides.length]();
    narrated += minutes(path.join(out, file.replace(/\.txt$/, ''), file.replace(/\.txt$/, '.mp3')));
    rmSync(out, { recursive: true, force: true });
  }
  return { edition, editionWall, floor, one, oneWall, narrated, against };
}

function printRow(folder) {
  const out = mkdtempSync(path.join(os.tmpdir(), 'bench-cost-out-'));
  const run = timed(process.execPath, [BIN, 'build', folder, '--out', out, '--formats', 'pdf', '--quiet']);
  let total = 0;
  for (const name of readdirSync(out)) for (const pdf of readdirSync(path.join(out, name)).filter((f) => f.endsWith('.pdf'))) total += pages(path.join(out, name, pdf));
  rmSync(out, { recursive: true, force: true });
  return { cpu: run.cpu, pages: total };
}

/** The machine's busy and total CPU ticks so far, every core and process (/proc/stat's first line). */
function machineTicks() {
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  const total = fields.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: total - fields[3] - fields[4], total };
}

/**
 * One build of the folder. Besides the process tree's CPU (rusage of the reaped children), the share of the
 * machine's CPU that was busy over the run (/proc/stat): rusage misses Chromium's renderer processes, which
 * the browser does not reap before it is closed, so on an otherwise idle machine the second is the core use.
 */
function batchRow(folder, bin = BIN) {
  const out = mkdtempSync(path.join(os.tmpdir(), 'bench-cost-out-'));
  const before = machineTicks();
  const run = timed(process.execPath, [bin, 'build', folder, '--out', out, '--quiet']);
  const after = machineTicks();
  rmSync(out, { recursive: true, force: true });
  return { ...run, machineBusy: (after.busy - before.busy) / (after.total - before.total) };
}

/** The articles built on a queue by `workers` worker processes, wall seconds from queueing to the report. */
async function queueRow(folder, workers) {
  const work = mkdtempSync(path.join(os.tmpdir(), 'bench-cost-queue-'));
  mkdirSync(path.join(work, 'content'));
  for (const file of readdirSync(folder)) copyFileSync(path.join(folder, file), path.join(work, 'content', file));
  const port = 20000 + Math.floor(Math.random() * 20000);
  const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', work], { stdio: 'ignore' });
  await new Promise((resolve) => setTimeout(resolve, 500));
  const url = `redis://127.0.0.1:${port}`;
  const children = Array.from({ length: workers }, () => spawn(process.execPath, [BIN, 'worker', '--redis', url], { cwd: work, stdio: 'ignore' }));
  const run = timed(process.execPath, [BIN, 'build', 'content', '--out', 'out', '--queue', url, '--quiet'], { cwd: work });
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(children.map((child) => new Promise((resolve) => child.once('exit', resolve))));
  redis.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
  return run.wall;
}

const folder = articles(count);
const f = (x, d = 2) => x.toFixed(d);
console.log(`| case | figure |`);
console.log(`|---|---|`);
if (!only || only === 'audio') {
  const audio = audioRow(folder);
  console.log(`| audio edition CPU ÷ synthesis CPU (${count} articles, ${f(audio.narrated, 1)} min) | ${f(audio.edition, 1)} s ÷ ${f(audio.floor, 1)} s = **${f(audio.edition / audio.floor)}×** |`);
  console.log(`| audio edition CPU per minute of narration | ${f(audio.edition / audio.narrated)} s (floor ${f(audio.floor / audio.narrated)} s) |`);
  if (AGAINST) console.log(`| the other checkout's audio edition CPU ÷ the same synthesis CPU | ${f(audio.against, 1)} s ÷ ${f(audio.floor, 1)} s = **${f(audio.against / audio.floor)}×** |`);
  console.log(`| audio edition wall ÷ one flite process's wall | ${f(audio.editionWall, 1)} s ÷ ${f(audio.oneWall, 1)} s = **${f(audio.editionWall / audio.oneWall)}×** (one flite's CPU ${f(audio.one, 1)} s) |`);
}
if (!only || only === 'print') {
  const print = printRow(folder);
  console.log(`| print editions CPU per PDF page (${print.pages} pages, both editions) | ${f(print.cpu / print.pages)} s |`);
}
if (!only || only === 'batch') {
  const load = () => os.loadavg()[0].toFixed(1);
  const before = load();
  const batch = batchRow(folder);
  console.log(`| one run of ${count} distinct articles, all formats: CPU ÷ (wall × ${cores} cores) | ${f(batch.cpu, 1)} ÷ (${f(batch.wall, 1)} × ${cores}) = **${f(batch.cpu / (batch.wall * cores))}** (load ${before} → ${load()}) |`);
  console.log(`| the same run: the machine's CPU busy over it (/proc/stat, every process) | **${f(batch.machineBusy)}** |`);
  if (AGAINST) {
    const other = batchRow(folder, path.join(AGAINST, 'bin', 'broadside.js'));
    console.log(`| the same, the other checkout | ${f(other.cpu, 1)} ÷ (${f(other.wall, 1)} × ${cores}) = **${f(other.cpu / (other.wall * cores))}** (load → ${load()}) |`);
  }
}
if (!only || only === 'queue') {
  const one = await queueRow(folder, 1);
  const two = await queueRow(folder, 2);
  console.log(`| the same on the queue: one worker process vs two (wall) | ${f(one, 1)} s vs ${f(two, 1)} s = ${f(two / one)}× |`);
}
rmSync(folder, { recursive: true, force: true });
