import type { Element, Nodes } from 'hast';

/** Every element with this tag name, in document order. */
export function selectAll(tree: Nodes, tagName: string): Element[] {
  const found: Element[] = [];
  const walk = (node: Nodes) => {
    if (node.type === 'element' && node.tagName === tagName) found.push(node);
    if ('children' in node) for (const child of node.children) walk(child as Nodes);
  };
  walk(tree);
  return found;
}
