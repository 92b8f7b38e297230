import type { Root } from 'hast';
import type { Position } from 'unist';
import { visit } from 'unist-util-visit';
import { BLOCKS, sourceMap } from './source-map.js';

/** Where an element of the page is in its text (jsdom's `nodeLocation` with `includeNodeLocations`). */
export type Locate = (element: Element) => Position | undefined;

/** jsdom's node location as a unist position. */
export function locator(nodeLocation: (node: Node) => { startLine: number; startCol: number; startOffset: number; endLine: number; endCol: number; endOffset: number } | null | undefined): Locate {
  return (element) => {
    let found;
    try {
      found = nodeLocation(element);
    } catch {
      // A node the parser did not make (Readability's, a copy's) has no location.
      return undefined;
    }
    if (!found) return undefined;
    return {
      start: { line: found.startLine, column: found.startCol, offset: found.startOffset },
      end: { line: found.endLine, column: found.endCol, offset: found.endOffset },
    };
  };
}

const ATTRIBUTE = 'data-broadside-place';

/**
 * The extracted article is a copy (Readability's output, or a clean copy of
 * the marked block), so its elements have no place in the page. Each block
 * (paragraph, heading, list item, quotation…) is found again in the page by
 * its text (./source-map.ts) and marked with where it is there, so that a
 * warning about it (a skipped heading level, an image without alt text) can
 * say the line. An element the page does not hold as written gets no mark.
 */
export function markSourcePlaces(content: Element, doc: Document, locate: Locate): void {
  const map = sourceMap(doc);
  for (const block of content.querySelectorAll(BLOCKS)) {
    const source = map.source(block);
    const place = source && locate(source);
    if (place) block.setAttribute(ATTRIBUTE, JSON.stringify([place.start, place.end]));
  }
}

/** The hast of the marked article: the marks become positions; every other position (into the copy) goes. */
export function placesFromMarks(tree: Root): void {
  visit(tree, (node) => {
    delete node.position;
    if (node.type !== 'element') return;
    const mark = node.properties?.dataBroadsidePlace;
    if (typeof mark !== 'string') return;
    delete node.properties.dataBroadsidePlace;
    try {
      const [start, end] = JSON.parse(mark) as [Position['start'], Position['end']];
      node.position = { start, end };
    } catch {
      // Not ours: the page's own attribute of that name.
    }
  });
}
