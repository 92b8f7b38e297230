import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import type { Element, Nodes } from 'hast';

/**
 * Measuring a PDF's text against its article, with readers that are not ours:
 * Poppler's structure text (what tag-following readers get) and pdf.js (the
 * reader inside Firefox). For the tests and for `broadside check`.
 */

const run = promisify(execFile);

// Directional marks, zero-width characters and soft hyphens: no reader speaks them.
const INVISIBLE = /[\u00ad\u061c\u200b-\u200f\u2060-\u2065\ufeff]/g;
// Embeddings and isolates: pdftotext wraps each run in them, sometimes with no space between runs.
const EMBEDDING = /[\u202a-\u202e\u2066-\u2069]/g;
// Punctuation and symbols at a word's edges: printed link targets gain brackets, the page does not.
const EDGES = /^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu;

/**
 * The words of a text as a reader compares them: compatibility forms folded
 * (Arabic presentation forms to letters, ligatures to letters), invisible
 * characters dropped, punctuation at the edges stripped.
 */
export function comparableWords(text: string): string[] {
  return text
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(EMBEDDING, ' ')
    .split(/\s+/)
    .map((word) => word.replace(EDGES, ''))
    .filter(Boolean);
}

/** The text of a page's `<article>` (the web edition's index.html), as a reader hears it. */
export function articleText(html: string): string {
  const tree = fromHtml(html);
  let article: Element | undefined;
  const find = (node: Nodes): void => {
    if (article) return;
    if (node.type === 'element' && node.tagName === 'article') article = node;
    else if ('children' in node) for (const child of node.children) find(child as Nodes);
  };
  find(tree);
  if (!article) throw new Error('the page has no <article>');
  return toText(withoutPageLabels(article));
}

/** The article without the screen-reader labels the page adds (a table's caption, a back link's name): they are the page's words, not the article's. */
function withoutPageLabels(node: Element): Element {
  const keep = (child: Element['children'][number]) => !(child.type === 'element' && ([] as unknown[]).concat(child.properties.className ?? []).includes('sr-only'));
  return { ...node, children: node.children.filter(keep).map((child) => (child.type === 'element' ? withoutPageLabels(child) : child)) };
}

export async function articleWordsOf(htmlFile: string): Promise<string[]> {
  return comparableWords(articleText(await readFile(htmlFile, 'utf8')));
}

/**
 * Poppler's structure text (`pdfinfo -struct-text`): the text of the tagged
 * content in tag order, each block element on a line of its own. Inline
 * elements and marked-content pieces join with nothing between them, as a
 * tag reader joins them: a missing space shows as words run together.
 */
export async function popplerStructureText(file: string): Promise<string> {
  const { stdout } = await run('pdfinfo', ['-struct-text', file], { maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' });
  return structureTextBlocks(stdout);
}

// Elements that group blocks: an element directly inside one starts a block of its own, even one Poppler calls inline.
const GROUPING = new Set(['Document', 'Art', 'Sect', 'Div', 'Part', 'BlockQuote', 'Table', 'THead', 'TBody', 'TFoot', 'TR', 'TH', 'TD', 'L', 'LI', 'LBody', 'Note', 'Figure', 'Caption', 'TOC', 'TOCI', 'Index', 'NonStruct']);

/** `pdfinfo -struct-text` output as text, a line per block (see popplerStructureText). */
export function structureTextBlocks(output: string): string {
  const blocks: string[] = [];
  const parents: { indent: number; name: string }[] = [];
  let current = '';
  let open: string | undefined;
  const boundary = () => {
    blocks.push(current);
    current = '';
  };
  for (const line of output.split('\n')) {
    if (open !== undefined) {
      open += `\n${line}`;
      if (line.trimEnd().endsWith('"')) {
        current += open.slice(0, open.trimEnd().length - 1);
        open = undefined;
      }
      continue;
    }
    const trimmed = line.trim();
    if (trimmed.startsWith('"')) {
      const body = trimmed.slice(1);
      if (body.endsWith('"') && body.length > 0) current += body.slice(0, -1);
      else open = body;
      continue;
    }
    const name = trimmed.match(/^([A-Za-z][A-Za-z0-9]*)\b/)?.[1];
    if (!name || name === 'Object' || trimmed.startsWith('/')) continue;
    const indent = line.length - line.trimStart().length;
    while (parents.length && parents[parents.length - 1].indent >= indent) parents.pop();
    const parent = parents[parents.length - 1];
    if (trimmed.includes('(block)') || GROUPING.has(name) || (parent && GROUPING.has(parent.name))) boundary();
    parents.push({ indent, name });
  }
  boundary();
  return blocks.filter((block) => block.trim()).join('\n');
}

/**
 * Words of the PDF that are two of the article's words with the space lost
 * between them ("warends" for "war ends"), in the order found.
 */
export function runTogetherWords(pdfWords: string[], articleWords: string[]): string[] {
  const known = new Set(articleWords);
  const found: string[] = [];
  for (const word of pdfWords) {
    if (known.has(word)) continue;
    const chars = Array.from(word);
    for (let i = 1; i < chars.length; i++) {
      if (known.has(chars.slice(0, i).join('')) && known.has(chars.slice(i).join(''))) {
        found.push(word);
        break;
      }
    }
  }
  return found;
}

export interface Coverage {
  /** Share of the article's words (counted with repeats) that the PDF holds. */
  share: number;
  /** The article's words the PDF lacks (each as often as it lacks it). */
  missing: string[];
}

/** Whether every word of the article is somewhere in the PDF's text, regardless of order. */
export function wordCoverage(pdfWords: string[], articleWords: string[]): Coverage {
  const available = new Map<string, number>();
  for (const word of pdfWords) available.set(word, (available.get(word) ?? 0) + 1);
  const missing: string[] = [];
  for (const word of articleWords) {
    const count = available.get(word) ?? 0;
    if (count > 0) available.set(word, count - 1);
    else missing.push(word);
  }
  return { share: articleWords.length ? 1 - missing.length / articleWords.length : 1, missing };
}

/**
 * Share of the article's words that the PDF gives in the article's order:
 * the longest common subsequence of the two word lists over the article's
 * length. 1 when a reader following the PDF hears the whole article in order.
 */
export function orderedSimilarity(pdfWords: string[], articleWords: string[]): number {
  if (!articleWords.length) return 1;
  const ids = new Map<string, number>();
  const id = (word: string) => {
    let value = ids.get(word);
    if (value === undefined) ids.set(word, (value = ids.size));
    return value;
  };
  const a = Int32Array.from(articleWords, id);
  const b = Int32Array.from(pdfWords, id);
  let previous = new Int32Array(b.length + 1);
  let row = new Int32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      row[j] = a[i - 1] === b[j - 1] ? previous[j - 1] + 1 : Math.max(previous[j], row[j - 1]);
    }
    [previous, row] = [row, previous];
  }
  return previous[b.length] / a.length;
}

export interface PdfReport {
  articleWords: number;
  /** Run-together words in Poppler's structure text. */
  runTogether: string[];
  /** The article's words in the structure text's order (see orderedSimilarity). */
  structureOrder: number;
  /** The article's words anywhere in the structure text. */
  coverage: Coverage;
}

/** The structure-text measures of one PDF against its article's words. */
export async function measureStructureText(file: string, articleWords: string[]): Promise<PdfReport> {
  const words = comparableWords(await popplerStructureText(file));
  return {
    articleWords: articleWords.length,
    runTogether: runTogetherWords(words, articleWords),
    structureOrder: orderedSimilarity(words, articleWords),
    coverage: wordCoverage(words, articleWords),
  };
}
