import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Element, ElementContent } from 'hast';
import { visit } from 'unist-util-visit';
import type { EditionWarning } from '../warning.js';
import { fileInside } from '../../common/serve.js';

/** Image types every EPUB 3 reading system shows (core media types). */
const CORE_IMAGES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
};

export interface BookImage {
  /** Path inside the EPUB folder, e.g. `images/image-1.png`. */
  href: string;
  mediaType: string;
  data: Buffer;
}

export interface ImageCount {
  images: BookImage[];
  /** Images shown in the book. */
  shown: number;
  /** Of those, with a text alternative. */
  withAlt: number;
}

/**
 * Puts the body's local images in the book, renamed `images/image-N.ext`,
 * and rewrites their `src`. An image that is not a file inside the article's
 * folder, or not of a type every reading system shows, is replaced by its
 * alt text, with a warning (the web page links absolute images instead; they
 * arrive here already as links).
 */
export async function bookImages(body: ElementContent[], articleDir: string, warn: (warning: EditionWarning) => void): Promise<ImageCount> {
  const found: { node: Element; index: number; parent: { children: ElementContent[] } }[] = [];
  visit({ type: 'root', children: body }, 'element', (node, index, parent) => {
    if (node.tagName === 'img' && parent && index !== undefined) found.push({ node, index, parent: parent as { children: ElementContent[] } });
  });
  const images: BookImage[] = [];
  const bySource = new Map<string, string>();
  let shown = 0;
  let withAlt = 0;
  for (const { node, index, parent } of found) {
    const src = String(node.properties?.src ?? '');
    const alt = String(node.properties?.alt ?? '').trim();
    const relative = src.split(/[?#]/u)[0]!;
    const type = CORE_IMAGES[path.extname(relative).toLowerCase()];
    const file = src && type ? await fileInside(articleDir, relative) : undefined;
    if (!file || !type) {
      const place = node.position;
      if (type) warn({ reason: `image "${src}" is not a file inside the article's folder; the EPUB shows its alt text instead`, ruleId: 'epub-image-missing', place });
      else warn({ reason: `image "${src}" is not of a type every reading system shows (PNG, JPEG, GIF, SVG); the EPUB shows its alt text instead`, ruleId: 'epub-image-type', place });
      // Replaced in place, so the other images' indexes stay right.
      parent.children[index] = { type: 'text', value: alt ? `[${alt}]` : '' };
      continue;
    }
    let href = bySource.get(file);
    if (!href) {
      href = `images/image-${bySource.size + 1}${path.extname(relative).toLowerCase()}`;
      bySource.set(file, href);
      images.push({ href, mediaType: type, data: await readFile(file) });
    }
    node.properties = { ...node.properties, src: href, alt };
    shown += 1;
    if (alt) withAlt += 1;
  }
  return { images, shown, withAlt };
}
