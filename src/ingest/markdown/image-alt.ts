import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

/**
 * Markdown images (`![alt](src)` and `![alt][ref]`) without alt text keep alt ""
 * and raise an `image-alt` warning: Markdown cannot say "decorative", so an
 * empty alt is taken as missing, and a description is never invented.
 */
export default function remarkImageAlt() {
  return (tree: Root, file: VFile): void => {
    visit(tree, (node) => {
      if (node.type !== 'image' && node.type !== 'imageReference') return;
      if (node.alt && node.alt.trim()) return;
      node.alt = '';
      const target = node.type === 'image' ? node.url : `[${node.identifier}]`;
      file.message(`Image without alt text: ${target}`, { place: node.position, ruleId: 'image-alt', source: 'broadside' });
    });
  };
}
