import type { Operation } from './content-stream.js';

/**
 * One text object (BT … ET) as Chromium draws it: its glyphs, each placed by
 * its own Td, with the nested sequences it was drawn in (/ReversedChars for a
 * right-to-left run, /Span /ActualText round a cluster) read and set aside.
 */

export interface Glyph {
  /** Where the glyph is drawn, from the line start the object's Tm set. */
  dx: number;
  dy: number;
  /** Glyph code (hex, upper case). */
  code: string;
  /** The font's resource name (`F7`), its Tf operation and size. */
  font: string;
  fontOp: string;
  size: number;
  /** The colour and other state operations in force, as the object set them, one a line. */
  state: string;
  /** Drawn invisibly (text render mode 3), to carry letters its neighbour's glyph stands for. */
  invisible?: boolean;
  /** The /ActualText span the glyph was drawn in, if any (index into Run.spans). */
  span?: number;
}

export interface Run {
  /** The object's Tm operation. */
  matrix: string;
  /** Every state operation the object made, in order: what is in force after it. */
  state: string;
  /** Tm's translation, to place the object on its line. */
  x: number;
  y: number;
  glyphs: Glyph[];
  /** What each /ActualText span said its glyphs stand for. */
  spans: string[];
  /** Drawn inside /ReversedChars: a right-to-left run, glyphs in visual order. */
  reversed: boolean;
}

/** How a page's fonts advance and what their glyphs stand for; undefined for a font or code it does not know. */
export interface FontMetrics {
  /** The glyph code's width in thousandths of the font size. */
  width: (font: string, code: string) => number | undefined;
  /** The font's code length in hex digits. */
  codeLength: (font: string) => number | undefined;
  /** What the font's ToUnicode map says the code stands for. */
  text: (font: string, code: string) => string | undefined;
  /** The letters after the first, for a glyph that stands for more than one and is to be given a companion. */
  split?: (font: string, code: string) => string | undefined;
}

// State that moves no glyph: character and word spacing and scaling (Tc, Tw, Tz) would change the advances.
const STATE = new Set(['TL', 'Tr', 'Ts', 'rg', 'RG', 'g', 'G', 'k', 'K', 'sc', 'scn', 'SC', 'SCN', 'cs', 'CS', 'gs']);

interface Reading {
  run: Run;
  font: string;
  fontOp: string;
  size: number;
  state: string[];
  span?: number;
  depth: number;
  /** Td moves the line start; each glyph's advance moves the text position on from it. */
  lineX: number;
  lineY: number;
  dx: number;
  dy: number;
}

/** The text object's operations (between BT and ET) read as a run, or undefined for anything unexpected. */
export function readRun(inner: Operation[], metrics: FontMetrics): Run | undefined {
  const reading: Reading = {
    run: { matrix: '', state: '', x: 0, y: 0, glyphs: [], spans: [], reversed: false },
    font: '', fontOp: '', size: 0, state: [], depth: 0, lineX: 0, lineY: 0, dx: 0, dy: 0,
  };
  for (const op of inner) if (!step(reading, op, metrics)) return undefined;
  if (reading.depth !== 0 || !reading.run.glyphs.length || !reading.run.matrix) return undefined;
  reading.run.state = reading.state.join('\n');
  return reading.run;
}

function step(reading: Reading, op: Operation, metrics: FontMetrics): boolean {
  const operands = op.operands.trim();
  const { run } = reading;
  switch (op.operator) {
    case 'BMC':
    case 'BDC':
      reading.depth++;
      if (operands === '/ReversedChars') run.reversed = true;
      else if (operands.includes('/ActualText')) {
        if (reading.span !== undefined) return false;
        reading.span = run.spans.length;
        run.spans.push(actualText(operands) ?? '');
      }
      return true;
    case 'EMC':
      if (--reading.depth < 0) return false;
      reading.span = undefined;
      return true;
    case 'Tm': {
      if (run.glyphs.length || run.matrix) return false;
      const values = operands.split(/\s+/).map(Number);
      if (values.length !== 6 || values.some(Number.isNaN)) return false;
      [run.x, run.y] = [values[4], values[5]];
      run.matrix = `${operands} Tm`;
      reading.lineX = reading.lineY = reading.dx = reading.dy = 0;
      return true;
    }
    case 'Td': {
      const [x, y] = operands.split(/\s+/).map(Number);
      if (Number.isNaN(x) || Number.isNaN(y)) return false;
      reading.lineX += x;
      reading.lineY += y;
      reading.dx = reading.lineX;
      reading.dy = reading.lineY;
      return true;
    }
    case 'Tf': {
      // A run may change font midway (a fallback font for some characters): each glyph keeps its own.
      const [name, size] = operands.split(/\s+/);
      reading.font = name.replace(/^\//, '');
      reading.size = Number(size);
      reading.fontOp = `${operands} Tf`;
      return true;
    }
    case 'Tj':
      return show(reading, operands, metrics);
    default:
      if (!STATE.has(op.operator)) return false;
      reading.state.push(`${operands} ${op.operator}`);
      return true;
  }
}

/** One glyph per code, each placed where it was: Skia leaves out the Td when a glyph sits at the advance. */
function show(reading: Reading, operands: string, metrics: FontMetrics): boolean {
  const hex = operands.match(/^<([0-9a-fA-F]+)>$/)?.[1]?.toUpperCase();
  const length = metrics.codeLength(reading.font);
  if (!hex || !length || hex.length % length) return false;
  for (let at = 0; at < hex.length; at += length) {
    const code = hex.slice(at, at + length);
    const width = metrics.width(reading.font, code);
    if (width === undefined) return false;
    const { dx, dy, font, fontOp, size, span } = reading;
    reading.run.glyphs.push({ dx, dy, code, font, fontOp, size, span, state: reading.state.join('\n') });
    reading.dx += (width / 1000) * size;
  }
  return true;
}

/** The /ActualText of a marked-content property list, hex or literal. */
export function actualText(operands: string): string | undefined {
  const at = operands.indexOf('/ActualText');
  if (at < 0) return undefined;
  const rest = operands.slice(at + '/ActualText'.length).trimStart();
  if (rest.startsWith('<')) return textString(hexBytes(rest.slice(1, rest.indexOf('>'))));
  if (rest.startsWith('(')) return textString(literalBytes(rest));
  return undefined;
}

function hexBytes(hex: string): number[] {
  const clean = hex.replace(/\s+/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < clean.length; i += 2) bytes.push(Number.parseInt(clean.slice(i, i + 2).padEnd(2, '0'), 16));
  return bytes;
}

const ESCAPES: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, '(': 40, ')': 41, '\\': 92 };

/** The bytes of a PDF literal string `( … )`, its escapes undone. */
function literalBytes(source: string): number[] {
  const bytes: number[] = [];
  let depth = 0;
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (char === '\\') {
      const next = source[++i];
      const octal = source.slice(i).match(/^[0-7]{1,3}/)?.[0];
      if (octal) {
        bytes.push(Number.parseInt(octal, 8) & 0xff);
        i += octal.length - 1;
      } else if (next in ESCAPES) bytes.push(ESCAPES[next]);
      else if (next !== '\n' && next !== '\r') bytes.push(next.charCodeAt(0));
      continue;
    }
    if (char === '(' && depth++ === 0) continue;
    if (char === ')' && --depth === 0) break;
    bytes.push(char.charCodeAt(0) & 0xff);
  }
  return bytes;
}

/** A text string's bytes decoded: UTF-16BE after its byte-order mark, else PDFDocEncoding (Latin-1 here). */
function textString(bytes: number[]): string {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const units: number[] = [];
    for (let i = 2; i + 1 < bytes.length; i += 2) units.push((bytes[i] << 8) | bytes[i + 1]);
    return String.fromCharCode(...units);
  }
  return String.fromCharCode(...bytes);
}
