#!/usr/bin/env node
// Article extraction on the dev corpus, both readers, with the shared score tool:
//   npm run build && node bench/extraction.mjs [--shared DIR]
// Prints F1, precision and recall for the saved pages (html) and the copied text (txt),
// beside the corpus's published figures. Record the result in bench/RESULTS.md.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const at = process.argv.indexOf('--shared');
const shared = at > 0 ? path.resolve(process.argv[at + 1]) : process.env.BROADSIDE_SHARED ?? path.resolve(root, '../shared');
const tool = path.join(shared, 'tools', 'extraction-score');
if (!existsSync(tool)) {
  console.error(`bench/extraction.mjs: ${tool} not found (give --shared DIR)`);
  process.exit(1);
}
const published = { 'Readability.js': 0.947, trafilatura: 0.958, 'go-trafilatura': 0.96, 'rs-trafilatura': 0.97 };
for (const mode of ['html', 'txt']) {
  const started = Date.now();
  const out = execFileSync('python3', [tool, '--mode', mode, '--json'], { cwd: root, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  const s = JSON.parse(out.trim().split('\n').find((line) => line.startsWith('{')));
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  console.log(`${mode}: pages=${s.pages} failed=${s.failed.length} F1=${s.f1.toFixed(3)} precision=${s.precision.toFixed(3)} recall=${s.recall.toFixed(3)} (${seconds} s)`);
}
console.log(`published, whole benchmark: ${Object.entries(published).map(([k, v]) => `${k} ${v.toFixed(3)}`).join(', ')}; Readability.js on dev 0.951`);
