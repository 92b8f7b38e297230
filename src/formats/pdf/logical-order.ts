import { latin1, parseOperations, type Operation } from './content-stream.js';

/**
 * Right-to-left text in logical order, for readers that take the glyphs'
 * order as the text's.
 *
 * Chromium draws a right-to-left run's glyphs left to right, in visual order,
 * inside a /ReversedChars sequence, with nested /Span /ActualText sequences
 * round some glyphs. Poppler's structure text ignores /ReversedChars and is
 * thrown by the nested spans (it keeps a few glyphs of a paragraph), pdf.js
 * gets one glyph per item in visual order: "المصدر" reads "رﺪﺼﻤﻟا". Each glyph
 * is placed by its own Td, so the glyphs can be drawn in any order with the
 * same result on paper: here each line's runs are redrawn in logical order
 * (the runs of a right-to-left line from right to left, a right-to-left run's
 * glyphs reversed) and the nested sequences are dropped. What the spans said
 * is kept as evidence for the fonts' ToUnicode maps (./to-unicode.ts).
 */

export interface SpanEvidence {
  /** The font's resource name on the page (`F7`). */
  font: string;
  /** Glyph codes (hex, upper case) in logical order. */
  codes: string[];
  /** What Chromium said the glyphs stand for. */
  text: string;
}

interface Glyph {
  dx: number;
  dy: number;
  show: string;
  code?: string;
  span?: number;
  /** The Tf operation in force, and its font's resource name. */
  fontOp: string;
  font: string;
}

interface TextObject {
  start: number;
  end: number;
  y: string;
  reversed: boolean;
  /** The rewritten object, or undefined when it is left as it is. */
  redrawn?: string;
  /** The object's own text, for left-to-right runs moved as they are. */
  source: string;
}

const STATE = new Set(['Tm', 'TL', 'Tr', 'rg', 'RG', 'g', 'G', 'k', 'K', 'sc', 'scn', 'SC', 'SCN', 'cs', 'CS', 'gs']);

/**
 * How a page's font advances: the glyph code's width in thousandths of the
 * font size and the code's length in hex digits, or undefined for a font or
 * code it does not know.
 */
export type GlyphWidths = (font: string, code: string) => number | undefined;
export type CodeLength = (font: string) => number | undefined;

export interface FontMetrics {
  width: GlyphWidths;
  codeLength: CodeLength;
}

/** The stream with its right-to-left runs in logical order, or undefined when it has none. */
export function logicalOrder(bytes: Uint8Array, rightToLeft: boolean, evidence: SpanEvidence[], metrics: FontMetrics): Uint8Array | undefined {
  const text = latin1(bytes);
  if (!text.includes('/ReversedChars')) return undefined;
  const operations = parseOperations(bytes);
  const objects = textObjects(operations, text, evidence, metrics);
  const replacements: { start: number; end: number; text: string }[] = [];
  for (const line of lines(objects, text)) {
    if (!line.some((object) => object.redrawn !== undefined)) continue;
    if (line.some((object) => object.reversed && object.redrawn === undefined)) continue;
    const ordered = rightToLeft && line.some((object) => object.reversed) ? [...line].reverse() : line;
    replacements.push({
      start: line[0].start,
      end: line[line.length - 1].end,
      text: ordered.map((object) => object.redrawn ?? object.source).join('\n'),
    });
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

/** Every BT … ET object, redrawn in logical order when it is a right-to-left run. */
function textObjects(operations: Operation[], text: string, evidence: SpanEvidence[], metrics: FontMetrics): TextObject[] {
  const objects: TextObject[] = [];
  for (let i = 0; i < operations.length; i++) {
    if (operations[i].operator !== 'BT') continue;
    let close = i + 1;
    while (close < operations.length && operations[close].operator !== 'ET') close++;
    if (close >= operations.length) break;
    const inner = operations.slice(i + 1, close);
    const start = operations[i].start;
    const end = operations[close].end;
    const tm = inner.find((op) => op.operator === 'Tm');
    const y = tm ? tm.operands.trim().split(/\s+/)[5] ?? '' : '';
    const reversed = inner.some((op) => op.operator === 'BMC' && op.operands.trim() === '/ReversedChars');
    const object: TextObject = { start, end, y, reversed, source: text.slice(start, end) };
    // Nested ActualText spans go from every run, reversed or not: Poppler loses the text after one.
    const spanned = inner.some((op) => op.operator === 'BDC' && op.operands.includes('/ActualText'));
    if (reversed || spanned) object.redrawn = redraw(inner, evidence, reversed, metrics);
    objects.push(object);
    i = close;
  }
  return objects;
}

/** Runs of text objects one after another on one line, with nothing drawn between them. */
function lines(objects: TextObject[], text: string): TextObject[][] {
  const groups: TextObject[][] = [];
  for (const object of objects) {
    const group = groups[groups.length - 1];
    const previous = group?.[group.length - 1];
    if (previous && previous.y === object.y && object.y !== '' && !text.slice(previous.end, object.start).trim()) group.push(object);
    else groups.push([object]);
  }
  return groups;
}

/** A right-to-left run redrawn with its glyphs in logical order; undefined for anything unexpected. */
function redraw(inner: Operation[], evidence: SpanEvidence[], reverse: boolean, metrics: FontMetrics): string | undefined {
  const state: string[] = [];
  const glyphs: Glyph[] = [];
  const spans: { text: string; glyphs: Glyph[] }[] = [];
  let font = '';
  let fontOp = '';
  let size = 0;
  let openSpan: number | undefined;
  // Td moves the line start; a glyph is drawn at the text position, which each glyph's advance moves on.
  let lineX = 0;
  let lineY = 0;
  let dx = 0;
  let dy = 0;
  let depth = 0;
  for (const op of inner) {
    const operands = op.operands.trim();
    if (op.operator === 'BMC' || op.operator === 'BDC') {
      depth++;
      const actual = operands.match(/^\/Span\s*<<\s*\/ActualText\s*<([0-9a-fA-F]*)>\s*>>$/);
      if (operands === '/ReversedChars') continue;
      if (!actual || openSpan !== undefined) return undefined;
      openSpan = spans.length;
      spans.push({ text: utf16Hex(actual[1]), glyphs: [] });
    } else if (op.operator === 'EMC') {
      if (--depth < 0) return undefined;
      openSpan = undefined;
    } else if (op.operator === 'Td') {
      const [x, y] = operands.split(/\s+/).map(Number);
      lineX += x;
      lineY += y;
      dx = lineX;
      dy = lineY;
    } else if (op.operator === 'Tj') {
      // One glyph per code, each placed where it was: Skia leaves out the Td when a glyph sits at the advance.
      const hex = operands.match(/^<([0-9a-fA-F]+)>$/)?.[1]?.toUpperCase();
      const length = metrics.codeLength(font);
      if (!hex || !length || hex.length % length) return undefined;
      for (let at = 0; at < hex.length; at += length) {
        const code = hex.slice(at, at + length);
        const width = metrics.width(font, code);
        if (width === undefined) return undefined;
        const glyph: Glyph = { dx, dy, show: `<${code}> Tj`, code, span: openSpan, fontOp, font };
        glyphs.push(glyph);
        if (openSpan !== undefined) spans[openSpan].glyphs.push(glyph);
        dx += (width / 1000) * size;
      }
    } else if (op.operator === 'Tf') {
      // A run may change font midway (a fallback font for some characters): each glyph keeps its own.
      const [name, fontSize] = operands.split(/\s+/);
      font = name.replace(/^\//, '');
      size = Number(fontSize);
      fontOp = `${operands} Tf`;
    } else if (STATE.has(op.operator) && !glyphs.length) {
      state.push(`${operands} ${op.operator}`);
    } else {
      return undefined;
    }
  }
  if (depth !== 0 || !glyphs.length) return undefined;
  keepEvidence(spans, reverse, evidence);
  return `BT\n${state.join('\n')}\n${drawGlyphs(reverse ? [...glyphs].reverse() : glyphs).join('\n')}\nET`;
}

/** What each nested span said its glyphs stand for, with the glyphs in logical order. */
function keepEvidence(spans: { text: string; glyphs: Glyph[] }[], reverse: boolean, evidence: SpanEvidence[]): void {
  for (const span of spans) {
    const codes = span.glyphs.map((glyph) => glyph.code);
    const fonts = new Set(span.glyphs.map((glyph) => glyph.font));
    if (reverse) codes.reverse();
    if (fonts.size === 1 && codes.every((code): code is string => code !== undefined)) evidence.push({ font: span.glyphs[0].font, codes, text: span.text });
  }
}

/** The glyphs in the order given, each placed by a Td from the one before, changing font where a glyph's differs. */
function drawGlyphs(glyphs: Glyph[]): string[] {
  const drawn: string[] = [];
  let x = 0;
  let y = 0;
  let activeFont = '';
  for (const glyph of glyphs) {
    if (glyph.fontOp !== activeFont) drawn.push(glyph.fontOp);
    activeFont = glyph.fontOp;
    drawn.push(`${number(glyph.dx - x)} ${number(glyph.dy - y)} Td ${glyph.show}`);
    x = glyph.dx;
    y = glyph.dy;
  }
  return drawn;
}

function number(value: number): string {
  const rounded = Math.round(value * 100000) / 100000;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/** A PDF text string written as UTF-16BE hex, with or without its byte-order mark. */
export function utf16Hex(hex: string): string {
  let body = hex.toLowerCase();
  if (body.startsWith('feff')) body = body.slice(4);
  const units: number[] = [];
  for (let i = 0; i + 4 <= body.length; i += 4) units.push(Number.parseInt(body.slice(i, i + 4), 16));
  return String.fromCharCode(...units);
}
