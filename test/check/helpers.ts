import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from '../../src/build/build.js';
import type { FormatId } from '../../src/build/types.js';
import { printHtml } from '../../src/formats/pdf/print-html.js';
import { readArticle } from '../../src/ingest/index.js';
import { stylePath } from '../../src/styles.js';
import type { Finding, TargetReport } from '../../src/check/types.js';

/** Build one article into a fresh folder; resolves to the article's output folder. */
export async function buildArticle(source: string, formats?: FormatId[]): Promise<string> {
  const out = await mkdtemp(path.join(os.tmpdir(), 'broadside-check-'));
  const result = await build({ inputs: [source], outDir: out, formats });
  const article = result.articles[0];
  if (!article?.ok) throw new Error(`build of ${source} failed: ${article?.error}`);
  return article.outDir;
}

/** A copy of a built article's folder, to spoil one file of it. */
export async function copyOf(folder: string): Promise<string> {
  const copy = await mkdtemp(path.join(os.tmpdir(), 'broadside-check-copy-'));
  await cp(folder, copy, { recursive: true });
  return copy;
}

/**
 * The article printed by pagedjs-cli, the peer, from the same print HTML and
 * stylesheet Broadside lays out: the PDF is written into `folder`.
 */
export async function pagedjsCliPdf(source: string, folder: string): Promise<string> {
  const doc = await readArticle(source);
  const html = printHtml(doc, { css: await readFile(stylePath('print.css'), 'utf8'), baseUrl: pathToFileURL(`${path.resolve(path.dirname(source))}/`).href });
  // Not index.html: the article's own page stays beside the PDF as the yardstick.
  const input = path.join(folder, 'print-for-pagedjs.html');
  await writeFile(input, html);
  const output = path.join(folder, 'pagedjs-cli.pdf');
  execFileSync('npx', ['pagedjs-cli', input, '-o', output, '--browserArgs', '--no-sandbox', '--timeout', '120000'], {
    env: { ...process.env, PUPPETEER_EXECUTABLE_PATH: '/usr/bin/chromium' },
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 300_000,
  });
  return output;
}

export function findingsOf(report: { targets: TargetReport[] }, rule: string): Finding[] {
  return report.targets.flatMap((t) => t.findings).filter((f) => f.rule === rule);
}

/** The failures of a report, one line each, for assertion messages. */
export function failures(report: { targets: TargetReport[] }): string {
  return report.targets.flatMap((t) => t.findings).filter((f) => f.status === 'fail').map((f) => `${path.basename(f.file)} ${f.rule}: ${f.summary}`).join('\n');
}
