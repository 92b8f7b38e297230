import type { Root as HastRoot } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import type { Html, Parents, Root, RootContent } from 'mdast';
import type { Point, Position } from 'unist';
import { visit } from 'unist-util-visit';
import { prepareHtmlImages } from '../html/images.js';
import { SLOT_TAG, sanitizeArticleHtml } from '../html/sanitize.js';
import { htmlToMdast } from '../html/to-mdast.js';

// Parents whose children are phrasing: HTML found there must come back as phrasing.
const PHRASING_PARENTS = new Set(['paragraph', 'heading', 'tableCell', 'emphasis', 'strong', 'delete', 'link', 'linkReference', 'textDirective']);

interface Segment {
  start: number;
  end: number;
  node: RootContent;
}

/**
 * Parse the raw HTML in a Markdown tree instead of passing it through.
 *
 * Markdown splits HTML into pieces: `<aside>` and `</aside>` arrive as separate
 * `html` nodes with Markdown paragraphs between them. For every parent holding
 * `html` children, the pieces are joined into one HTML fragment in which each
 * Markdown sibling is a `<broadside-slot>` placeholder; the fragment is parsed,
 * sanitized (see ../html/sanitize.ts) and converted to mdast (see
 * ../html/to-mdast.ts for the shapes), and the placeholders get their Markdown
 * nodes back, untouched. Positions of nodes made from HTML point into the source.
 */
export default function remarkRawHtml() {
  return (tree: Root): void => {
    transform(tree);
  };
}

function transform(parent: Parents): void {
  for (const child of parent.children) if ('children' in child) transform(child);
  // A paragraph that held only dropped HTML (`<object>…</object>`, `<embed>`) is left empty: remove it.
  if (parent.children.some(isEmptyParagraph)) (parent as { children: RootContent[] }).children = parent.children.filter((c) => !isEmptyParagraph(c));
  if (!parent.children.some((child) => child.type === 'html')) return;

  const slots: RootContent[] = [];
  const segments: Segment[] = [];
  let source = '';
  for (const child of parent.children as RootContent[]) {
    const start = source.length;
    if (child.type === 'html') source += child.value;
    else {
      source += `<${SLOT_TAG} data-i="${slots.length}"></${SLOT_TAG}>`;
      slots.push(child);
    }
    segments.push({ start, end: source.length, node: child });
  }

  const hast: HastRoot = fromHtml(source, { fragment: true });
  mapPositions(hast, segments);
  prepareHtmlImages(hast, (node) => node.position);
  const children = htmlToMdast(sanitizeArticleHtml(hast), { slots, flow: !PHRASING_PARENTS.has(parent.type) });
  (parent as { children: RootContent[] }).children = children;
}

function isEmptyParagraph(node: RootContent): boolean {
  return node.type === 'paragraph' && node.children.every((child) => child.type === 'text' && child.value.trim() === '');
}

/** Point hast positions (offsets into the joined fragment) back into the Markdown source. */
function mapPositions(tree: HastRoot, segments: Segment[]): void {
  const mapPoint = (offset: number | undefined): Point | undefined => {
    if (offset === undefined) return undefined;
    const segment = segments.find((s) => offset >= s.start && offset < s.end) ?? segments[segments.length - 1];
    if (!segment) return undefined;
    const position = segment.node.position;
    if (!position) return undefined;
    if (segment.node.type !== 'html') return offset <= segment.start ? position.start : position.end;
    const local = Math.min(offset - segment.start, (segment.node as Html).value.length);
    const lines = (segment.node as Html).value.slice(0, local).split('\n');
    const last = lines[lines.length - 1]!;
    return {
      line: position.start.line + lines.length - 1,
      column: lines.length === 1 ? position.start.column + local : last.length + 1,
      offset: position.start.offset === undefined ? undefined : position.start.offset + local,
    };
  };
  visit(tree, (node) => {
    if (!node.position) return;
    const start = mapPoint(node.position.start.offset);
    const end = mapPoint(node.position.end.offset);
    if (start && end) node.position = { start, end } satisfies Position;
    else delete node.position;
  });
}
