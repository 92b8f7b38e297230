import type { Element, Root } from 'hast';
import { SKIP, visit } from 'unist-util-visit';

/** GFM column alignment as a class, not the obsolete `align` attribute (HTML_CodeSniffer's H49.AlignAttr). */
export function alignCells(tree: Root): void {
  visit(tree, 'element', (node) => {
    if ((node.tagName !== 'td' && node.tagName !== 'th') || !node.properties?.align) return;
    const align = String(node.properties.align);
    delete node.properties.align;
    if (/^(left|center|right)$/u.test(align)) node.properties.className = [`align-${align}`];
  });
}

/**
 * A footnote's way back shows "↩" but was named "Back to reference 1" by
 * aria-label, and a name that does not hold the visible text fails WCAG
 * 2.5.3 (speech users say what they see). The words become hidden text
 * after the arrow, so the name is "↩ Back to reference 1".
 */
export function nameBackReferences(tree: Root): void {
  visit(tree, 'element', (node) => {
    if (node.tagName !== 'a' || !('dataFootnoteBackref' in (node.properties ?? {}))) return;
    const label = String(node.properties.ariaLabel ?? 'Back to the text');
    delete node.properties.ariaLabel;
    node.children = [...node.children, { type: 'text', value: ' ' }, { type: 'element', tagName: 'span', properties: { className: ['sr-only'] }, children: [{ type: 'text', value: label }] }];
    return SKIP;
  });
}

/**
 * Every data table has a caption (HTML_CodeSniffer asks for one): a table
 * the source gave none gets a hidden one with the name its scrolling region
 * already had ("Table 2"), and the region is then named by it. A table
 * with no header cell at all (a source that had none) keeps the region's name.
 */
export function captionTables(tree: Root): void {
  let count = 0;
  visit(tree, 'element', (node, _index, parent) => {
    if (node.tagName !== 'table') return;
    count += 1;
    if (node.children.some((child) => child.type === 'element' && child.tagName === 'caption')) return;
    // A table with no header cell is a layout table to HTML_CodeSniffer, and a layout table must have no caption (H39.3.LayoutTable).
    if (!hasHeaderCell(node)) return;
    const region = parent?.type === 'element' && parent.properties?.role === 'region' ? (parent as Element) : undefined;
    const name = String(region?.properties?.ariaLabel ?? 'Table');
    const id = `table-${count}-caption`;
    node.children.unshift({ type: 'element', tagName: 'caption', properties: { id, className: ['sr-only'] }, children: [{ type: 'text', value: name }] });
    if (region) {
      delete region.properties.ariaLabel;
      region.properties.ariaLabelledBy = [id];
    }
  });
}

function hasHeaderCell(table: Element): boolean {
  let found = false;
  visit(table, 'element', (node) => {
    if (node.tagName === 'th') found = true;
  });
  return found;
}
