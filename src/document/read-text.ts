import type { Nodes, Parent } from 'mdast';

/**
 * Line breaks in the source: the ends of hard-wrapped lines (Markdown's soft
 * breaks, a saved page's wrapped markup), and the separators pasted from word
 * processors. Read aloud or on screen they are spaces; to ICU's sentence
 * rules each is the end of a paragraph, and so of a sentence.
 */
const SOURCE_LINE_BREAK = /[\n\r\v\f\u0085\u2028\u2029]/gu;

/** The same text with every source line break read as a space; the length, and so every offset, is unchanged. */
export function asRead(text: string): string {
  return text.replace(SOURCE_LINE_BREAK, ' ');
}

/**
 * A node's text as a reader meets it: like mdast-util-to-string without image
 * alt text (not displayed), except that a hard line break (`break`, from
 * `<br>` or a Markdown line ending in two spaces) reads as one space instead
 * of nothing, so that the words on either side stay apart, and source line
 * breaks read as spaces. Offsets into it match `readLength`.
 */
export function readText(node: Nodes | Parent): string {
  if (node.type === 'break') return ' ';
  if (node.type === 'image' || node.type === 'imageReference') return '';
  if ('value' in node && typeof node.value === 'string') return asRead(node.value);
  if ('children' in node) return (node.children as Nodes[]).map(readText).join('');
  return '';
}

/** The length of `readText(node)`. */
export function readLength(node: Nodes | Parent): number {
  return readText(node).length;
}

/** A node's text as spoken or captioned: `readText`, with runs of white space as one space. */
export function spokenText(node: Nodes | Parent): string {
  return readText(node).replace(/\s+/gu, ' ').trim();
}
