import type { Nodes, Root, Text } from 'mdast';
import type { VFile } from 'vfile';
import { nowrapNode, placed } from './nodes.js';
import { slicePosition, textSlice } from './slices.js';
import type { Nowrap } from './nodes.js';
import { addressRanges, insideAny, replaceChild, textBlocks } from './text-runs.js';

export interface AcronymOptions {
  /** Longest hyphenated word kept on one line, in characters. Default 20. */
  maxLength?: number;
}

const HYPHENATED = /(?<![\p{L}\p{N}-])[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)+(?![\p{L}\p{N}]|-[\p{L}\p{N}])/gu;
// A part written in capitals ("IS", "K", "COVID") or digits ("19") makes the word an acronym compound.
const ACRONYM_PART = /^(?:\p{Lu}+|\p{N}+)$/u;

/**
 * Keep hyphenated acronyms ("IS-K", "COVID-19", "F-16", "anti-US") on one
 * line by wrapping them in a `nowrap` node (rendered `<span class="nowrap">`).
 * A browser would otherwise break after the hyphen and strand "IS-" at a line
 * end. The text itself is not changed: no no-break hyphen is substituted, so
 * the words in the PDF's text layer and the narration stay the article's words.
 */
export function keepAcronymsTogether(options: AcronymOptions = {}) {
  const maxLength = options.maxLength ?? 20;
  return (tree: Root, _file?: VFile): void => {
    const skip = (node: Nodes) => node.type === 'nowrap';
    for (const block of textBlocks(tree, { skip })) {
      for (const { node, parent } of block) {
        const parts = splitOnAcronyms(node, maxLength);
        if (parts.length === 1 && parts[0].type === 'text') continue;
        replaceChild(parent, node, parts);
      }
    }
  };
}

function splitOnAcronyms(node: Text, maxLength: number): (Text | Nowrap)[] {
  const { value } = node;
  const out: (Text | Nowrap)[] = [];
  const addresses = addressRanges(value);
  let last = 0;
  for (const match of value.matchAll(HYPHENATED)) {
    const word = match[0];
    if (word.length > maxLength || !word.split('-').some((part) => ACRONYM_PART.test(part) && /\p{Lu}/u.test(part))) continue;
    const start = match.index ?? 0;
    if (insideAny(addresses, start, start + word.length)) continue;
    if (start > last) out.push(textSlice(node, last, start));
    out.push(placed(nowrapNode(word), slicePosition(node, start, start + word.length)));
    last = start + word.length;
  }
  if (last < value.length) out.push(textSlice(node, last, value.length));
  return out.length ? out : [node];
}
