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

/** Every node in document order, each with the place it (or its nearest ancestor) has. */
function* placed(node: Nodes, ancestors: Nodes[] = []): Generator<{ node: Nodes; place: Position | undefined }> {
  yield { node, place: placeOf(node, ancestors) };
  for (const child of 'children' in node ? (node.children as Nodes[]) : []) yield* placed(child, [...ancestors, node]);
}

/** The place of the first node, in document order, that the test accepts. */
function firstPlace(tree: Root, test: (node: Nodes) => boolean): Position | undefined {
  for (const { node, place } of placed(tree)) if (test(node)) return place;
  return undefined;
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

/**
 * The paragraph, heading, table cell or code block where these words, read
 * in a row, begin: the article's blocks are read as one text (the words a
 * layout lost may run from one table cell into the next), for the first four
 * words, else the first three or two (a lost column's cells are not in a row).
 */
export function wordsPlace(tree: Root, words: string[]): Position | undefined {
  const blocks = [...placed(tree)].filter(({ node }) => TEXT_BLOCKS.has(node.type));
  const starts: number[] = [];
  let text = '';
  for (const { node } of blocks) {
    starts.push(text.length);
    text += `${spaced(toString(node))} `;
  }
  for (let count = Math.min(4, words.length); count >= Math.min(2, words.length) && count > 0; count--) {
    const at = text.indexOf(spaced(words.slice(0, count).join(' ')));
    if (at < 0) continue;
    const index = starts.findLastIndex((start) => start <= at);
    return blocks[index]?.place;
  }
  return undefined;
}
