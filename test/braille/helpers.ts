import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Element, Nodes } from 'hast';
import { toText } from 'hast-util-to-text';
import { brfToLowerAscii, brfToUnicode } from '../../src/formats/braille/ascii.js';
import { brailleEdition } from '../../src/formats/braille/index.js';
import type { EditionContext, EditionOptions } from '../../src/formats/edition.js';
import { page } from '../../src/formats/html/page.js';
import type { ArticleDocument } from '../../src/document/types.js';
import { readArticle } from '../../src/ingest/index.js';

export const CORPUS = '/work/shared/corpus/extraction-dev/pages';

/** A corpus page (gzipped HTML) as an .html file in a temporary folder, for readArticle. */
export function corpusPage(id: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'broadside-braille-corpus-')), `${id.slice(0, 12)}.html`);
  writeFileSync(file, gunzipSync(readFileSync(path.join(CORPUS, `${id}.html.gz`))));
  return file;
}

export interface BrailleRun {
  doc: ArticleDocument;
  outDir: string;
  outputs: Record<string, string>;
  brf: Buffer;
  warnings: string[];
}

/** Renders the braille edition of one article into a temporary folder. */
export async function renderBraille(source: string, options: Partial<EditionOptions> = {}): Promise<BrailleRun> {
  const doc = await readArticle(source);
  const outDir = mkdtempSync(path.join(tmpdir(), 'broadside-braille-'));
  const warnings: string[] = [];
  const context: EditionContext = {
    doc,
    outDir,
    outRoot: outDir,
    options: { paper: 'a4', acx: false, renderTimeoutMs: 120_000, synthesisTimeoutMs: 60_000, maxPrintChars: 1_000_000, maxNarrationChars: 150_000, brailleGrade: 2, brailleCells: 40, brailleLines: 25, ...options },
    browser: () => Promise.reject(new Error('the braille edition needs no browser')),
    outputs: {},
    shared: {},
    signal: new AbortController().signal,
    warn: (message) => warnings.push(message),
  };
  const outputs = await brailleEdition.render(context);
  return { doc, outDir, outputs, brf: readFileSync(path.join(outDir, outputs.braille)), warnings };
}

/** The BRF's pages, each a list of lines (CR LF and form feeds taken off). */
export function brfPages(brf: Buffer): string[][] {
  return brf.toString('latin1').split('\f').map((pageText) => pageText.replace(/\r\n$/, '').split('\r\n'));
}

/**
 * What a reader reads, as braille ASCII lines: page numbers taken off the
 * last lines, and a string broken with the continuation indicator joined
 * again.
 */
export function runningBraille(brf: Buffer, continuation: string): string {
  const lines = brfPages(brf).flatMap((lines) => lines.map((line, i) => (i === lines.length - 1 ? line.replace(/(^|   )\s*#[A-J]+$/, '') : line)));
  let text = '';
  for (const line of lines) {
    const trimmed = line.trim();
    text += trimmed.endsWith(continuation) && !trimmed.endsWith(` ${continuation}`) ? trimmed.slice(0, -continuation.length) : `${trimmed}\n`;
  }
  return text;
}

/**
 * Back-translation the way a transcriber checks a BRF: the braille ASCII in
 * liblouis's own lower-case form, through `lou_translate --backward` with the
 * same table and its default display table. A table whose default display is
 * not braille ASCII (it shows Unicode dots) is given Unicode braille instead.
 */
export function backTranslate(braille: string, table: string): string {
  const asciiDisplay = execFileSync('lou_translate', ['--forward', table], { input: 'abc\n', encoding: 'utf8', stdio: ['pipe', 'pipe', 'ignore'] }).trim() === 'abc';
  const input = asciiDisplay ? brfToLowerAscii(braille) : brfToUnicode(braille);
  const tables = asciiDisplay ? table : `unicode.dis,${table}`;
  return execFileSync('lou_translate', ['--backward', tables], { input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['pipe', 'pipe', 'ignore'] });
}

/** The text of the web page's <article>, as the html edition renders it. */
export function pageArticleText(doc: ArticleDocument): string {
  const tree = page(doc, { stylesheet: 'web.css', editions: {} });
  let article: Element | undefined;
  const find = (node: Nodes) => {
    if (article) return;
    if (node.type === 'element' && node.tagName === 'article') article = node;
    else if ('children' in node) node.children.forEach((child) => find(child as Nodes));
  };
  find(tree);
  if (!article) throw new Error('the page has no <article>');
  return toText(article);
}

/** Words for comparison: letters and digits, lower case, Arabic-Indic digits as ASCII, Arabic marks left out. */
export function words(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x660))
    .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x6f0))
    .replace(/[\u064b-\u065f\u0670\u0640]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** The share of `expected`'s words found in `actual` in the same order (longest common subsequence). */
export function inOrderShare(expected: string[], actual: string[]): number {
  if (!expected.length) return 1;
  let previous = new Uint32Array(actual.length + 1);
  let current = new Uint32Array(actual.length + 1);
  for (let i = 1; i <= expected.length; i++) {
    for (let j = 1; j <= actual.length; j++) {
      current[j] = expected[i - 1] === actual[j - 1] ? previous[j - 1] + 1 : Math.max(previous[j], current[j - 1]);
    }
    [previous, current] = [current, previous];
  }
  return previous[actual.length] / expected.length;
}
