import type { Element, ElementContent, Root as HastRoot } from 'hast';
import type { Root } from 'mdast';
import { toHast } from 'mdast-util-to-hast';
import { SKIP, visit } from 'unist-util-visit';
import type { ArticleDocument } from '../document/types.js';
import { ABOUT_ID } from '../document/types.js';
import { sanitizePageBody } from './sanitize.js';
import { pageStrings, type PageStrings } from './strings.js';
import { mendEmptyHeaders } from './table-headers.js';

/**
 * The article body as hast: everything after the title heading, with the
 * authors' bio wrapped in its own labelled section. Raw HTML nodes are never
 * passed through (ingest has already turned meaningful raw HTML into mdast),
 * and the result is sanitised again by a reviewed schema (./sanitize.ts).
 */
export function bodyToHast(doc: ArticleDocument): ElementContent[] {
  const [, ...rest] = doc.tree.children;
  const body: Root = { type: 'root', children: rest };
  const words = pageStrings(doc.meta.lang);
  const unsafe = toHast(body, {
    allowDangerousHtml: false,
    footnoteLabel: words.footnotes,
    footnoteBackLabel: (index: number) => words.backToReference(index + 1),
  }) as HastRoot;
  // Whatever a reader let through, the published page holds only the reviewed elements and attributes.
  const hast = sanitizePageBody(unsafe, words.image);
  mendEmptyHeaders(hast);
  wrapTables(hast, words);
  labelTaskCheckboxes(hast, words);
  return wrapAboutSection(hast.children as ElementContent[]);
}

/**
 * GFM task-list checkboxes are read-only marks, but they are still form
 * controls and need a name: say whether the task is done.
 */
function labelTaskCheckboxes(tree: HastRoot, words: PageStrings): void {
  visit(tree, 'element', (node) => {
    if (node.tagName !== 'input' || node.properties?.type !== 'checkbox') return;
    node.properties = { ...node.properties, ariaLabel: node.properties.checked ? words.taskDone : words.taskNotDone };
  });
}

/**
 * A wide table scrolls inside its own focusable, labelled region, so the page
 * itself never scrolls sideways (WCAG 1.4.10 allows this for data tables).
 */
function wrapTables(tree: HastRoot, words: PageStrings): void {
  let count = 0;
  visit(tree, 'element', (node, index, parent) => {
    if (node.tagName !== 'table' || !parent || index === undefined) return;
    count += 1;
    // A table's name is its caption, or the caption of the figure it stands in.
    const caption =
      node.children.find((child): child is Element => child.type === 'element' && child.tagName === 'caption') ??
      (parent.type === 'element' && parent.tagName === 'figure'
        ? parent.children.find((child): child is Element => child.type === 'element' && child.tagName === 'figcaption')
        : undefined);
    const label: Record<string, unknown> = {};
    if (caption) {
      caption.properties = { ...caption.properties, id: caption.properties?.id ?? `table-${count}-caption` };
      label.ariaLabelledBy = [String(caption.properties.id)];
    } else {
      label.ariaLabel = words.table(count);
    }
    const wrapper: Element = {
      type: 'element',
      tagName: 'div',
      properties: { className: ['table-scroll'], role: 'region', tabIndex: 0, ...label },
      children: [node],
    };
    parent.children[index] = wrapper;
    return SKIP;
  });
}

function wrapAboutSection(children: ElementContent[]): ElementContent[] {
  const start = children.findIndex((node) => node.type === 'element' && node.properties?.id === ABOUT_ID);
  if (start < 0) return children;
  // The bio runs to the end of the body, but GFM footnotes stay after it.
  let end = children.length;
  const footnotes = children.findIndex(
    (node, i) => i > start && node.type === 'element' && node.tagName === 'section' && 'dataFootnotes' in (node.properties ?? {}),
  );
  if (footnotes >= 0) end = footnotes;
  const section: Element = {
    type: 'element',
    tagName: 'section',
    properties: { className: ['about-authors'], ariaLabelledBy: [ABOUT_ID] },
    children: children.slice(start, end),
  };
  return [...children.slice(0, start), section, ...children.slice(end)];
}
