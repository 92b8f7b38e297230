import type { Element, Properties, Root as HastRoot } from 'hast';
import type { FootnoteReference, Nodes, Paragraph, PhrasingContent, RootContent } from 'mdast';
import type { ContainerDirective, TextDirective } from 'mdast-util-directive';
import { toString } from 'mdast-util-to-string';
import { defaultHandlers, toMdast, type Handle, type State } from 'hast-util-to-mdast';
import { FOOTNOTE_REF_TAG } from './footnotes.js';
import { SLOT_TAG } from './sanitize.js';

/*
 * The mdast shapes this module produces for HTML that mdast has no node for.
 * mdast-util-to-hast turns each back into the same element through `data.hName`
 * and `data.hProperties`, so the page needs no special handling; other
 * editions can match on `name`.
 *
 *   <aside>, <figure>, <details>           containerDirective { name: tag }
 *   <div|section|article dir|lang>          containerDirective { name: 'div', hProperties: { dir, lang } }
 *   <table> with a <caption>                containerDirective { name: 'figure' } holding the table and a figcaption
 *   <figcaption>, <summary>                 paragraph with data.hName 'figcaption' / 'summary'
 *   <abbr title>, <kbd>, <sup>, <sub>,
 *   <mark>, <cite>, <dfn>, <bdi>, <samp>, <var>  textDirective { name: tag, hProperties: { title?, dir?, lang? } }
 *   <span|bdo dir|lang>                     textDirective { name: 'span' | 'bdo', hProperties: { dir, lang } }
 *   <th> heading a body row                 tableCell with data.hName 'th', hProperties { scope: 'row' }
 *
 * `attributes` mirrors `hProperties` as strings. Every other element becomes
 * the ordinary mdast node (heading, list, table, code, blockquote, link, image,
 * emphasis, …) or, when it carries no meaning, its children.
 */

const PHRASING = new Set([
  'break', 'delete', 'emphasis', 'footnoteReference', 'image', 'imageReference', 'inlineCode', 'link',
  'linkReference', 'strong', 'text', 'textDirective', 'html',
]);

export function isPhrasing(node: Nodes): node is PhrasingContent {
  return PHRASING.has(node.type);
}

const INLINE_CONTAINERS = ['abbr', 'kbd', 'sup', 'sub', 'mark', 'cite', 'dfn', 'bdi', 'samp', 'var'];

/** The attributes worth keeping on a container, as hast properties. */
function keptProperties(node: Element, names: string[]): Properties {
  const kept: Properties = {};
  for (const name of names) {
    const value = node.properties?.[name];
    if (value !== undefined && value !== null && value !== '' && value !== false) kept[name] = value;
  }
  return kept;
}

function asAttributes(properties: Properties): Record<string, string> {
  return Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, Array.isArray(value) ? value.join(' ') : String(value)]));
}

function container(state: State, node: Element, name: string, properties: Properties): ContainerDirective {
  const result: ContainerDirective = {
    type: 'containerDirective',
    name,
    attributes: asAttributes(properties),
    children: state.toFlow(state.all(node)) as ContainerDirective['children'],
    data: { hName: name, hProperties: properties },
  };
  state.patch(node, result);
  return result;
}

function inline(state: State, node: Element, name: string, properties: Properties): TextDirective | Nodes[] {
  const children = state.all(node);
  // Block content inside an inline element is malformed HTML; keep its words, drop the wrapper.
  if (!children.every(isPhrasing)) return children;
  const result: TextDirective = {
    type: 'textDirective',
    name,
    attributes: asAttributes(properties),
    children: children as PhrasingContent[],
    data: { hName: name, hProperties: properties },
  };
  state.patch(node, result);
  return result;
}

function captionParagraph(state: State, node: Element, hName: string): Paragraph | ContainerDirective {
  const children = state.all(node);
  if (!children.every(isPhrasing)) return container(state, node, hName, {});
  const result: Paragraph = { type: 'paragraph', children: children as PhrasingContent[], data: { hName } };
  state.patch(node, result);
  return result;
}

const languageContainer: Handle = (state, node) => {
  const properties = keptProperties(node, ['dir', 'lang']);
  if (Object.keys(properties).length === 0) return state.toFlow(state.all(node));
  return container(state, node, 'div', properties);
};

const languageSpan: Handle = (state, node) => {
  const properties = keptProperties(node, ['dir', 'lang']);
  if (Object.keys(properties).length === 0) return state.all(node);
  return inline(state, node, node.tagName, properties);
};

const table: Handle = (state, node) => {
  const result = defaultHandlers.table(state, node);
  const caption = node.children.find((child): child is Element => child.type === 'element' && child.tagName === 'caption');
  if (!caption || !result || Array.isArray(result) || toString(state.all(caption)).trim() === '') return result;
  const figure: ContainerDirective = {
    type: 'containerDirective',
    name: 'figure',
    attributes: {},
    children: [result as ContainerDirective['children'][number], captionParagraph(state, caption, 'figcaption')],
    data: { hName: 'figure', hProperties: {} },
  };
  state.patch(node, figure);
  return figure;
};

/**
 * A `<th>` in a row that also has `<td>` cells heads its row. mdast only knows
 * header rows, so the cell keeps `data.hName: 'th'` and `scope="row"`.
 */
const tableHeaderCell: Handle = (state, node, parent) => {
  const result = defaultHandlers.th(state, node);
  const inDataRow = parent?.type === 'element' && parent.children.some((cell) => cell.type === 'element' && cell.tagName === 'td');
  if (inDataRow && result && !Array.isArray(result)) {
    result.data = { ...result.data, hName: 'th', hProperties: { scope: 'row' } };
  }
  return result;
};

/** A heading keeps its id (the pipeline keeps a given id when it is unique). */
const heading: Handle = (state, node) => {
  const result = defaultHandlers.h1(state, node);
  const id = node.properties?.id;
  if (result && !Array.isArray(result) && typeof id === 'string' && id) result.data = { ...result.data, hProperties: { ...(result.data?.hProperties ?? {}), id } };
  return result;
};

function handlers(slots: RootContent[]): Record<string, Handle> {
  const result: Record<string, Handle> = {
    h1: heading, h2: heading, h3: heading, h4: heading, h5: heading, h6: heading,
    aside: (state, node) => container(state, node, 'aside', keptProperties(node, ['dir', 'lang'])),
    figure: (state, node) => container(state, node, 'figure', keptProperties(node, ['dir', 'lang'])),
    details: (state, node) => container(state, node, 'details', keptProperties(node, ['dir', 'lang', 'open'])),
    figcaption: (state, node) => captionParagraph(state, node, 'figcaption'),
    summary: (state, node) => captionParagraph(state, node, 'summary'),
    div: languageContainer,
    section: languageContainer,
    article: languageContainer,
    main: languageContainer,
    span: languageSpan,
    bdo: languageSpan,
    table,
    th: tableHeaderCell,
    caption: () => undefined,
    a: (state, node) => (node.properties?.href ? defaultHandlers.a(state, node) : state.all(node)),
    [SLOT_TAG]: (_state, node) => slots[Number(node.properties?.dataI)] as Nodes | undefined,
    [FOOTNOTE_REF_TAG]: (state, node) => {
      const identifier = String(node.properties?.dataNote);
      const result: FootnoteReference = { type: 'footnoteReference', identifier, label: identifier };
      state.patch(node, result);
      return result;
    },
  };
  for (const name of INLINE_CONTAINERS) {
    result[name] = (state, node) => inline(state, node, name, keptProperties(node, ['title', 'dir', 'lang']));
  }
  return result;
}

export interface HtmlToMdastOptions {
  /** Markdown nodes standing in for `<broadside-slot data-i=N>` elements, by N. */
  slots?: RootContent[];
  /** Whether the result goes where blocks belong (wrap loose text in paragraphs) or inside a paragraph. */
  flow: boolean;
}

/** Convert sanitized HTML to mdast content, in the shapes documented above. */
export function htmlToMdast(tree: HastRoot, options: HtmlToMdastOptions): RootContent[] {
  const root = toMdast(tree, { handlers: handlers(options.slots ?? []), document: options.flow });
  const children = root.type === 'root' ? root.children : [root as RootContent];
  if (options.flow) return children;
  // Inside a paragraph only phrasing may stay; a stray block keeps its words.
  return children.map((child) => (isPhrasing(child) ? child : ({ type: 'text', value: toString(child) } as RootContent)));
}
