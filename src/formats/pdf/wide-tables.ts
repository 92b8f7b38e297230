import type { Element, ElementContent, Parent, Root, Text } from 'hast';
import { h } from 'hastscript';
import { SKIP, visit } from 'unist-util-visit';

/**
 * What one print edition gives a table: the text width and the table's type
 * size. These mirror print.css and large-print.css (A4, the narrower paper:
 * a table that fits A4 fits US Letter).
 */
export interface TableMeasure {
  /** Width of the text block, in points. */
  widthPt: number;
  /** The table's type size, in points. */
  sizePt: number;
  /** Left plus right cell padding, in ems of the table's type. */
  paddingEm: number;
  /** Cell border width, in points. */
  borderPt: number;
  /** A smaller size and padding a table may take to stay a table; none in large print, which must stay at 18 pt. */
  compact?: { sizePt: number; paddingEm: number };
  /** Glyph widths of the edition's table type, in ems. */
  glyphs: Glyphs;
}

/**
 * The widest glyph of each kind, in ems, bold or regular, as Chromium sets the
 * faces the stylesheets name (measured with the sheets themselves; the test
 * in test/pdf/wide-tables.test.ts measures again). The widest, not the
 * average, so that an estimate never falls short of the printed word.
 */
export interface Glyphs {
  /** f i j l t I J and narrow punctuation. */
  narrow: number;
  /** Other lower-case letters, and letters without case. */
  lower: number;
  upper: number;
  digit: number;
  /** m w M W % @ & and dashes. */
  wide: number;
  /** Ж Ш Щ Ю Ы Ф and their lower case. */
  widest: number;
}

const MM = 72 / 25.4;

export const TABLE_MEASURES: Record<'standard' | 'large-print', TableMeasure> = {
  // print.css: margins 20 mm left and right, tables in Noto Serif at 9.5 pt with 0.4 em side padding.
  standard: {
    widthPt: (210 - 40) * MM,
    sizePt: 9.5,
    paddingEm: 0.8,
    borderPt: 0.5,
    compact: { sizePt: 8, paddingEm: 0.5 },
    glyphs: { narrow: 0.42, lower: 0.68, upper: 0.83, digit: 0.57, wide: 1.08, widest: 1.2 },
  },
  // large-print.css: margins 18 mm, tables at 18 pt in DejaVu Sans, letter-spaced.
  'large-print': {
    widthPt: (210 - 36) * MM,
    sizePt: 18,
    paddingEm: 0.8,
    borderPt: 1,
    glyphs: { narrow: 0.51, lower: 0.74, upper: 0.87, digit: 0.72, wide: 1.12, widest: 1.3 },
  },
};

// The estimate must not fall short of what Chromium lays out, or a table that
// "fits" would run off the page; 5% is kept back for the estimate's error.
const SAFETY = 0.95;

export type TableShape = 'table' | 'compact' | 'turned';

/**
 * Every table of the print document is printed in a shape that keeps its words
 * whole (print.css does not let a cell break a word to squeeze its column):
 *
 * - `table`: it fits the text width at the edition's table size, as it is;
 * - `compact`: it fits at the smaller compact size (standard edition only);
 * - `turned`: rows and columns are swapped, a few of the original rows at a
 *   time, with a note saying so; a table of 200 columns becomes 200 rows.
 *
 * "Fits" means: each column as wide as the longest word in it, plus its
 * padding, adds up to no more than the text width. Words too long for any
 * column (a third of the text width or more) may still break anywhere, so
 * they never decide the shape.
 */
export function fitTables(tree: Root, measure: TableMeasure, note: string): void {
  visit(tree, 'element', (node, index, parent) => {
    if (node.tagName !== 'table' || !parent || index === undefined) return undefined;
    const grid = gridOf(node);
    const shape = grid ? tableShape(grid, measure) : 'table';
    const size = shape === 'compact' ? measure.compact! : measure;
    markLongWords(node, longWordEm(measure.widthPt / size.sizePt), measure.glyphs);
    if (shape === 'compact') node.properties.className = [...classes(node), 'compact'];
    if (shape !== 'turned' || !grid) return SKIP;
    const turned = turnTable(node, grid, rowsPerPart(grid, measure));
    parent.children.splice(index, 1, h('p', { className: ['table-note'] }, note), ...turned);
    return [SKIP, index + 1 + turned.length];
  });
}

/** A table as rows of cells; undefined for a table with merged cells, which is left as it is. */
export interface Grid {
  head: Element[];
  body: Element[][];
}

export function gridOf(table: Element): Grid | undefined {
  const rows: { row: Element; head: boolean }[] = [];
  const walk = (node: Element, head: boolean) => {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      if (child.tagName === 'tr') rows.push({ row: child, head });
      else if (['thead', 'tbody', 'tfoot'].includes(child.tagName)) walk(child, child.tagName === 'thead');
    }
  };
  walk(table, false);
  const cells = rows.map(({ row, head }) => ({ head, cells: row.children.filter((c): c is Element => c.type === 'element' && (c.tagName === 'th' || c.tagName === 'td')) }));
  const merged = cells.some(({ cells: row }) => row.some((cell) => Number(cell.properties.colSpan ?? 1) > 1 || Number(cell.properties.rowSpan ?? 1) > 1));
  // mdast tables, the only kind the document model has, open with exactly one header row.
  if (merged || cells.filter((row) => row.head).length !== 1 || !cells[0]?.head) return undefined;
  return { head: cells[0].cells, body: cells.slice(1).map((row) => row.cells) };
}

export function tableShape(grid: Grid, measure: TableMeasure): TableShape {
  const rows = [grid.head, ...grid.body];
  const columns = widest(rows.map((row) => row.length));
  // Turning a table of one or two columns cannot make it narrower.
  if (columns <= 2) return 'table';
  const widths = Array.from({ length: columns }, (_, i) => widest(rows.map((row) => (row[i] ? cellWidthEm(row[i]!, measure.glyphs) : 0))));
  if (fits(widths, measure, measure)) return 'table';
  if (measure.compact && fits(widths, measure, measure.compact)) return 'compact';
  return 'turned';
}

/** Whether columns whose longest words are `widths` ems wide fit the text width at `size`. */
function fits(widths: number[], measure: TableMeasure, size: { sizePt: number; paddingEm: number }): boolean {
  const available = measure.widthPt / size.sizePt;
  const cap = longWordEm(available);
  const needed = widths.reduce((sum, width) => sum + Math.min(width, cap) + size.paddingEm + measure.borderPt / size.sizePt, 0);
  return needed <= available * SAFETY;
}

function longWordEm(availableEm: number): number {
  return availableEm / 3;
}

/**
 * How many of the original rows go into each turned part: as many as fit the
 * text width side by side (at least one), spread evenly over the parts.
 */
export function rowsPerPart(grid: Grid, measure: TableMeasure): number {
  const width = (cell: Element) => cellWidthEm(cell, measure.glyphs);
  const headWidth = widest(grid.head.map(width));
  const rowWidths = grid.body.map((row) => widest(row.map(width)));
  let most = 1;
  while (most < rowWidths.length && fits([headWidth, ...rowWidths.slice(0, most + 1)], measure, measure)) most += 1;
  const parts = Math.max(1, Math.ceil(rowWidths.length / most));
  return Math.max(1, Math.ceil(rowWidths.length / parts));
}

/**
 * The table with rows and columns swapped, `perPart` original rows to a table:
 * the original header cells head the rows, and each original row's first cell
 * heads its column. The first part keeps the original nodes; later parts repeat
 * the header cells without their ids.
 */
export function turnTable(table: Element, grid: Grid, perPart: number): Element[] {
  const parts: Element[] = [];
  const rows = grid.body;
  // A table with no body rows still turns, into one column of its headings.
  const groups = rows.length ? Array.from({ length: Math.ceil(rows.length / perPart) }, (_, i) => rows.slice(i * perPart, (i + 1) * perPart)) : [[]];
  groups.forEach((group, part) => {
    const head = part === 0 ? grid.head : grid.head.map((cell) => withoutIds(structuredClone(cell)));
    const columns = widest([head.length, ...group.map((row) => row.length)]);
    const cell = (tagName: 'th' | 'td', from: Element | undefined, scope?: 'col' | 'row'): Element => ({
      type: 'element',
      tagName,
      properties: { ...cellProperties(from), ...(scope ? { scope } : {}) },
      children: from?.children ?? [],
    });
    const headerRow = h('tr', [cell('th', head[0], 'col'), ...group.map((row) => cell('th', row[0], 'col'))]);
    const bodyRows = Array.from({ length: columns - 1 }, (_, i) => h('tr', [cell('th', head[i + 1], 'row'), ...group.map((row) => cell('td', row[i + 1]))]));
    const properties = part === 0 ? { ...table.properties } : { ...table.properties, id: undefined };
    parts.push({ type: 'element', tagName: 'table', properties: { ...properties, className: [...classes(table), 'turned'] }, children: [h('thead', [headerRow]), h('tbody', bodyRows)] });
  });
  return parts;
}

/** A cell's own attributes, less those that described its old position. */
function cellProperties(cell: Element | undefined): Element['properties'] {
  if (!cell) return {};
  const { align: _align, scope: _scope, style: _style, colSpan: _colSpan, rowSpan: _rowSpan, headers: _headers, ...rest } = cell.properties;
  return rest;
}

function withoutIds<T extends Element>(node: T): T {
  visit(node, 'element', (element) => {
    delete element.properties.id;
  });
  return node;
}

function classes(node: Element): string[] {
  const value: unknown = node.properties.className;
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' ? value.split(/\s+/) : [];
}

// Line breaks come at these only; a no-break space joins its words, as on paper.
const BREAKS = /[ \t\n\r\f\u200b]+/;
// Scripts written without spaces may break between any two characters.
const IDEOGRAPHIC = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;

const NARROW = new Set('fijltIJ.,:;\'`!|()[]{}/\\-');
const WIDE = new Set('mwMW@%&—…æœÆŒ');
const WIDEST = new Set('ЖжШшЩщЮюЫыФф');

/** The widest unbreakable run of the cell's text, in ems. */
export function cellWidthEm(cell: Element, glyphs: Glyphs): number {
  return widest(textOf(cell).split(BREAKS).map((word) => wordWidthEm(word, glyphs)));
}

/**
 * A word's width in ems, on the wide side: each character counts as the
 * widest glyph of its kind. Ideographic text counts one character at a time,
 * as it may break anywhere; combining marks add nothing.
 */
export function wordWidthEm(word: string, glyphs: Glyphs): number {
  let longest = 0;
  let width = 0;
  for (const char of word) {
    if (IDEOGRAPHIC.test(char)) {
      // An ideograph is an em, plus large print's letter spacing.
      longest = Math.max(longest, width, 1.05);
      width = 0;
    } else if (/\p{M}/u.test(char)) continue;
    else if (NARROW.has(char)) width += glyphs.narrow;
    else if (WIDEST.has(char)) width += glyphs.widest;
    else if (WIDE.has(char)) width += glyphs.wide;
    else if (/\p{Lu}/u.test(char)) width += glyphs.upper;
    else if (/\p{Nd}/u.test(char)) width += glyphs.digit;
    else width += glyphs.lower;
  }
  return Math.max(longest, width);
}

/** The largest of many numbers, or 0 (no spread: a table may have more rows than a call may take arguments). */
function widest(values: number[]): number {
  return values.reduce((most, value) => Math.max(most, value), 0);
}

function textOf(node: ElementContent): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element') return node.children.map(textOf).join('');
  return '';
}

/**
 * Words wider than `capEm` go in a `.breakable` span, which may break them
 * anywhere: a long address or identifier must not widen its column past the
 * page. Everything else breaks only between words.
 */
function markLongWords(table: Element, capEm: number, glyphs: Glyphs): void {
  visit(table, 'text', (node: Text, index, parent: Parent | undefined) => {
    if (!parent || index === undefined || parent.type !== 'element') return undefined;
    const pieces = node.value.split(/([ \t\n\r\f\u200b]+)/);
    if (!pieces.some((piece, i) => i % 2 === 0 && wordWidthEm(piece, glyphs) > capEm)) return undefined;
    const replacement: ElementContent[] = [];
    let plain = '';
    pieces.forEach((piece, i) => {
      if (i % 2 === 1 || wordWidthEm(piece, glyphs) <= capEm) {
        plain += piece;
        return;
      }
      if (plain) replacement.push({ type: 'text', value: plain });
      plain = '';
      replacement.push(h('span', { className: ['breakable'] }, piece));
    });
    if (plain) replacement.push({ type: 'text', value: plain });
    parent.children.splice(index, 1, ...replacement);
    return [SKIP, index + replacement.length];
  });
}
