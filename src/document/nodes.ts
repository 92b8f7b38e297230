import type { Data, Parent, PhrasingContent } from 'mdast';
import type {} from 'mdast-util-to-hast';

/**
 * An abbreviation marked on its first use. Renders as `<abbr title="expansion">`
 * through `data.hName`/`data.hProperties`, so mdast-util-to-hast needs no handler.
 */
export interface Abbr extends Parent {
  type: 'abbr';
  /** The lexicon term this marks (the text as written). */
  term: string;
  children: PhrasingContent[];
  data: AbbrData;
}

export interface AbbrData extends Data {
  hName: 'abbr';
  hProperties: { title: string };
}

/**
 * Text that must not break across lines, such as a hyphenated acronym ("IS-K").
 * Renders as `<span class="nowrap">`; the characters are untouched, so the
 * page, the PDF text and the narration read the same words.
 */
export interface Nowrap extends Parent {
  type: 'nowrap';
  children: PhrasingContent[];
  data: NowrapData;
}

export interface NowrapData extends Data {
  hName: 'span';
  hProperties: { className: ['nowrap'] };
}

declare module 'mdast' {
  interface PhrasingContentMap {
    abbr: Abbr;
    nowrap: Nowrap;
  }
  interface RootContentMap {
    abbr: Abbr;
    nowrap: Nowrap;
  }
}

export function abbrNode(term: string, expansion: string, children: PhrasingContent[] = [{ type: 'text', value: term }]): Abbr {
  return { type: 'abbr', term, children, data: { hName: 'abbr', hProperties: { title: expansion } } };
}

export function nowrapNode(value: string): Nowrap {
  return { type: 'nowrap', children: [{ type: 'text', value }], data: { hName: 'span', hProperties: { className: ['nowrap'] } } };
}

/** The node, with its source position and that of its one text child, when the position is known. */
export function placed<T extends Abbr | Nowrap>(node: T, position: import('unist').Position | undefined): T {
  if (!position) return node;
  const [child] = node.children;
  if (node.children.length === 1 && child?.type === 'text') child.position = position;
  return { ...node, position };
}
