import type { Nodes, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Position } from 'unist';
import { visit } from 'unist-util-visit';

/**
 * Where in the article's source a problem an edition met lies, found again in
 * the document tree: an edition that works from the tree's output (the print
 * document in a browser, liblouis's braille) knows what went wrong by its
 * address or its words, not by its node. Each answer is the position of the
 * node, or of its nearest ancestor that has one (a sentence has none of its
 * own); undefined when the tree has no such node or no position for it.
 */

/** The node's own position, else its nearest ancestor's. */
export function placeOf(node: Nodes, ancestors: Nodes[] = []): Position | undefined {
  for (const candidate of [node, ...ancestors.slice().reverse()]) {
    if (candidate.position?.start.line !== undefined) return candidate.position;
  }
  return undefined;
}

/** The place of the first node, in document order, that the test accepts. */
function firstPlace(tree: Root, test: (node: Nodes) => boolean): Position | undefined {
  const walk = (node: Nodes, ancestors: Nodes[]): { at?: Position } | undefined => {
    if (test(node)) return { at: placeOf(node, ancestors) };
    for (const child of 'children' in node ? (node.children as Nodes[]) : []) {
      const found = walk(child, [...ancestors, node]);
      if (found) return found;
    }
    return undefined;
  };
  return walk(tree, [])?.at;
}

/** The first image with this address (an image by reference: the reference, where its definition has the address). */
export function imagePlace(tree: Root, src: string): Position | undefined {
  const defined = new Set<string>();
  visit(tree, 'definition', (node) => void (node.url === src && defined.add(node.identifier)));
  return firstPlace(tree, (node) => (node.type === 'image' && node.url === src) || (node.type === 'imageReference' && defined.has(node.identifier)));
}

const spaced = (text: string) => text.replace(/\s+/gu, ' ').trim();

/** The first table whose first cells read, joined by ", ", as `cells` (overflow.ts names a table so). */
export function tablePlace(tree: Root, cells: string): Position | undefined {
  return firstPlace(tree, (node) => {
    if (node.type !== 'table') return false;
    const texts = node.children.flatMap((row) => row.children.map((cell) => spaced(toString(cell))));
    return texts.slice(0, 3).join(', ') === cells;
  });
}

const TEXT_BLOCKS = new Set(['paragraph', 'heading', 'tableCell', 'code']);

/** The first paragraph, heading, table cell or code block whose text holds these words in a row (the first few are enough). */
export function wordsPlace(tree: Root, words: string[]): Position | undefined {
  const wanted = spaced(words.slice(0, 4).join(' '));
  if (!wanted) return undefined;
  return firstPlace(tree, (node) => TEXT_BLOCKS.has(node.type) && spaced(toString(node)).includes(wanted));
}
