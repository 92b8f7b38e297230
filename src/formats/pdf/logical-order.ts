import { latin1, parseOperations, type Operation } from './content-stream.js';
import { bidiKind, groupLines, logicalIndices, resolve, type BidiKind } from './bidi-lines.js';
import { drawRun } from './draw-run.js';
import { loneMirroredBrackets } from './lone-brackets.js';
import { readRun, type FontMetrics, type Glyph, type Run } from './text-run.js';

/**
 * Right-to-left text in logical order, for readers that take the glyphs'
 * order as the text's.
 *
 * Chromium draws a right-to-left run's glyphs left to right, in visual order,
 * inside a /ReversedChars sequence, with nested /Span /ActualText sequences
 * round some glyphs. Poppler's structure text ignores /ReversedChars and
 * /ActualText, and stops reading a tagged sequence at the first nested one
 * it closes; pdf.js gets one glyph per item in visual order: "المصدر" reads
 * "رﺪﺼﻤﻟا". Each glyph is placed by its own Td, so the glyphs can be drawn in
 * any order with the same result on paper: here each line's runs are redrawn
 * in logical order (./bidi-lines.ts: the runs of a right-to-left line from
 * right to left, a left-to-right stretch inside it in its own order, a
 * right-to-left run's glyphs reversed) and the nested sequences are dropped.
 * What the spans said is kept as evidence for the fonts' ToUnicode maps
 * (./to-unicode.ts), and a glyph that stands for two letters (lam-alef) gets
 * an invisible companion for the second (./draw-run.ts).
 */

export interface SpanEvidence {
  /** The font's resource name (`F7`). */
  font: string;
  /** Glyph codes (hex, upper case) in logical order. */
  codes: string[];
  /** What Chromium said the glyphs stand for. */
  text: string;
}

/** What redrawing a stream found: the spans' evidence, and the glyphs given companions, by font resource name. */
export interface Findings {
  evidence: SpanEvidence[];
  companions: Map<string, Set<string>>;
  /** Space glyphs drawn as zero-width non-joiners, by font resource name. */
  joiners: Map<string, Set<string>>;
}

interface TextObject {
  start: number;
  end: number;
  source: string;
  inner: Operation[];
  run?: Run;
  reversed: boolean;
  /** Drawn with nested marked content (/ActualText spans), which Poppler cannot read through. */
  nested: boolean;
  /** Holds a glyph that stands for more than one letter, to be given its companion. */
  split: boolean;
  kind: BidiKind;
  y?: number;
  size: number;
}

/** The stream with its right-to-left runs in logical order, or undefined when it has none. */
export function logicalOrder(bytes: Uint8Array, rightToLeft: boolean, findings: Findings, metrics: FontMetrics): Uint8Array | undefined {
  const text = latin1(bytes);
  if (!text.includes('/ReversedChars') && !text.includes('/ActualText')) return undefined;
  const objects = textObjects(parseOperations(bytes), text, metrics);
  const mirrored = rightToLeft ? loneMirroredBrackets(objects, metrics) : new Set<TextObject>();
  const replacements: { start: number; end: number; text: string }[] = [];
  for (const line of groupLines(objects, text)) {
    if (!line.some((object) => object.reversed || object.nested || object.split || mirrored.has(object))) continue;
    replacements.push({ start: line[0].start, end: line[line.length - 1].end, text: redrawLine(line, rightToLeft, findings, metrics, mirrored) });
  }
  if (!replacements.length) return undefined;
  let out = '';
  let at = 0;
  for (const replacement of replacements) {
    out += text.slice(at, replacement.start) + replacement.text;
    at = replacement.end;
  }
  out += text.slice(at);
  return Uint8Array.from(Buffer.from(out, 'latin1'));
}

/**
 * One line's objects redrawn in logical order. A line with an object that
 * could not be read keeps its order, but loses its nested sequences, so that
 * Poppler reads all of it.
 */
function redrawLine(line: TextObject[], rightToLeft: boolean, findings: Findings, metrics: FontMetrics, mirrored: Set<TextObject>): string {
  if (line.some((object) => !object.run && (object.reversed || object.nested))) return line.map(withoutNesting).join('\n');
  const kinds = line.map((object) => object.kind);
  const directions = resolve(kinds, rightToLeft);
  const order = logicalIndices(kinds, rightToLeft);
  const joiners = zeroWidthSpaces(line, order, directions, metrics);
  return order
    .map((index) => {
      const object = line[index];
      // A space drawn apart between right-to-left words (in a fallback font) is redrawn for its mapping too.
      const rightToLeftSpace = object.kind === 'N' && directions[index] === 'R' && Boolean(object.run?.glyphs.some((glyph) => isSpace(glyph, metrics)));
      if (!object.run || !(object.reversed || object.nested || object.split || rightToLeftSpace || mirrored.has(object))) return object.source;
      return drawRun(object.run, findings, metrics, { rightToLeft: directions[index] === 'R', joiners, mirrored: object.reversed || mirrored.has(object) });
    })
    .join('\n');
}

const isSpace = (glyph: Glyph, metrics: FontMetrics) => metrics.text(glyph.font, glyph.code) === ' ';

/**
 * The space glyphs of a right-to-left stretch that advance nothing: HarfBuzz
 * draws a zero-width non-joiner (Persian "می‌آیند") as the space glyph with
 * no advance, so it starts where the glyph before it in logical order does.
 */
function zeroWidthSpaces(line: TextObject[], order: number[], directions: ('L' | 'R')[], metrics: FontMetrics): Set<Glyph> {
  const found = new Set<Glyph>();
  let previous: number | undefined;
  for (const index of order) {
    const run = line[index].run;
    if (!run) {
      previous = undefined;
      continue;
    }
    for (const glyph of run.reversed ? [...run.glyphs].reverse() : run.glyphs) {
      const x = run.x + glyph.dx;
      if (directions[index] === 'R' && previous !== undefined && isSpace(glyph, metrics) && Math.abs(previous - x) < 0.02 * glyph.size) found.add(glyph);
      previous = x;
    }
  }
  return found;
}

/** Every BT … ET object, read as a run where it can be. */
function textObjects(operations: Operation[], text: string, metrics: FontMetrics): TextObject[] {
  const objects: TextObject[] = [];
  for (let i = 0; i < operations.length; i++) {
    if (operations[i].operator !== 'BT') continue;
    let close = i + 1;
    while (close < operations.length && operations[close].operator !== 'ET') close++;
    if (close >= operations.length) break;
    const inner = operations.slice(i + 1, close);
    const start = operations[i].start;
    const end = operations[close].end;
    objects.push(describe(inner, text.slice(start, end), start, end, metrics));
    i = close;
  }
  return objects;
}

function describe(inner: Operation[], source: string, start: number, end: number, metrics: FontMetrics): TextObject {
  const run = readRun(inner, metrics);
  const reversed = inner.some((op) => op.operator === 'BMC' && op.operands.trim() === '/ReversedChars');
  const nested = inner.some((op) => op.operator === 'BDC' || (op.operator === 'BMC' && op.operands.trim() !== '/ReversedChars'));
  const split = Boolean(run?.glyphs.some((glyph) => metrics.split?.(glyph.font, glyph.code)));
  const letters = run?.glyphs.map((glyph) => metrics.text(glyph.font, glyph.code) ?? '').join('') ?? '';
  const tm = inner.find((op) => op.operator === 'Tm')?.operands.trim().split(/\s+/)[5];
  const size = Number(inner.find((op) => op.operator === 'Tf')?.operands.trim().split(/\s+/)[1] ?? 0);
  return {
    start, end, source, inner, run, reversed, nested, split,
    kind: bidiKind(letters.normalize('NFKC') + (run?.spans.join('') ?? ''), reversed),
    y: tm === undefined ? undefined : Number(tm),
    size: Number.isNaN(size) ? 0 : size,
  };
}

/** The object as drawn, less its nested marked-content operators. */
function withoutNesting(object: TextObject): string {
  let out = '';
  let at = object.start;
  for (const op of object.inner) {
    if (op.operator !== 'BMC' && op.operator !== 'BDC' && op.operator !== 'EMC') continue;
    out += object.source.slice(at - object.start, op.start - object.start);
    at = op.end;
  }
  return out + object.source.slice(at - object.start);
}

export type { FontMetrics } from './text-run.js';
