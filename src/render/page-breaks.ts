import type { Element, ElementContent, Text } from 'hast';
import { h } from 'hastscript';
import { pageStrings } from './strings.js';

/**
 * Where one page of the standard PDF begins: `anchor` is a sentence id, or null before the first sentence (count
 * from the start of the body, after the title and byline); `offset` counts visible characters (not white space)
 * from there, an image counting as one.
 */
export interface PageStart {
  page: number;
  anchor: string | null;
  offset: number;
}

/** Id of page N's marker, in the book and on the web page. */
export const pageBreakId = (page: number) => `print-page-${page}`;

/** A print page-break marker: announced ("Page 3") by its label, shown discreetly by the stylesheet from its title. */
export function pageBreakMarker(page: number, lang: string, extra: Record<string, unknown> = {}): Element {
  return h('span', {
    id: pageBreakId(page),
    role: 'doc-pagebreak',
    title: String(page),
    ariaLabel: `${pageStrings(lang).pageOf[0]}${page}`.trim(),
    ...extra,
  });
}

/** What print counts as visible: not white space, not the task-list boxes (src/formats/pdf/page-starts.ts). */
const INVISIBLE = /[\s\u200b\u00ad\u2060\ufeff\u2610\u2611]/u;
const SENTENCE_ID = /^s-(\d+)$/u;

/** A place in the body: the sentence last begun (its number, 0 before any) and the visible characters since. */
type Key = [sentence: number, offset: number];

function keyOf(start: PageStart): Key {
  return [start.anchor ? Number(SENTENCE_ID.exec(start.anchor)?.[1] ?? 0) : 0, start.offset];
}

function before(a: Key, b: Key): boolean {
  return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
}

function classes(node: Element): string[] {
  const value = node.properties?.className;
  return Array.isArray(value) ? value.map(String) : value ? String(value).split(/\s+/u) : [];
}

/** Elements print does not count (it drops or adds them), so neither do we. */
function skipped(node: Element): boolean {
  if (node.tagName === 'style' || node.tagName === 'script') return true;
  if (node.properties && 'dataFootnoteBackref' in node.properties) return true;
  return classes(node).some((name) => name === 'print-url' || name === 'table-note' || name === 'masthead');
}

function sentenceNumber(node: Element): number | undefined {
  if (node.tagName !== 'span' || !classes(node).includes('s')) return undefined;
  const match = SENTENCE_ID.exec(String(node.properties?.id ?? ''));
  return match ? Number(match[1]) : undefined;
}

/** Index in `text` before its `n`th visible character (0-based); the end when there are fewer. */
function indexOfVisible(text: string, n: number): number {
  let seen = 0;
  for (let i = 0; i < text.length; i++) {
    if (INVISIBLE.test(text[i]!)) continue;
    if (seen === n) return i;
    seen += 1;
  }
  return text.length;
}

function visibleLength(text: string): number {
  let length = 0;
  for (const char of text) if (!INVISIBLE.test(char)) length += 1;
  return length;
}

/**
 * Puts a marker where each print page after the first begins (the caller puts
 * page 1's before the title), in the article body as bodyToHast gives it. The
 * body is walked the way src/formats/pdf/page-starts.ts walked the laid-out
 * pages, so a page that begins mid-sentence gets its marker before that
 * page's first word. Pages whose place is not found (the body is shorter) get
 * theirs at the end. Changes `body` in place.
 */
export function insertPageBreaks(body: ElementContent[], pages: PageStart[], marker: (page: number) => Element): void {
  const pending = pages.filter((start) => start.page > 1).map((start) => ({ page: start.page, key: keyOf(start) }));
  let sentence = 0;
  let count = 0;
  const due = (last: Key) => {
    const out: { page: number; key: Key }[] = [];
    while (pending.length && !before(last, pending[0]!.key)) out.push(pending.shift()!);
    return out;
  };
  const walk = (children: ElementContent[]): ElementContent[] => {
    const out: ElementContent[] = [];
    for (const child of children) {
      if (child.type === 'element') {
        if (skipped(child)) {
          out.push(child);
          continue;
        }
        const number = sentenceNumber(child);
        if (number !== undefined) {
          // A page that begins with this sentence: its marker goes just before it.
          for (const start of due([number, 0])) out.push(marker(start.page));
          sentence = number;
          count = 0;
        }
        if (child.tagName === 'img') {
          for (const start of due([sentence, count])) out.push(marker(start.page));
          count += 1;
          out.push(child);
          continue;
        }
        child.children = walk(child.children as ElementContent[]) as Element['children'];
        out.push(child);
        continue;
      }
      if (child.type !== 'text') {
        out.push(child);
        continue;
      }
      const length = visibleLength(child.value);
      if (!length) {
        out.push(child);
        continue;
      }
      out.push(...splitText(child, due([sentence, count + length - 1]), [sentence, count], marker));
      count += length;
    }
    return out;
  };
  const walked = walk(body);
  body.splice(0, body.length, ...walked, ...pending.map((start) => marker(start.page)));
}

/** The text with the markers of the pages that begin in it, each before its page's first character. */
function splitText(text: Text, starts: { page: number; key: Key }[], at: Key, marker: (page: number) => Element): ElementContent[] {
  const out: ElementContent[] = [];
  let from = 0;
  for (const start of starts) {
    // A page whose place lies before this text (print counted a little more) begins here.
    const offset = start.key[0] === at[0] ? Math.max(0, start.key[1] - at[1]) : 0;
    const index = Math.max(from, indexOfVisible(text.value, offset));
    if (index > from) out.push({ type: 'text', value: text.value.slice(from, index) });
    out.push(marker(start.page));
    from = index;
  }
  if (from < text.value.length) out.push({ type: 'text', value: text.value.slice(from) });
  return out;
}
