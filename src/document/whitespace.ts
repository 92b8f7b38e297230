import type { Nodes, Root } from 'mdast';
import type { VFile } from 'vfile';
import { isBlock, textBlocks } from './text-runs.js';

export interface WhitespaceOptions {
  /**
   * Keep a lone no-break space where typography puts one on purpose: next to
   * a number ("10 km", "p. 5"), after a short abbreviation ("Mr. Smith") and
   * inside French guillemets or before « : ; ! ? ». Default true.
   */
  keepMeaningful?: boolean;
}

const NBSP = '\u00A0';
// A run of white space that holds a no-break space next to other white space.
const MIXED_RUN = /[ \t\n\u00A0]*\u00A0[ \t\n\u00A0]*/g;
// Zero-width characters pasted along with web text; they only get in the way of search and speech.
const INVISIBLE = /[\u200B\uFEFF\u2060]/g;

/**
 * Remove the stray no-break spaces that copying from a web page leaves behind:
 * at the ends of paragraphs and lines, doubled up with ordinary spaces, and
 * around words whose formatting was lost ("The\u00A0Salafi\u00A0group"). They
 * become ordinary spaces, or go at the edges of a block.
 */
export function normaliseWhitespace(options: WhitespaceOptions = {}) {
  const keepMeaningful = options.keepMeaningful ?? true;
  return (tree: Root, _file?: VFile): void => {
    for (const block of textBlocks(tree)) {
      block.forEach((item, i) => {
        let value = item.node.value.replace(INVISIBLE, '').replace(MIXED_RUN, (run, offset: number, whole: string) => {
          if (run === NBSP && keepMeaningful && meaningful(whole.slice(0, offset), whole.slice(offset + 1))) return run;
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

// A number on either side, an abbreviation such as "Mr." or "p." before, or French punctuation.
const MEANINGFUL_BEFORE = /(?:\p{N}|(?:^|[\s(])\p{L}{1,4}\.|[\u00AB\u2039\u00A7\u00B6])$/u;
const MEANINGFUL_AFTER = /^(?:\p{N}|[:;!?\u00BB\u203A%\u2030\u20AC$\u00A3])/u;

function meaningful(before: string, after: string): boolean {
  return MEANINGFUL_BEFORE.test(before) || MEANINGFUL_AFTER.test(after);
}

/** The same clean-up for one line of metadata (a title, an author). */
export function cleanInlineWhitespace(text: string): string {
  return text.replace(INVISIBLE, '').replace(/[\s\u00A0]+/g, ' ').trim();
}
