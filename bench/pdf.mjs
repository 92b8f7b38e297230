/**
 * Issue 3 benchmark: the print editions of the seed, Broadside against
 * pagedjs-cli on the same print HTML, in the same run, alternating so that
 * neither side gets a warmer machine.
 * Run by hand after `npm run build`:  node bench/pdf.mjs [runs]
 * Prints a Markdown table; paste it into bench/RESULTS.md with the machine line.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readArticle } from '../dist/ingest/index.js';
import { printHtml } from '../dist/formats/pdf/print-html.js';
import { printCss } from '../dist/formats/pdf/render-pdf.js';
import { findBrowser } from '../dist/formats/pdf/browser.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WORK = path.join(ROOT, 'bench', '.work', 'pdf');
const SEED = path.join(ROOT, 'content', 'is-khorasan.txt');
const RUNS = Number(process.argv[2] ?? 5);
const BROWSER = findBrowser();
const LAUNCH_ARGS = '--no-sandbox,--disable-gpu,--disable-dev-shm-usage,--no-first-run';

rmSync(WORK, { recursive: true, force: true });
mkdirSync(WORK, { recursive: true });

// The same HTML Broadside prints, written out for pagedjs-cli (relative base, CSS inlined).
const doc = await readArticle(SEED);
const html = {};
for (const variant of ['standard', 'large-print']) {
  html[variant] = path.join(WORK, `${variant}.html`);
  writeFileSync(html[variant], printHtml(doc, { css: await printCss(variant, 'a4'), baseUrl: './' }));
}

function time(command, args, env = {}) {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}`);
  return ms;
}

// --force: every run lays out both PDFs again (without it, the incremental build would find nothing to do).
const broadside = () =>
  time(process.execPath, [path.join(ROOT, 'bin', 'broadside.js'), 'build', SEED, '--formats', 'pdf', '--out', path.join(WORK, 'out'), '--force'], {
    BROADSIDE_BROWSER: BROWSER,
  });
const pagedjsCli = (variant) =>
  time(process.execPath, [path.join(ROOT, 'node_modules', 'pagedjs-cli', 'src', 'cli.js'), html[variant], '-o', path.join(WORK, `${variant}-pagedjs-cli.pdf`), '--browserArgs', LAUNCH_ARGS], {
    PUPPETEER_EXECUTABLE_PATH: BROWSER,
  });

const samples = { broadside: [], cliStandard: [], cliBoth: [] };
broadside();
pagedjsCli('standard');
for (let run = 0; run < RUNS; run++) {
  samples.broadside.push(broadside());
  const standard = pagedjsCli('standard');
  samples.cliStandard.push(standard);
  samples.cliBoth.push(standard + pagedjsCli('large-print'));
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const seconds = (ms) => (ms / 1000).toFixed(2);
const ours = median(samples.broadside);
const theirsOne = median(samples.cliStandard);
const theirsBoth = median(samples.cliBoth);
console.log(`Machine: ${cpus().length} × ${cpus()[0].model}, ${Math.round(totalmem() / 2 ** 30)} GiB; Node ${process.version}; ${BROWSER}`);
console.log(`Method: ${RUNS} alternating runs after one warm-up each, median wall time of whole processes (launch to exit).`);
console.log('');
console.log('| what | median s |');
console.log('|---|---|');
console.log(`| broadside build --formats pdf (both editions, one browser) | ${seconds(ours)} |`);
console.log(`| pagedjs-cli, standard edition HTML only | ${seconds(theirsOne)} |`);
console.log(`| pagedjs-cli, both editions' HTML (two runs) | ${seconds(theirsBoth)} |`);
console.log(`| ratio broadside / pagedjs-cli for the same two PDFs | ${(ours / theirsBoth).toFixed(2)} |`);
console.log(`| ratio broadside (two PDFs) / pagedjs-cli (one PDF) | ${(ours / theirsOne).toFixed(2)} |`);
