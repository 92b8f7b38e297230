import { dedent, isCodeBlock } from './code.js';

/**
 * One logical line of a scraped page: a line, a hard-wrapped paragraph joined
 * back together, or a line with its `===`/`---` underline.
 */
export interface Unit {
  text: string;
  /** 1-based line numbers of the first and last source line. */
  startLine: number;
  endLine: number;
  /** Length of the last source line, for positions. */
  endColumn: number;
  /** Index of the blank-line-separated block the unit came from. */
  block: number;
  /** Set when the next line underlined this one. */
  underline?: '=' | '-';
  /** A list item: its marker was stripped from `text`. */
  bullet?: 'ordered' | 'unordered';
  /** A line of `---`, `***` or `* * *` standing alone: a scene break. */
  rule?: boolean;
  /** A block of source code, its lines kept as written (see code.ts). */
  code?: boolean;
}

const UNDERLINE = /^(=+|-+)$/;
const RULE = /^([-*_~=])(?:\s*\1){2,}$/;
const BULLET = /^(?:([-*+\u2022\u25AA\u25E6])|(\d{1,3})[.)])\s+(?=\S)/;
const SENTENCE_END = /[.!?\u061F\u06D4\u3002\uFF01\uFF1F\u0964]["'\u201D\u2019)]*$/u;

/**
 * Measure how the text was wrapped: the width of a hard-wrapped page, or
 * undefined when paragraphs are one line each (as a copy from a browser is).
 */
export function wrapWidth(lines: string[]): number | undefined {
  const lengths = lines.map((l) => l.trim().length).filter((n) => n >= 30);
  const short = lengths.filter((n) => n <= 100);
  if (short.length < 3 || short.length < lengths.length * 0.8) return undefined;
  const width = Math.max(...short);
  const nearWidth = short.filter((n) => n >= width * 0.8).length;
  return nearWidth >= 3 ? width : undefined;
}

/** The index after the last line of the block starting at `from`. */
function blockEnd(lines: string[], from: number): number {
  let end = from;
  while (end < lines.length && lines[end].trim()) end++;
  return end;
}

export function splitUnits(text: string): Unit[] {
  const lines = text.split('\n').map((l) => l.replace(/[\s\u00A0]+$/u, ''));
  const width = wrapWidth(lines);
  const units: Unit[] = [];
  let block = -1;
  let previousBlank = true;
  let i = 0;
  while (i < lines.length) {
    const line = lines[i].trim();
    if (!line) {
      previousBlank = true;
      i++;
      continue;
    }
    if (previousBlank) {
      block++;
      const end = blockEnd(lines, i);
      if (isCodeBlock(lines.slice(i, end))) {
        units.push({ text: dedent(lines.slice(i, end)), startLine: i + 1, endLine: end, endColumn: lines[end - 1].length + 1, block, code: true });
        i = end;
        continue;
      }
    }
    previousBlank = false;
    const next = lines[i + 1]?.trim() ?? '';
    const base = { startLine: i + 1, endLine: i + 1, endColumn: lines[i].length + 1, block };
    if (UNDERLINE.test(next) && next.length >= 3 && !RULE.test(line) && line.length <= 100 && !BULLET.test(line)) {
      units.push({ ...base, text: line, endLine: i + 2, endColumn: lines[i + 1].length + 1, underline: next[0] as '=' | '-' });
      i += 2;
      continue;
    }
    if (RULE.test(line)) {
      units.push({ ...base, text: line, rule: true });
      i++;
      continue;
    }
    const bullet = line.match(BULLET);
    let unitText = bullet ? line.slice(bullet[0].length) : line;
    let end = i;
    // Join a hard-wrapped paragraph (or list item) back into one line.
    while (width && end + 1 < lines.length) {
      const current = lines[end].trim();
      const following = lines[end + 1].trim();
      if (!following || BULLET.test(following) || RULE.test(following) || UNDERLINE.test(lines[end + 2]?.trim() ?? '')) break;
      const wrapped = current.length >= width * 0.6 && !(SENTENCE_END.test(current) && current.length < width * 0.75);
      if (!wrapped) break;
      unitText += ` ${following}`;
      end++;
    }
    units.push({
      ...base,
      text: unitText,
      endLine: end + 1,
      endColumn: lines[end].length + 1,
      bullet: bullet ? (bullet[2] ? 'ordered' : 'unordered') : undefined,
    });
    i = end + 1;
  }
  return units;
}
