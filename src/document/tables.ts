import type { PhrasingContent, Root, TableRow } from 'mdast';
import { visit } from 'unist-util-visit';

/** Text or an image worth reading: what makes a cell not empty. */
function hasContent(nodes: PhrasingContent[]): boolean {
  return nodes.some((node) => {
    if (node.type === 'image') return Boolean(node.alt?.trim());
    if ('children' in node) return hasContent(node.children as PhrasingContent[]);
    return 'value' in node && /\S/u.test(node.value);
  });
}

/** A cell written wholly in bold ("<td><strong>Pos.</strong></td>"): how pages without <th> mark their column names. */
function isBold(nodes: PhrasingContent[]): boolean {
  const kept = nodes.filter((node) => !(node.type === 'text' && !/\S/u.test(node.value)));
  return kept.length > 0 && kept.every((node) => node.type === 'strong' && hasContent(node.children));
}

/** A row that names its columns: some cells, every one of them bold or empty. */
function namesColumns(row: TableRow): boolean {
  const filled = row.children.filter((cell) => hasContent(cell.children));
  return filled.length > 0 && filled.every((cell) => isBold(cell.children));
}

/**
 * mdast has no table without a header row, so a source table with no <th>
 * comes in with an empty one (hast-util-to-mdast adds it), and every edition
 * got headings with nothing in them: empty <th> cells on the page (axe's
 * empty-table-header), a table "with columns , , ," in the narration. When
 * the row after such an empty header names the columns in bold, as pages
 * without <th> do, it becomes the header row. Other empty header cells are
 * left to the editions (the page makes them plain cells, see html/table-headers.ts).
 */
export function promoteHeaderRows() {
  return (tree: Root): void => {
    visit(tree, 'table', (table) => {
      const [header, next] = table.children;
      if (!header || !next || header.children.some((cell) => hasContent(cell.children))) return;
      if (namesColumns(next)) table.children.shift();
    });
  };
}
