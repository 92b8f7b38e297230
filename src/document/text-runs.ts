import type { Nodes, Parent, Text } from 'mdast';
import './nodes.js';

/** One text node in reading order, with what came just before it in the same block. */
export interface TextItem {
  node: Text;
  parent: Parent;
  /** Ancestors from the root down to `parent` (inclusive). */
  ancestors: Parent[];
  /**
   * The character just before this node in the same block: '' at the block's
   * start, a space after a line break, and 'x' after code or an image, which
   * read like a word.
   */
  before: string;
}

/** Node types whose text must never be rewritten. */
const CODE_TYPES = new Set(['code', 'inlineCode', 'html', 'yaml', 'toml', 'math', 'inlineMath']);
const CODE_TAGS = new Set(['code', 'pre', 'kbd', 'samp', 'var', 'script', 'style', 'math', 'svg']);

/** Containers whose children start a new run of text (quotes and dashes do not pair across them). */
const BLOCK_TYPES = new Set([
  'root', 'paragraph', 'heading', 'blockquote', 'list', 'listItem', 'table', 'tableRow', 'tableCell',
  'footnoteDefinition', 'definition', 'thematicBreak', 'containerDirective', 'leafDirective',
]);
const BLOCK_TAGS = new Set([
  'div', 'section', 'aside', 'article', 'figure', 'figcaption', 'details', 'summary', 'header', 'footer',
  'nav', 'main', 'p', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'table', 'tr', 'td', 'th', 'caption', 'blockquote',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'address', 'hr',
]);

export function isCode(node: Nodes): boolean {
  const hName = node.data?.hName;
  return CODE_TYPES.has(node.type) || (typeof hName === 'string' && CODE_TAGS.has(hName));
}

export function isBlock(node: Nodes): boolean {
  const hName = node.data?.hName;
  if (typeof hName === 'string') return BLOCK_TAGS.has(hName);
  return BLOCK_TYPES.has(node.type);
}

export interface TextRunOptions {
  /** Leave these nodes and everything inside them alone. */
  skip?: (node: Nodes, ancestors: Parent[]) => boolean;
}

/**
 * The text nodes of a tree grouped into blocks (a paragraph, a heading, a table
 * cell, …), in reading order, leaving out code of every kind. Collected up
 * front so callers may split or replace nodes while iterating.
 */
export function textBlocks(tree: Parent, options: TextRunOptions = {}): TextItem[][] {
  const blocks: TextItem[][] = [];
  let current: TextItem[] = [];
  let before = '';
  const startBlock = () => {
    if (current.length) blocks.push(current);
    current = [];
    before = '';
  };
  const walk = (node: Nodes, ancestors: Parent[]): void => {
    if (isCode(node) || options.skip?.(node, ancestors)) {
      if (!isBlock(node)) before = 'x';
      return;
    }
    if (node.type === 'text') {
      const parent = ancestors[ancestors.length - 1];
      current.push({ node, parent, ancestors, before });
      if (node.value) before = node.value.slice(-1);
      return;
    }
    if (node.type === 'break') before = ' ';
    if (node.type === 'image' || node.type === 'imageReference') before = 'x';
    if (!('children' in node)) return;
    const block = isBlock(node);
    if (block) startBlock();
    const path = [...ancestors, node as Parent];
    for (const child of (node as Parent).children) walk(child as Nodes, path);
    if (block) startBlock();
  };
  walk(tree as Nodes, []);
  startBlock();
  return blocks;
}

/** Replace one child of `parent` with several nodes. */
export function replaceChild(parent: Parent, child: Nodes, replacements: Nodes[]): void {
  const index = parent.children.indexOf(child as Parent['children'][number]);
  if (index < 0) return;
  parent.children.splice(index, 1, ...(replacements as Parent['children']));
}

const ADDRESS_SOURCE = String.raw`(?:https?:\/\/|www\.)[^\s<>"]*[^\s<>".,;:!?)\]'\u2019\u201D]|[\w.+-]+@[\w-]+(?:\.[\w-]+)+`;

/** Web and e-mail addresses written out in text; their characters are never rewritten or marked. */
export const ADDRESSES = (): RegExp => new RegExp(ADDRESS_SOURCE, 'gi');

/** `[start, end)` ranges of the addresses in a text. */
export function addressRanges(text: string): [number, number][] {
  return [...text.matchAll(ADDRESSES())].map((m) => [m.index ?? 0, (m.index ?? 0) + m[0].length]);
}

export function insideAny(ranges: [number, number][], start: number, end: number): boolean {
  return ranges.some(([a, b]) => start < b && end > a);
}
