import type { Element, ElementContent, Root } from 'hast';
import { toText } from 'hast-util-to-text';
import { visit } from 'unist-util-visit';

function isElement(node: ElementContent | Root['children'][number] | undefined, tagName: string): node is Element {
  return node?.type === 'element' && node.tagName === tagName;
}

/** Nothing a reader would hear: no text and no image with alt text. */
function isEmpty(cell: Element): boolean {
  if (toText(cell).trim()) return false;
  let image = false;
  visit(cell, 'element', (node) => {
    if (node.tagName === 'img' && String(node.properties?.alt ?? '').trim()) image = true;
  });
  return !image;
}

/**
 * A header cell with nothing in it names no column (axe's empty-table-header,
 * WCAG 1.3.1): it becomes an ordinary cell, which may be empty. A header row
 * left with no header cell is no header: an empty one goes, one with content
 * joins the body. Source pages bring such cells (a blank corner cell, a table
 * with no header row at all), as do Markdown tables with a blank header line.
 */
export function mendEmptyHeaders(tree: Root | Element): void {
  visit(tree, 'element', (table) => {
    if (table.tagName !== 'table') return;
    visit(table, 'element', (cell) => {
      if (cell.tagName !== 'th' || !isEmpty(cell)) return;
      cell.tagName = 'td';
      delete cell.properties.scope;
    });
    const head = table.children.find((child) => isElement(child, 'thead'));
    if (!head) return;
    const rows = head.children.filter((row): row is Element => isElement(row, 'tr'));
    if (rows.some((row) => row.children.some((cell) => isElement(cell, 'th')))) return;
    const kept = rows.filter((row) => row.children.some((cell) => cell.type === 'element' && !isEmpty(cell)));
    const at = table.children.indexOf(head);
    const body = table.children.find((child) => isElement(child, 'tbody'));
    if (body) body.children.unshift(...kept);
    table.children.splice(at, 1, ...(body || !kept.length ? [] : [{ type: 'element', tagName: 'tbody', properties: {}, children: kept } as Element]));
  });
}
