import type { Heading, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { metaOf } from './file-data.js';
import { cleanInlineWhitespace } from './whitespace.js';

export interface TitleOptions {
  /** Title to use when neither the source nor the tree has one (e.g. from the file name). */
  fallbackTitle: string;
}

/**
 * Make the tree start with exactly one depth-1 heading holding the title. A
 * leading h1 that matches (or supplies) the title is kept, with its formatting;
 * otherwise a heading is made from `meta.title`.
 */
export function titleHeading({ fallbackTitle }: TitleOptions) {
  return (tree: Root, file: VFile): void => {
    // Its `title` is read, and set when the source gave none.
    const meta = metaOf(file);
    const h1s = tree.children.filter((n): n is Heading => n.type === 'heading' && n.depth === 1);
    const wanted = meta.title ? comparable(meta.title) : undefined;
    const match = wanted === undefined ? h1s[0] : h1s.find((h) => comparable(toString(h)) === wanted);
    if (match) {
      if (!meta.title) meta.title = cleanInlineWhitespace(toString(match));
      tree.children.splice(tree.children.indexOf(match), 1);
      tree.children.unshift(match);
      return;
    }
    if (!meta.title) {
      meta.title = fallbackTitle;
      file.message(`no title found; using "${fallbackTitle}"`, { ruleId: 'title-missing', source: 'broadside' });
    }
    tree.children.unshift({ type: 'heading', depth: 1, children: [{ type: 'text', value: meta.title }] });
  };
}

function comparable(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u201A\u2039\u203A]/g, "'")
    .replace(/[\u201C\u201D\u201E\u00AB\u00BB]/g, '"')
    .replace(/(["'])\s+|\s+(["'])/g, '$1$2')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/**
 * Heading levels that never skip, under a single h1. Expects the title heading
 * first (see `titleHeading`). Every other h1 is demoted, and the headings under
 * it move down with it, so the document's outline keeps its shape; a skipped
 * level is closed up. Each change is reported. Empty headings are removed.
 */
export function headingLevels() {
  return (tree: Root, file: VFile): void => {
    const title = tree.children[0];
    // Each entry maps a source depth to the depth it was given.
    const open: { from: number; to: number }[] = [{ from: 0, to: 1 }];
    const empty: Heading[] = [];
    visit(tree, 'heading', (heading) => {
      if (heading === title) return;
      if (!toString(heading).trim()) {
        empty.push(heading);
        return;
      }
      const from = heading.depth;
      while (open.length > 1 && open[open.length - 1].from >= from) open.pop();
      const parent = open[open.length - 1];
      const to = Math.min(6, parent.to + 1) as Heading['depth'];
      open.push({ from, to });
      if (to === from) return;
      if (from === 1) {
        file.message(`second h1 "${short(heading)}" demoted to h${to}: the title is the only h1`, { place: heading.position, ruleId: 'single-h1', source: 'broadside' });
      } else if (to < from) {
        file.message(`heading level skipped: h${from} "${short(heading)}" after h${parent.to}; made h${to}`, { place: heading.position, ruleId: 'heading-increment', source: 'broadside' });
      }
      heading.depth = to;
    });
    for (const heading of empty) {
      file.message('empty heading removed', { place: heading.position, ruleId: 'empty-heading', source: 'broadside' });
      removeNode(tree, heading);
    }
  };
}

function short(heading: Heading): string {
  const text = toString(heading).trim();
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

function removeNode(tree: Root, target: Heading): void {
  visit(tree, (node, index, parent) => {
    if (node === target && parent && index !== undefined) {
      parent.children.splice(index, 1);
      return false;
    }
    return undefined;
  });
}
