import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Root } from 'mdast';
import type { Root as HastRoot } from 'hast';
import { toText } from 'hast-util-to-text';
import { selectAll } from './select.js';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import { VFile } from 'vfile';
import type { Browser } from 'puppeteer';
import { normaliseDocument } from '../../src/document/pipeline.js';
import type { ArticleDocument } from '../../src/document/types.js';
import type { EditionContext, Paper } from '../../src/build/types.js';

export const FIXTURE_DIR = path.resolve('test/fixtures/pdf');

/**
 * The handout fixture as a normalised document. Metadata is given here rather
 * than read from front matter, so these tests do not depend on the Markdown
 * reader's progress; the body still goes through the shared pipeline.
 */
export function handoutDocument(): ArticleDocument {
  return fixtureDocument('handout.md', 'en-GB');
}

export function fixtureDocument(file: string, lang: string, dir: 'ltr' | 'rtl' = 'ltr'): ArticleDocument {
  const source = path.join(FIXTURE_DIR, file);
  const text = readFileSync(source, 'utf8');
  const tree = unified().use(remarkParse).use(remarkGfm).parse(text) as Root;
  return normaliseDocument({
    source,
    name: path.basename(file, '.md'),
    kind: 'markdown',
    file: new VFile({ path: source, value: text }),
    read: {
      tree,
      meta: {
        authors: ['Ann Lee', 'Bo Chen'],
        date: '2024-03-01',
        lang,
        dir,
        description: 'How the parish archive works and how to help.',
        keywords: ['archive', 'parish'],
      },
    },
  });
}

export function editionContext(doc: ArticleDocument, browser: Browser, paper: Paper = 'a4'): EditionContext & { warnings: string[] } {
  const warnings: string[] = [];
  return {
    doc,
    outDir: mkdtempSync(path.join(tmpdir(), 'broadside-pdf-')),
    options: { paper, acx: false, renderTimeoutMs: 120_000 },
    browser: async () => browser,
    outputs: {},
    shared: {},
    signal: new AbortController().signal,
    warn: (message) => warnings.push(message),
    warnings,
  };
}

export function run(command: string, args: string[]): string {
  return execFileSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** pdfinfo's key: value lines as a record. */
export function pdfInfo(file: string, ...flags: string[]): Record<string, string> {
  const info: Record<string, string> = {};
  for (const line of run('pdfinfo', [...flags, file]).split('\n')) {
    const match = line.match(/^([^:]+):\s*(.*)$/);
    if (match) info[match[1].trim()] = match[2].trim();
  }
  return info;
}

/** qpdf's JSON view of the file. */
export function qpdfJson(file: string, ...keys: string[]): Record<string, unknown> {
  const args = ['--json=2', ...keys.map((key) => `--json-key=${key}`), file];
  return JSON.parse(run('qpdf', args)) as Record<string, unknown>;
}

export interface Bookmark {
  title: string;
  kids: Bookmark[];
}

export function bookmarkTitles(file: string): string[] {
  const json = qpdfJson(file, 'outlines') as { outlines: Bookmark[] };
  const titles: string[] = [];
  const walk = (items: Bookmark[]) => {
    for (const item of items) {
      titles.push(item.title);
      walk(item.kids);
    }
  };
  walk(json.outlines);
  return titles;
}

/**
 * Text-showing operators that are in neither an MCID-marked sequence nor an
 * /Artifact sequence, read from qpdf's QDF form (content streams uncompressed
 * and normalised to one operator per line).
 */
export function unmarkedTextOperators(file: string): string[] {
  return unmarkedOperators(file, /(\bTj|\bTJ|'|")$/);
}

/** Images (XObjects) painted outside both MCID-marked and /Artifact sequences. */
export function unmarkedImages(file: string): string[] {
  return unmarkedOperators(file, /\bDo$/);
}

/** Which Do operators sit inside /Artifact sequences, and which inside MCID-marked ones. */
export function imagePlacements(file: string): { artifact: number; marked: number } {
  const placements = { artifact: 0, marked: 0 };
  eachContentLine(file, (line, stack) => {
    if (!/\bDo$/.test(line)) return;
    if (stack.includes('artifact')) placements.artifact += 1;
    else if (stack.includes('mcid')) placements.marked += 1;
  });
  return placements;
}

function unmarkedOperators(file: string, operator: RegExp): string[] {
  const found: string[] = [];
  eachContentLine(file, (line, stack, page) => {
    if (operator.test(line) && !stack.some((kind) => kind !== 'other')) found.push(`page ${page}: ${line}`);
  });
  return found;
}

function eachContentLine(file: string, visit: (line: string, stack: string[], page: number) => void): void {
  const qdf = path.join(mkdtempSync(path.join(tmpdir(), 'broadside-qdf-')), 'out.pdf');
  run('qpdf', ['--qdf', '--object-streams=disable', file, qdf]);
  const text = readFileSync(qdf, 'latin1');
  const pages = text.split(/%% Contents for page \d+/).slice(1);
  if (!pages.length) throw new Error(`no page content streams found in ${file}`);
  pages.forEach((page, pageIndex) => {
    const body = page.slice(page.indexOf('stream\n') + 7, page.indexOf('endstream'));
    const stack: string[] = [];
    for (const raw of body.split('\n')) {
      const line = raw.trim();
      if (/\b(BDC|BMC)$/.test(line)) stack.push(line.startsWith('/Artifact') ? 'artifact' : /\/MCID\s+\d+/.test(line) ? 'mcid' : 'other');
      else if (line === 'EMC') stack.pop();
      else visit(line, stack, pageIndex + 1);
    }
  });
}

/** Structure element names in pdfinfo -struct's order. */
export function structureElements(file: string): string[] {
  return run('pdfinfo', ['-struct', file])
    .split('\n')
    .map((line) => line.trim().match(/^([A-Za-z][A-Za-z0-9]*)\b/)?.[1])
    .filter((name): name is string => Boolean(name) && !['Object'].includes(name!));
}

export function words(text: string): string[] {
  return text
    .normalize('NFKC')
    .replace(/[\u00a0\u202f\u2007]/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
}

/** Text sizes in points with how many characters are set in each, from poppler's pdftohtml. */
export function textSizes(file: string): Map<number, number> {
  const xml = run('pdftohtml', ['-xml', '-i', '-zoom', '1', '-stdout', file]);
  const fonts = new Map<string, number>();
  for (const match of xml.matchAll(/<fontspec id="(\d+)" size="([\d.]+)"/g)) fonts.set(match[1], Number(match[2]));
  const sizes = new Map<number, number>();
  for (const match of xml.matchAll(/<text [^>]*font="(\d+)"[^>]*>(.*?)<\/text>/g)) {
    const size = fonts.get(match[1])!;
    const length = match[2].replace(/<[^>]+>/g, '').length;
    sizes.set(size, (sizes.get(size) ?? 0) + length);
  }
  return sizes;
}

/** The article's words as printed: title, byline, body, printed link targets. */
export function printedWords(printTree: HastRoot): string[] {
  const article = selectAll(printTree, 'article')[0];
  return words(toText(article));
}

/** pdftotext's words, without each page's running head and footer (the first and last lines). */
export function bodyWords(file: string): { words: string[]; heads: string[]; feet: string[] } {
  const pages = run('pdftotext', [file, '-']).split('\f').filter((page) => page.trim());
  const heads: string[] = [];
  const feet: string[] = [];
  const all: string[] = [];
  pages.forEach((page, index) => {
    const lines = page.split('\n').map((line) => line.trim()).filter(Boolean);
    feet.push(lines.pop() ?? '');
    if (index > 0) heads.push(lines.shift() ?? '');
    all.push(...words(lines.join('\n')));
  });
  // List bullets are drawn glyphs (tagged Lbl), not words of the article.
  return { words: all.filter((word) => word !== '•'), heads, feet };
}

type QpdfValue = string | number | boolean | null | QpdfValue[] | { [key: string]: QpdfValue };

/**
 * Check the ParentTree against the structure elements, from qpdf's JSON: every
 * MCID a page's content marks must lead to an element whose /K holds that
 * MCID on that page. Returns the problems found and how many MCIDs were checked.
 */
export function parentTreeProblems(file: string): { problems: string[]; checked: number; marked: number } {
  const objects = (qpdfJson(file, 'qpdf') as { qpdf: [unknown, Record<string, { value?: QpdfValue; stream?: unknown }>] }).qpdf[1];
  const deref = (value: QpdfValue | undefined): QpdfValue | undefined =>
    typeof value === 'string' && / R$/.test(value) ? objects[`obj:${value}`]?.value : value;
  const dict = (value: QpdfValue | undefined) => deref(value) as Record<string, QpdfValue> | undefined;
  const catalog = Object.values(objects).map((o) => o.value as Record<string, QpdfValue>).find((v) => v && typeof v === 'object' && v['/Type'] === '/Catalog')!;
  const root = dict(catalog['/StructTreeRoot'])!;
  const nums = dict(root['/ParentTree'])!['/Nums'] as QpdfValue[];
  const pageByKey = new Map<number, string>();
  for (const [key, object] of Object.entries(objects)) {
    const value = object.value as Record<string, QpdfValue> | undefined;
    if (value && typeof value === 'object' && value['/Type'] === '/Page' && typeof value['/StructParents'] === 'number') {
      pageByKey.set(value['/StructParents'], key.replace(/^obj:/, ''));
    }
  }
  const problems: string[] = [];
  let checked = 0;
  for (let i = 0; i < nums.length; i += 2) {
    const page = pageByKey.get(nums[i] as number);
    if (!page) continue;
    const list = deref(nums[i + 1]) as QpdfValue[];
    list.forEach((ref, mcid) => {
      checked += 1;
      const element = dict(ref);
      if (!element) return problems.push(`page ${page} MCID ${mcid}: no element`);
      const kids = Array.isArray(element['/K']) ? element['/K'] : [element['/K']];
      const holds = kids.some((kid) => {
        if (kid === mcid) return element['/Pg'] === page;
        const reference = dict(kid);
        return reference?.['/Type'] === '/MCR' && reference['/MCID'] === mcid && reference['/Pg'] === page;
      });
      if (!holds) problems.push(`page ${page} MCID ${mcid}: ${String(ref)} does not hold it`);
      return undefined;
    });
  }
  const qdf = run('qpdf', ['--qdf', '--object-streams=disable', file, '-']);
  const marked = [...qdf.matchAll(/\/MCID \d+ >>\s*BDC/g)].length;
  return { problems, checked, marked };
}

/**
 * Words without their marks (Arabic short vowels, shadda, Hebrew points): Chromium may draw a mark with the next
 * letter's glyph, and pdftotext, which orders by position, may set a mark apart as a word of its own; it goes back
 * on the word before.
 */
export const skeleton = (words: string[]) => {
  const joined: string[] = [];
  for (const word of words) {
    if (/^\p{M}/u.test(word) && joined.length) joined[joined.length - 1] += word;
    else joined.push(word);
  }
  return joined.map((word) => word.replace(/\p{M}/gu, '')).filter(Boolean);
};
