import { brailleNumber } from './ascii.js';
import type { Row } from './layout.js';

export interface PageOptions {
  cells: number;
  lines: number;
}

/** BANA: at least three blank cells between the text and the page number on its line. */
const NUMBER_GAP = 3;

/**
 * Lines into braille pages of `lines` lines. The braille page number stands
 * at the right of the last line; text shares that line only when it leaves
 * three blank cells before the number. Blank lines never open a page, and a
 * heading never ends one: it moves to the next page with the text it heads.
 */
export function paginate(rows: Row[], { cells, lines }: PageOptions): string[][] {
  const textLines = lines - 1;
  const pages: string[][] = [];
  let page: string[] = [];
  let blanks = 0;
  const close = (numberLine?: string) => {
    const number = brailleNumber(pages.length + 1);
    while (page.length < textLines) page.push('');
    const text = numberLine ?? '';
    page.push(text + ' '.repeat(cells - text.length - number.length) + number);
    pages.push(page);
    page = [];
    blanks = 0;
  };
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (row.kind === 'page') {
      if (page.length) close();
      continue;
    }
    if (row.kind === 'blank') {
      if (page.length) blanks = Math.max(blanks, row.count);
      continue;
    }
    if (page.length + blanks >= textLines) close();
    // A heading goes with at least one line of what follows it.
    if (row.keepWithNext && page.length) {
      const run = keepRun(rows, i);
      if (page.length + blanks + run + 1 > textLines) close();
    }
    for (; blanks > 0 && page.length; blanks--) page.push('');
    blanks = 0;
    page.push(row.text);
    if (page.length === textLines) {
      const next = nextLine(rows, i);
      const number = brailleNumber(pages.length + 1);
      if (next && !next.row.keepWithNext && next.row.text.length + NUMBER_GAP + number.length <= cells) {
        i = next.index;
        close(next.row.text);
      } else {
        close();
      }
    }
  }
  if (page.length || !pages.length) close();
  return pages;
}

/** How many lines the heading starting at `i` takes, with its blank lines. */
function keepRun(rows: Row[], i: number): number {
  let count = 0;
  for (let j = i; j < rows.length; j++) {
    const row = rows[j];
    if (row.kind === 'line' && row.keepWithNext) count += 1;
    else if (row.kind === 'blank') count += row.count;
    else break;
  }
  return count;
}

/** The line right after `i`, when nothing (no blank line, no page break) comes between. */
function nextLine(rows: Row[], i: number): { index: number; row: Extract<Row, { kind: 'line' }> } | undefined {
  const row = rows[i + 1];
  return row?.kind === 'line' ? { index: i + 1, row } : undefined;
}

/** Pages as a BRF file: CR LF after every line, a form feed between pages. */
export function toBrf(pages: string[][]): string {
  return pages.map((page) => page.map((line) => `${line}\r\n`).join('')).join('\f');
}
