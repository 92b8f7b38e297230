import type { Nodes, Root } from 'mdast';
import type { VFile } from 'vfile';
import { isBlock, textBlocks } from './text-runs.js';

export interface WhitespaceOptions {
  /**
   * Keep a single no-break space between two non-space characters ("10 km",
   * "Mr. Smith"), where it is most likely meant. Default true.
   */
  keepSingleNoBreakSpaces?: boolean;
}

const NBSP = '\u00A0';
// A run of white space that holds a no-break space next to other white space.
const MIXED_RUN = /[ \t\n\u00A0]*\u00A0[ \t\n\u00A0]*/g;
// Zero-width characters pasted along with web text; they only get in the way of search and speech.
const INVISIBLE = /[\u200B\uFEFF\u2060]/g;

/**
 * Remove the stray no-break spaces that copying from a web page leaves behind:
 * at the ends of paragraphs and lines, and doubled up with ordinary spaces
 * around words. A lone no-break space between two words is kept.
 */
export function normaliseWhitespace(options: WhitespaceOptions = {}) {
  const keepSingle = options.keepSingleNoBreakSpaces ?? true;
  return (tree: Root, _file?: VFile): void => {
    for (const block of textBlocks(tree)) {
      block.forEach((item, i) => {
        let value = item.node.value.replace(INVISIBLE, '').replace(MIXED_RUN, (run) => {
          if (run === NBSP && keepSingle) return run;
          return run.includes('\n') ? '\n' : ' ';
        });
        const siblings = item.parent.children;
        if (i === 0 && item.before === '' && siblings[0] === item.node) value = value.replace(/^[\s\u00A0]+/, '');
        if (i === block.length - 1 && isBlock(item.parent as Nodes) && siblings[siblings.length - 1] === item.node) {
          value = value.replace(/[\s\u00A0]+$/, '');
        }
        item.node.value = value;
      });
    }
  };
}

/** The same clean-up for one line of metadata (a title, an author). */
export function cleanInlineWhitespace(text: string): string {
  return text.replace(INVISIBLE, '').replace(/[\s\u00A0]+/g, ' ').trim();
}
