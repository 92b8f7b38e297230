import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { VFile } from 'vfile';
import { metaOf } from './file-data.js';
import { cleanInlineWhitespace } from './whitespace.js';

export interface DescriptionOptions {
  /** Longest description, in characters. Default 160, what search results show. */
  maxLength?: number;
}

/** When the source gives no description, use the first body paragraph, shortened on a word boundary. */
export function describe({ maxLength = 160 }: DescriptionOptions = {}) {
  return (tree: Root, file: VFile): void => {
    const meta = metaOf(file);
    if (meta.description) {
      meta.description = shorten(cleanInlineWhitespace(meta.description), Math.max(maxLength, 300));
      return;
    }
    const paragraph = tree.children.find((node) => node.type === 'paragraph' && toString(node).trim().length > 0);
    meta.description = paragraph ? shorten(cleanInlineWhitespace(toString(paragraph)), maxLength) : '';
  };
}

/**
 * `text` cut to at most `maxLength` characters: at the end of a sentence when
 * one ends in the second half, otherwise at a word boundary with an ellipsis.
 */
export function shorten(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  const cut = text.slice(0, maxLength);
  const sentenceEnds = [...cut.matchAll(/[.!?]["\u201D\u2019)]?(?=\s)/gu)].map((m) => (m.index ?? 0) + m[0].length);
  const lastSentence = sentenceEnds[sentenceEnds.length - 1];
  if (lastSentence && lastSentence >= maxLength / 2) return cut.slice(0, lastSentence);
  const space = cut.lastIndexOf(' ', maxLength - 1);
  const head = (space > maxLength / 2 ? cut.slice(0, space) : cut.slice(0, maxLength - 1)).replace(/[\s,;:\u2013\u2014-]+$/u, '');
  return `${head}\u2026`;
}
