import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Element, Root } from 'hast';
import type { Position } from 'unist';
import { visit } from 'unist-util-visit';
import { writeFileAtomic } from '../../common/write.js';
import { fileInside } from '../../common/serve.js';

/**
 * Copy the local images the page shows (relative `src`, inside the article's
 * folder) next to the page, at the same relative path, so the page works
 * wherever the output folder is published. An image outside the article's
 * folder, or missing, is dropped from `src` with a warning: the alt text stays.
 */
export async function copyLocalImages(tree: Root, articleDir: string, outDir: string, warn: (message: string, place?: Position) => void): Promise<string[]> {
  const wanted = new Map<string, Element[]>();
  visit(tree, 'element', (node) => {
    if (node.tagName !== 'img') return;
    const src = String(node.properties?.src ?? '');
    if (!src || /^[a-z][a-z\d+.-]*:/iu.test(src) || src.startsWith('/') || src.startsWith('#')) return;
    const uses = wanted.get(src) ?? [];
    uses.push(node);
    wanted.set(src, uses);
  });
  const copied: string[] = [];
  for (const [src, uses] of wanted) {
    const relative = src.split(/[?#]/)[0];
    const file = await fileInside(articleDir, relative);
    const target = path.resolve(outDir, decodeURIComponent(relative));
    if (!file || !target.startsWith(path.resolve(outDir) + path.sep)) {
      // Told once, at the image's first use in the source.
      warn(`image "${src}" is not a file inside the article's folder; the page shows its alt text instead`, uses.find((node) => node.position)?.position);
      for (const node of uses) delete node.properties.src;
      continue;
    }
    await writeFileAtomic(target, await readFile(file));
    copied.push(path.relative(outDir, target));
  }
  return copied;
}
