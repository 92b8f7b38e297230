import type { FootnoteDefinition, List, Nodes, Root, RootContent, Table } from 'mdast';
import type { Position } from 'unist';
import type { BrailleTables } from './tables.js';

/**
 * One unit the edition translates and lays out on its own: a paragraph, a
 * heading, a list item's paragraph, a table row, a line of code. The print
 * text is translated per block, and lines are filled from its braille words.
 */
export interface Block {
  /** Print text to translate: one line, no control characters. Empty for a transition line. */
  text: string;
  /** The text table, or the uncontracted one (code reads letter for letter). */
  table: 'text' | 'code';
  /** Centred (title and main headings), indented (everything else), or a transition line. */
  format: 'centred' | 'indented' | 'rule';
  /** Blank cells before the first line, and before each runover line (BANA: paragraphs 3-1, lists 1-3). */
  first: number;
  runover: number;
  /** Blank lines wanted before and after (the larger wins between two blocks; none at the top of a page). */
  before: number;
  after: number;
  /** A heading: never the last thing on a page. */
  keepWithNext?: boolean;
  /** Braille (BRF) joined to the first and the last braille word: a transcriber's note's indicators. */
  open?: string;
  close?: string;
  /** Start a new braille page after this block (the title page). */
  pageBreakAfter?: boolean;
  /** The braille, filled in by the translation (BRF). */
  braille?: string;
  /** Where the block's print text is in the article's source, when the tree has it: for the warnings. */
  place?: Position;
}

const PARAGRAPH = { format: 'indented', table: 'text', first: 2, runover: 0, before: 0, after: 0 } as const;

/** Print text without control characters, invisible characters or runs of white space. */
export function cleanText(text: string): string {
  return text
    .replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/[\u0000-\u001f\u007f-\u009f\s]+/g, ' ')
    .trim();
}

interface Walk {
  tables: BrailleTables;
  blocks: Block[];
  /** Images met inside the current paragraph: their notes follow it. */
  images: string[];
  notes: FootnoteDefinition[];
  /** Footnote numbers in order of first reference, as the page numbers them. */
  noteNumbers: Map<string, number>;
}

/** The article body as blocks, in reading order, with the footnotes at the end. */
export function documentBlocks(tree: Root, tables: BrailleTables): Block[] {
  const walk: Walk = { tables, blocks: [], images: [], notes: [], noteNumbers: new Map() };
  flow(tree.children, walk, 0, 0);
  if (walk.notes.length) {
    walk.blocks.push(heading(tables.words.notes ?? 'Notes', 2));
    const numbered = walk.notes.map((note) => ({ note, number: noteNumber(walk, note.identifier) })).sort((a, b) => a.number - b.number);
    for (const { note, number } of numbered) {
      const start = walk.blocks.length;
      flow(note.children, walk, 0, 0);
      const first = walk.blocks[start];
      if (first) first.text = `${number}. ${first.text}`;
    }
  }
  return walk.blocks.filter((block) => block.format === 'rule' || block.text);
}

/** Block content at a nesting depth (cells added by lists and quotes). */
function flow(nodes: RootContent[], walk: Walk, indent: number, listDepth: number): void {
  for (const node of nodes) {
    const start = walk.blocks.length;
    block(node, walk, indent, listDepth);
    placeFrom(walk.blocks, start, node.position);
  }
}

/** The blocks from `start` on that have no place yet take this one (the innermost node's place is set first). */
function placeFrom(blocks: Block[], start: number, place: Position | undefined): void {
  if (!place) return;
  for (const block of blocks.slice(start)) block.place ??= place;
}

/** One node's blocks. */
function block(node: RootContent, walk: Walk, indent: number, listDepth: number): void {
  switch (node.type) {
    case 'heading':
      walk.blocks.push(heading(inline(node.children, walk), node.depth));
      break;
    case 'paragraph':
      paragraph(inline(node.children, walk), walk, indent);
      break;
    case 'blockquote': {
      const start = walk.blocks.length;
      flow(node.children, walk, indent + 2, listDepth);
      setOff(walk.blocks, start);
      break;
    }
    case 'list':
      list(node, walk, indent, listDepth);
      break;
    case 'code':
      code(node.value, walk, indent, node.position);
      break;
    case 'table':
      table(node, walk, indent);
      break;
    case 'thematicBreak':
      walk.blocks.push({ ...PARAGRAPH, format: 'rule', text: '', first: 0, before: 1, after: 1 });
      break;
    case 'footnoteDefinition':
      walk.notes.push(node);
      break;
    default:
      // A container (a figure and its caption): its content. Raw HTML, definitions, front matter: nothing a reader reads.
      if ('children' in node && node.children.length && !isPhrasing(node.children[0] as Nodes)) flow(node.children as RootContent[], walk, indent, listDepth);
      break;
  }
}

function noteNumber(walk: Walk, identifier: string): number {
  if (!walk.noteNumbers.has(identifier)) walk.noteNumbers.set(identifier, walk.noteNumbers.size + 1);
  return walk.noteNumbers.get(identifier)!;
}

/** BANA: centred headings for the title and main sections, cell-5 and cell-7 headings below them. */
function heading(text: string, depth: number): Block {
  if (depth <= 2) return { ...PARAGRAPH, format: 'centred', text, first: 0, before: 1, after: 1, keepWithNext: true };
  const cells = depth === 3 ? 4 : 6;
  return { ...PARAGRAPH, text, first: cells, runover: cells, before: 1, after: 0, keepWithNext: true };
}

function paragraph(text: string, walk: Walk, indent: number, first = indent + 2, runover = indent): void {
  walk.blocks.push({ ...PARAGRAPH, text, first, runover });
  imageNotes(walk, indent);
}

/** Images by their alt text, in a transcriber's note after the paragraph that held them; none without alt. */
function imageNotes(walk: Walk, indent: number): void {
  const { tables } = walk;
  for (const alt of walk.images.splice(0)) {
    const label = tables.words.image ? `${tables.words.image}: ${alt}` : alt;
    const [open, close] = tables.note ?? [undefined, undefined];
    walk.blocks.push({
      ...PARAGRAPH,
      // Without the code's own indicators, the note is set in parentheses, which every table has.
      text: open ? label : `(${label})`,
      open,
      close,
      first: indent + 6,
      runover: indent + 4,
    });
  }
}

/** Lists set off by blank lines; items 1-3, nested items 3-5, and so on. */
function list(node: List, walk: Walk, indent: number, depth: number): void {
  const start = walk.blocks.length;
  node.children.forEach((item, i) => {
    const marker = node.ordered ? `${(node.start ?? 1) + i}.` : '•';
    const task = item.checked === true ? '[x] ' : item.checked === false ? '[ ] ' : '';
    let marked = false;
    if (item.children[0]?.type !== 'paragraph') {
      walk.blocks.push({ ...PARAGRAPH, text: `${marker} ${task}`.trim(), first: indent, runover: indent + 2 });
      marked = true;
    }
    const itemStart = walk.blocks.length;
    for (const child of item.children) {
      const childStart = walk.blocks.length;
      if (child.type === 'paragraph' && !marked) {
        paragraph(`${marker} ${task}${inline(child.children, walk)}`, walk, indent, indent, indent + 2);
        marked = true;
      } else if (child.type === 'paragraph') {
        paragraph(inline(child.children, walk), walk, indent, indent + 2, indent + 2);
      } else {
        flow([child], walk, indent + 2, depth + 1);
      }
      placeFrom(walk.blocks, childStart, child.position);
    }
    placeFrom(walk.blocks, itemStart, item.position);
  });
  if (depth === 0) setOff(walk.blocks, start);
}

/** Code kept as it is written, line by line, uncontracted; each line placed at its own line of the source. */
function code(value: string, walk: Walk, indent: number, position?: Position): void {
  const start = walk.blocks.length;
  const lines = value.replace(/\t/g, '  ').split(/\r?\n/);
  // Fenced code starts a line after its fence; indented code spans exactly its lines.
  const first = position ? position.start.line + (position.end.line - position.start.line + 1 > lines.length ? 1 : 0) : undefined;
  lines.forEach((raw, i) => {
    const lead = Math.min(raw.length - raw.trimStart().length, 12);
    const text = cleanText(raw);
    if (!text) return;
    const place = first === undefined ? undefined : { start: { line: first + i, column: 1 }, end: { line: first + i, column: raw.length + 1 } };
    walk.blocks.push({ ...PARAGRAPH, table: 'code', text, first: indent + lead, runover: indent + lead + 2, ...(place ? { place } : {}) });
  });
  setOff(walk.blocks, start);
}

/** A table row by row: each cell after its column's heading, "Heading: cell; Heading: cell". */
function table(node: Table, walk: Walk, indent: number): void {
  const start = walk.blocks.length;
  const [head, ...rows] = node.children;
  const headings = head ? head.children.map((cell) => inline(cell.children, walk)) : [];
  for (const row of rows.length ? rows : head ? [head] : []) {
    const rowStart = walk.blocks.length;
    const cells = row.children.map((cell, i) => {
      const text = inline(cell.children, walk);
      return rows.length && headings[i] && text ? `${headings[i]}: ${text}` : text;
    });
    paragraph(cells.filter(Boolean).join('; '), walk, indent, indent, indent + 2);
    placeFrom(walk.blocks, rowStart, row.position);
  }
  setOff(walk.blocks, start);
}

/** A blank line before and after the blocks from `start` on. */
function setOff(blocks: Block[], start: number): void {
  if (blocks.length <= start) return;
  blocks[start].before = Math.max(blocks[start].before, 1);
  blocks[blocks.length - 1].after = Math.max(blocks[blocks.length - 1].after, 1);
}

const PHRASING = new Set(['text', 'emphasis', 'strong', 'delete', 'link', 'linkReference', 'inlineCode', 'break', 'image', 'imageReference', 'footnoteReference', 'abbr', 'nowrap', 'sentence', 'html']);

function isPhrasing(node: Nodes): boolean {
  return PHRASING.has(node.type);
}

/** The words of inline content: links by their text, code as written, images noted aside, footnote marks in brackets. */
function inline(nodes: Nodes[], walk: Walk): string {
  return cleanText(rawInline(nodes, walk));
}

function rawInline(nodes: Nodes[], walk: Walk): string {
  let text = '';
  for (const node of nodes) {
    if (node.type === 'text' || node.type === 'inlineCode') text += node.value;
    else if (node.type === 'break') text += ' ';
    else if (node.type === 'image' || node.type === 'imageReference') {
      const alt = cleanText(node.alt ?? '');
      if (alt) walk.images.push(alt);
    } else if (node.type === 'footnoteReference') text += `[${noteNumber(walk, node.identifier)}]`;
    else if ('children' in node) text += rawInline(node.children as Nodes[], walk);
  }
  return text;
}
