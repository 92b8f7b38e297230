/**
 * Issue 12 (cost) benchmark, run by hand on a quiet machine after `npm run build`:
 *   node bench/cost.mjs [--articles N]
 * Cost as CPU seconds (user + system, children included, from /usr/bin/time),
 * on distinct real articles (the dev corpus's text/ pages, none repeated, so
 * no cache is measured), each side in the same run:
 *   1. the audio edition against its synthesis floor (flite speaking the same
 *      sentences in the same workers, nothing else), per minute of narration;
 *   2. the print editions per PDF page;
 *   3. one run of N distinct articles, all formats: CPU ÷ (wall × cores);
 *   4. the same N articles on the queue with one worker process against two.
 * Prints Markdown rows for bench/RESULTS.md.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CORPUS = path.resolve(ROOT, '..', 'shared', 'corpus', 'extraction-dev', 'text');
const BIN = path.join(ROOT, 'bin', 'broadside.js');
const count = Number(process.argv[process.argv.indexOf('--articles') + 1]) || 6;
const cores = os.availableParallelism();

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
  let edition = 0, floor = 0, narrated = 0;
  for (const file of readdirSync(folder)) {
    const out = mkdtempSync(path.join(os.tmpdir(), 'bench-cost-out-'));
    edition += timed(process.execPath, [BIN, 'build', path.join(folder, file), '--out', out, '--formats', 'audio', '--quiet']).cpu;
    narrated += minutes(path.join(out, file.replace(/\.txt$/, ''), file.replace(/\.txt$/, '.mp3')));
    floor += timed(process.execPath, [path.join(ROOT, 'bench', 'cost-synthesis.mjs'), path.join(folder, file)]).cpu;
    rmSync(out, { recursive: true, force: true });
  }
  return { edition, floor, narrated };
}

function printRow(folder) {
  const out = mkdtempSync(path.join(os.tmpdir(), 'bench-cost-out-'));
  const run = timed(process.execPath, [BIN, 'build', folder, '--out', out, '--formats', 'pdf', '--quiet']);
  let total = 0;
  for (const name of readdirSync(out)) for (const pdf of readdirSync(path.join(out, name)).filter((f) => f.endsWith('.pdf'))) total += pages(path.join(out, name, pdf));
  rmSync(out, { recursive: true, force: true });
  return { cpu: run.cpu, pages: total };
}

function batchRow(folder) {
  const out = mkdtempSync(path.join(os.tmpdir(), 'bench-cost-out-'));
  const run = timed(process.execPath, [BIN, 'build', folder, '--out', out, '--quiet']);
  rmSync(out, { recursive: true, force: true });
  return run;
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
const audio = audioRow(folder);
const print = printRow(folder);
const batch = batchRow(folder);
const one = await queueRow(folder, 1);
const two = await queueRow(folder, 2);
rmSync(folder, { recursive: true, force: true });
const f = (x, d = 2) => x.toFixed(d);
console.log(`| case | figure |`);
console.log(`|---|---|`);
console.log(`| audio edition CPU ÷ synthesis CPU (${count} articles, ${f(audio.narrated, 1)} min) | ${f(audio.edition, 1)} s ÷ ${f(audio.floor, 1)} s = **${f(audio.edition / audio.floor)}×** |`);
console.log(`| audio edition CPU per minute of narration | ${f(audio.edition / audio.narrated)} s (floor ${f(audio.floor / audio.narrated)} s) |`);
console.log(`| print editions CPU per PDF page (${print.pages} pages, both editions) | ${f(print.cpu / print.pages)} s |`);
console.log(`| one run of ${count} distinct articles, all formats: CPU ÷ (wall × ${cores} cores) | ${f(batch.cpu, 1)} ÷ (${f(batch.wall, 1)} × ${cores}) = **${f(batch.cpu / (batch.wall * cores))}** |`);
console.log(`| the same on the queue: one worker process vs two (wall) | ${f(one, 1)} s vs ${f(two, 1)} s = ${f(two / one)}× |`);
