import { OPTION_DEFAULTS } from '../../options/schema.js';
import { readBrailleNumber } from './ascii.js';

/** One way a BRF file departs from the format embossers expect. */
export interface BrfProblem {
  /**
   * - `brf-empty`: the file has no pages;
   * - `brf-bytes`: a byte that is not braille ASCII (0x20–0x5F), CR, LF or FF: lower-case letters, tabs, UTF-8;
   * - `brf-line-end`: a line not ended by CR LF;
   * - `brf-line-length`: a line longer than the cells per line;
   * - `brf-page-length`: a page longer than the lines per page;
   * - `brf-page-number`: a page whose first and last lines end in no braille page number (#A, #B …
   *   at the right margin), or whose number is out of sequence.
   */
  rule: 'brf-empty' | 'brf-bytes' | 'brf-line-end' | 'brf-line-length' | 'brf-page-length' | 'brf-page-number';
  /** Braille page (1-based, counted by form feeds) and line on it, when the problem has a place. */
  page?: number;
  line?: number;
  message: string;
}

export interface BrfCheckOptions {
  /** Cells per line. Default: the build's brailleCells. */
  cells?: number;
  /** Lines per page. Default: the build's brailleLines. */
  lines?: number;
  /** Report at most this many problems. Default 50. */
  limit?: number;
}

export interface BrfCheck {
  ok: boolean;
  /** Pages, counted by form feeds (a final form feed opens no page). */
  pages: number;
  problems: BrfProblem[];
}

/**
 * Checks a BRF file's format: braille ASCII only, CR LF line ends, pages
 * separated by form feeds, lines and pages within the given size, and the
 * braille page numbers at the right of the first or last line, in sequence
 * from 1. It says nothing about the braille itself (see docs/braille.md for
 * the back-translation check).
 */
export function checkBrf(bytes: Uint8Array, options: BrfCheckOptions = {}): BrfCheck {
  const cells = options.cells ?? OPTION_DEFAULTS.brailleCells;
  const lines = options.lines ?? OPTION_DEFAULTS.brailleLines;
  const limit = options.limit ?? 50;
  const problems: BrfProblem[] = [];
  const report = (problem: BrfProblem) => {
    if (problems.length < limit) problems.push(problem);
  };
  const text = Buffer.from(bytes).toString('latin1');
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code >= 0x20 && code <= 0x5f) || code === 0x0a || code === 0x0d || code === 0x0c) continue;
    if (problems.length >= limit) break;
    const where = locate(text, i);
    report({ rule: 'brf-bytes', ...where, message: `byte 0x${code.toString(16).padStart(2, '0')} at page ${where.page}, line ${where.line} is not braille ASCII` });
  }
  const pages = text.replace(/\f$/, '').split('\f');
  if (!text.length) {
    report({ rule: 'brf-empty', message: 'the file is empty' });
    return { ok: false, pages: 0, problems };
  }
  pages.forEach((page, p) => {
    const page1 = p + 1;
    if (page && !page.endsWith('\r\n')) report({ rule: 'brf-line-end', page: page1, message: `page ${page1} does not end with CR LF` });
    const pageLines = page.replace(/\r\n$/, '').split('\r\n');
    pageLines.forEach((line, l) => {
      if (/[\r\n]/.test(line)) report({ rule: 'brf-line-end', page: page1, line: l + 1, message: `page ${page1}, line ${l + 1}: a line end that is not CR LF` });
      if (line.length > cells) report({ rule: 'brf-line-length', page: page1, line: l + 1, message: `page ${page1}, line ${l + 1} has ${line.length} cells, over ${cells}` });
    });
    if (pageLines.length > lines) report({ rule: 'brf-page-length', page: page1, message: `page ${page1} has ${pageLines.length} lines, over ${lines}` });
    const number = pageNumber(pageLines[0], cells) ?? pageNumber(pageLines[pageLines.length - 1], cells);
    if (number === undefined) report({ rule: 'brf-page-number', page: page1, message: `page ${page1} has no braille page number at the right of its first or last line` });
    else if (number !== page1) report({ rule: 'brf-page-number', page: page1, message: `page ${page1} is numbered ${number}` });
  });
  return { ok: problems.length === 0, pages: pages.length, problems };
}

/** The braille page number ending a line at the right margin, after three blank cells (or alone). */
function pageNumber(line: string | undefined, cells: number): number | undefined {
  if (!line || line.length !== cells) return undefined;
  const match = /(?:^|   )(#[A-J]+)$/.exec(line);
  return match ? readBrailleNumber(match[1]) : undefined;
}

function locate(text: string, index: number): { page: number; line: number } {
  const before = text.slice(0, index);
  const pageStart = before.lastIndexOf('\f') + 1;
  return { page: before.split('\f').length, line: before.slice(pageStart).split('\n').length };
}
