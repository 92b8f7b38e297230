import type { Block } from './blocks.js';

/** One laid-out line, or a request for blank lines or a new page, before pagination. */
export type Row =
  | { kind: 'line'; text: string; keepWithNext: boolean }
  | { kind: 'blank'; count: number }
  | { kind: 'page' };

export interface LayoutOptions {
  cells: number;
  /** The cell that ends a line in the middle of a string too long for any line. */
  continuation: string;
}

/**
 * Fills lines from each block's braille words, so that no word is split
 * across lines: a line ends at a space. Only a string longer than a whole
 * line is broken, with the continuation indicator at each break.
 */
export function layOut(blocks: Block[], options: LayoutOptions): Row[] {
  const rows: Row[] = [];
  let after = 0;
  for (const block of blocks) {
    const lines = blockLines(block, options);
    if (!lines.length) continue;
    const blanks = Math.max(after, block.before);
    if (blanks) rows.push({ kind: 'blank', count: blanks });
    for (const text of lines) rows.push({ kind: 'line', text, keepWithNext: Boolean(block.keepWithNext) });
    after = block.after;
    if (block.pageBreakAfter) {
      rows.push({ kind: 'page' });
      after = 0;
    }
  }
  return rows;
}

function blockLines(block: Block, { cells, continuation }: LayoutOptions): string[] {
  if (block.format === 'rule') {
    // BANA's transition line: dots 2-5 from cell 7 to cell 34 of a 40-cell line.
    const margin = cells >= 20 ? 6 : 0;
    return [' '.repeat(margin) + '3'.repeat(cells - 2 * margin)];
  }
  const words = (block.braille ?? '').split(' ').filter(Boolean);
  if (!words.length) return [];
  if (block.open) words[0] = block.open + words[0];
  if (block.close) words[words.length - 1] += block.close;
  if (block.format === 'centred') {
    // At least three blank cells on each side of a centred line.
    const margin = cells >= 20 ? 3 : 0;
    return fill(words, cells - 2 * margin, cells - 2 * margin, continuation).map((line) => ' '.repeat(Math.floor((cells - line.length) / 2)) + line);
  }
  // A deep indent on a narrow line still leaves room for some text.
  const limit = Math.max(0, cells - 10);
  const first = Math.min(block.first, limit);
  const runover = Math.min(block.runover, limit);
  return fill(words, cells - first, cells - runover, continuation).map((line, i) => ' '.repeat(i === 0 ? first : runover) + line);
}

/** UEB's prefix cells (dots 4, 45, 456, 5, 46, 56, 6, 3456), which begin a sign of two or more cells. */
const PREFIXES = new Set(['@', '^', '_', '"', '.', ';', ',', '#']);

/** Words into lines of at most `firstWidth`, then `width`, cells, joined by one space. */
export function fill(words: string[], firstWidth: number, width: number, continuation: string): string[] {
  const lines: string[] = [];
  let line = '';
  const room = () => (lines.length === 0 ? firstWidth : width);
  for (let word of words) {
    if ((line ? line.length + 1 : 0) + word.length <= room()) {
      line = line ? `${line} ${word}` : word;
    } else if (line && word.length <= width) {
      lines.push(line);
      line = word;
    } else {
      // Longer than the line it would start: break it where the line is full.
      if (line) lines.push(line);
      while (word.length > room()) {
        let take = room() - continuation.length;
        // Not right after a prefix cell (capital, number, typeform, the first cell of "/" …): its sign would be cut in two.
        while (take > room() / 2 && PREFIXES.has(word[take - 1])) take -= 1;
        lines.push(word.slice(0, take) + continuation);
        word = word.slice(take);
      }
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines;
}
