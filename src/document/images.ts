import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

/**
 * Every image gets an `alt`; one without alt text is rendered as decorative
 * (`alt=""`) and reported, because inventing a description would be worse.
 */
export function checkImageAlt() {
  return (tree: Root, file: VFile): void => {
    visit(tree, (node) => {
      if (node.type === 'image' || node.type === 'imageReference') {
        if (node.alt?.trim()) return;
        node.alt = '';
        const where = node.type === 'image' ? node.url : node.identifier;
        file.message(`image "${where}" has no alt text; it is shown as decorative (alt="") — add a description`, { place: node.position, ruleId: 'image-alt', source: 'broadside' });
      } else if (node.data?.hName === 'img') {
        const props = (node.data.hProperties ??= {});
        if (typeof props.alt === 'string' && props.alt.trim()) return;
        props.alt = '';
        file.message(`image "${String(props.src ?? '')}" has no alt text; it is shown as decorative (alt="")`, { place: node.position, ruleId: 'image-alt', source: 'broadside' });
      }
    });
  };
}

/**
 * Every image with alt text gets an id (`img-1`, `img-2`, … in document
 * order), as every sentence does: the narration describes the image, and the
 * caption cue of that description carries the same id, so the read-along and
 * the EPUB's Media Overlay can point at the image being described.
 */
export function imageIds(options: { idPrefix?: string } = {}) {
  const prefix = options.idPrefix ?? 'img-';
  return (tree: Root): void => {
    let count = 0;
    visit(tree, 'image', (node) => {
      if (!node.alt?.trim()) return;
      const data = (node.data ??= {});
      const props = (data.hProperties ??= {});
      props.id ??= `${prefix}${++count}`;
    });
  };
}
