import type { Element, ElementContent, Root, Text } from 'hast';

/**
 * Chromium paints no glyph for the space at a line break, so in the PDF the
 * last word of one line and the first of the next touch, and every reader
 * that joins the tags' text (Poppler's structure text, reflow, PDF-to-EPUB)
 * runs them together: "the warends". With `white-space: pre-wrap` (print.css)
 * the space is kept: it hangs in the margin, invisible, and is drawn as a
 * real space glyph inside the paragraph's marked content (before a `<br>` one
 * is added). The line breaks do
 * not move, provided the text holds no more white space than CSS's collapsing
 * would leave: this does that collapsing in the tree, the way the browser
 * does it for `white-space: normal`.
 *
 * Soft hyphens go too: a word broken at one gets a hyphen drawn by the
 * layout, which tag readers take as part of the word ("consid-eration").
 */
export function collapseSpaces(tree: Root): void {
  for (const node of tree.children) if (node.type === 'element') block(node);
}

// Elements laid out inline: their text joins their neighbours' in one line box.
const INLINE = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'i', 'ins', 'kbd', 'mark', 'q', 's', 'samp',
  'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var', 'label', 'img', 'svg', 'math', 'picture', 'br', 'wbr',
]);
// Inline, but a box of their own: no text of theirs to collapse, and they end a run of spaces.
const ATOMIC = new Set(['img', 'svg', 'math', 'picture', 'video', 'audio', 'canvas']);
// Left alone: white space is their content, or they are not laid out.
const UNTOUCHED = new Set(['pre', 'textarea', 'style', 'script', 'title', 'head', 'template']);

interface Run {
  /** No text yet on this line, so a leading space would be kept as an indent. */
  atStart: boolean;
  /** The text node that holds the last character, to trim a space at the end of the block. */
  last?: Text;
}

/** A block: its inline content is one run; each block inside it starts another. */
function block(element: Element): void {
  if (element.tagName === 'pre') return preformatted(element);
  if (UNTOUCHED.has(element.tagName)) return;
  const run: Run = { atStart: true };
  inline(element, run);
  trimEnd(run);
}

function inline(parent: Element, run: Run): void {
  const kept: ElementContent[] = [];
  for (const child of spacesOutOfNowrap(parent.children)) {
    if (child.type === 'text') {
      if (text(child, run)) kept.push(child);
      continue;
    }
    kept.push(child);
    if (child.type !== 'element') continue;
    if (!INLINE.has(child.tagName)) {
      // A block ends the line before it and starts a new one after it.
      trimEnd(run);
      block(child);
      run.atStart = true;
      run.last = undefined;
    } else if (child.tagName === 'br') {
      // The forced break draws nothing either: a space before it hangs at the line end, so the words stay two.
      // It joins the text before it: Paged.js drops a text node of white space alone on a continued page.
      if (run.last && !run.last.value.endsWith(' ')) run.last.value += ' ';
      run.atStart = true;
      run.last = undefined;
    } else if (ATOMIC.has(child.tagName)) {
      run.atStart = false;
      run.last = undefined;
    } else if (!UNTOUCHED.has(child.tagName)) {
      inline(child, run);
    }
  }
  parent.children = kept;
}

/** Collapse one text node in its run; false when nothing is left of it. */
function text(node: Text, run: Run): boolean {
  let value = node.value.replace(/\u00ad/g, '').replace(/[ \t\n\r\f]+/g, ' ');
  const previousEndsInSpace = run.last?.value.endsWith(' ') ?? false;
  if (run.atStart || previousEndsInSpace) value = value.replace(/^ /, '');
  node.value = value;
  if (!value) return false;
  run.atStart = false;
  run.last = node;
  return true;
}

/**
 * A line break in preformatted text is drawn as nothing either: each line
 * gets a space before its break, which hangs, unseen, and keeps
 * `f();` and `g();` on two lines two words for tag readers.
 */
function preformatted(element: Element): void {
  for (const child of element.children) {
    if (child.type === 'text') child.value = child.value.replace(/(?<=[^\s])\n/g, ' \n');
    else if (child.type === 'element') preformatted(child);
  }
}

function trimEnd(run: Run): void {
  if (run.last) run.last.value = run.last.value.replace(/ $/, '');
}

const isNowrap = (node: ElementContent): node is Element =>
  node.type === 'element' && (node.tagName === 'abbr' || ((node.properties?.className as string[] | undefined) ?? []).includes('nowrap'));

/**
 * A space at the edge of a `white-space: nowrap` element is not a place the
 * line may break after, and at a line start it is dropped: the break space
 * belongs outside, in the text that wraps.
 */
function spacesOutOfNowrap(children: ElementContent[]): ElementContent[] {
  const out: ElementContent[] = [];
  for (const child of children) {
    if (!isNowrap(child)) {
      out.push(child);
      continue;
    }
    const first = child.children[0];
    const last = child.children[child.children.length - 1];
    const leading = first?.type === 'text' && /^\s/.test(first.value);
    const trailing = last?.type === 'text' && /\s$/.test(last.value);
    if (leading) first.value = first.value.replace(/^\s+/, '');
    if (trailing) last.value = last.value.replace(/\s+$/, '');
    if (leading) out.push({ type: 'text', value: ' ' });
    out.push(child);
    if (trailing) out.push({ type: 'text', value: ' ' });
  }
  return out;
}
