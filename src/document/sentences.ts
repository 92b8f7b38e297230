import type { Data, Heading, Nodes, Parent, PhrasingContent, Root, RootContent, TableCell, Paragraph } from 'mdast';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { asRead, readLength, readText } from './read-text.js';
import { spanOf, textSlice } from './slices.js';

/**
 * One sentence of displayed text. It renders as `<span class="s" id="s-N">`,
 * and the narration's caption cue for it carries the same id, so the page can
 * highlight what is being spoken.
 */
export interface Sentence extends Parent {
  type: 'sentence';
  children: PhrasingContent[];
  data?: Data & { hName: 'span'; hProperties: { className: string[]; id: string } };
}

declare module 'mdast' {
  interface PhrasingContentMap {
    sentence: Sentence;
  }
  interface RootContentMap {
    sentence: Sentence;
  }
}

export interface SentenceOptions {
  /** Prefix of the sentence ids. Default `s-`, giving `s-1`, `s-2`, … in document order. */
  idPrefix?: string;
  /** BCP 47 language of the text, for the sentence rules. Default `en`. */
  lang?: string;
}

/** Abbreviations after which a full stop never ends a sentence (lower case, without the final dot). */
const NEVER_FINAL = new Set(['mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'jr', 'sr', 'gen', 'col', 'lt', 'sgt', 'capt', 'gov', 'sen', 'rep', 'e.g', 'i.e', 'vs', 'cf', 'no', 'fig', 'approx', 'mt', 'ft', 'vol', 'ch', 'pp', 'p']);
/** Words that commonly open a sentence, so an initialism ("U.S.") before them does end one. */
const SENTENCE_OPENERS = new Set(['it', 'the', 'he', 'she', 'they', 'we', 'i', 'this', 'that', 'these', 'those', 'but', 'and', 'in', 'on', 'a', 'an', 'there', 'its', 'his', 'her', 'their', 'our', 'yet', 'so', 'however', 'meanwhile', 'after', 'since', 'when', 'while', 'if', 'as', 'what', 'why', 'how', 'who']);

const segmenters = new Map<string, Intl.Segmenter>();
function segmenterFor(lang: string): Intl.Segmenter {
  let segmenter = segmenters.get(lang);
  if (!segmenter) {
    try {
      segmenter = new Intl.Segmenter(lang, { granularity: 'sentence' });
    } catch {
      segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
    }
    segmenters.set(lang, segmenter);
  }
  return segmenter;
}

/**
 * Sentence ranges `[start, end)` of a text, whitespace trimmed. ICU's sentence
 * rules end a sentence after any "Mr." or "U.S."; those splits are undone here.
 */
export function sentenceRanges(text: string, lang = 'en'): [number, number][] {
  // Split on the text as read: a line break in the source (hard-wrapped Markdown) is a space, not a sentence end.
  text = asRead(text);
  const raw: [number, number][] = [];
  for (const { index, segment } of segmenterFor(lang).segment(text)) raw.push([index, index + segment.length]);
  const merged: [number, number][] = [];
  for (const range of raw) {
    const previous = merged[merged.length - 1];
    if (previous && !endsSentence(text.slice(previous[0], previous[1]), text.slice(range[0], range[1]))) previous[1] = range[1];
    else merged.push([...range]);
  }
  return merged
    .map(([start, end]): [number, number] => {
      while (start < end && /\s/u.test(text[start]!)) start++;
      while (end > start && /\s/u.test(text[end - 1]!)) end--;
      return [start, end];
    })
    .filter(([start, end]) => end > start);
}

function endsSentence(previous: string, next: string): boolean {
  const trimmed = previous.trimEnd();
  if (!trimmed.endsWith('.')) return true;
  const firstWord = /^[\s"'“‘(]*([\p{L}\p{N}]+)/u.exec(next)?.[1] ?? '';
  if (!firstWord) return true;
  if (/^[\p{Ll}\p{N}]/u.test(firstWord)) return false;
  const lastToken = /(\S+)\.$/u.exec(trimmed)?.[1] ?? '';
  const bare = lastToken.replace(/^[("'“‘]+/u, '');
  if (NEVER_FINAL.has(bare.toLowerCase())) return false;
  // An initialism such as "U.S." or "U.K.": mid-sentence unless a usual sentence opener follows.
  if (/^(\p{Lu}\.)+\p{Lu}$/u.test(bare) || /^\p{Lu}$/u.test(bare)) return SENTENCE_OPENERS.has(firstWord.toLowerCase());
  return true;
}

/** Formatting that may be cut in two when a sentence ends inside it. */
const SPLITTABLE = new Set(['emphasis', 'strong', 'delete']);

interface Span {
  start: number;
  end: number;
}

/** Text offsets of the inline nodes that must stay whole (links, abbreviations, code, …). */
function wholeSpans(children: PhrasingContent[], offset: number, spans: Span[]): number {
  for (const child of children) {
    if (child.type === 'text') {
      offset += child.value.length;
    } else if (SPLITTABLE.has(child.type) && 'children' in child) {
      offset = wholeSpans(child.children as PhrasingContent[], offset, spans);
    } else {
      const length = readLength(child as Nodes);
      // A hard line break reads as a space: a sentence may end at it, so it is not kept whole.
      if (length && child.type !== 'break') spans.push({ start: offset, end: offset + length });
      offset += length;
    }
  }
  return offset;
}

/** Widens and merges sentences so that none cuts through a node that must stay whole. */
function respectWholeNodes(ranges: [number, number][], spans: Span[]): [number, number][] {
  const result: [number, number][] = [];
  for (const [start, end] of ranges) {
    let s = start;
    let e = end;
    for (const span of spans) {
      if (span.start < e && span.end > s) {
        s = Math.min(s, span.start);
        e = Math.max(e, span.end);
      }
    }
    const previous = result[result.length - 1];
    if (previous && s < previous[1]) previous[1] = Math.max(previous[1], e);
    else result.push([s, e]);
  }
  return result;
}

/** The part of an inline node list that covers text offsets `[from, to)`; formatting nodes are cloned. */
function slice(children: PhrasingContent[], from: number, to: number, isLast: boolean): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  let offset = 0;
  const walk = (nodes: PhrasingContent[], sink: PhrasingContent[]) => {
    for (const node of nodes) {
      const start = offset;
      if (node.type === 'text') {
        offset += node.value.length;
        const a = Math.max(start, from);
        const b = Math.min(offset, to);
        if (b > a) sink.push(textSlice(node, a - start, b - start));
      } else if (SPLITTABLE.has(node.type) && 'children' in node) {
        const inner: PhrasingContent[] = [];
        walk(node.children as PhrasingContent[], inner);
        // Cut in two by a sentence's end, each half spans its own pieces; a node kept whole keeps its place.
        const whole = start >= from && offset <= to;
        const { position: _cut, ...rest } = node;
        const position = whole ? node.position : spanOf(inner);
        if (inner.length) sink.push({ ...rest, children: inner, ...(position ? { position } : {}) } as PhrasingContent);
      } else {
        offset += readLength(node as Nodes);
        const inside = start === offset ? start >= from && (start < to || (isLast && start === to)) : start >= from && offset <= to;
        if (inside) sink.push(node);
      }
    }
  };
  walk(children, out);
  return out;
}

type Block = Paragraph | Heading | TableCell;

function markBlock(block: Block, lang: string, nextId: () => string): void {
  const text = readText(block);
  const spans: Span[] = [];
  const length = wholeSpans(block.children, 0, spans);
  if (length !== text.length) return; // Unknown inline content: leave the block untouched rather than misplace text.
  const ranges = respectWholeNodes(sentenceRanges(text, lang), spans);
  if (!ranges.length) return;
  const children: PhrasingContent[] = [];
  let cursor = 0;
  ranges.forEach(([start, end], index) => {
    children.push(...slice(block.children, cursor, start, false));
    const inner = slice(block.children, start, end, false);
    const position = spanOf(inner);
    const sentence: Sentence = {
      type: 'sentence',
      children: inner,
      data: { hName: 'span', hProperties: { className: ['s'], id: nextId() } },
      ...(position ? { position } : {}),
    };
    children.push(sentence);
    cursor = end;
    if (index === ranges.length - 1) children.push(...slice(block.children, cursor, length, true));
  });
  block.children = children;
}

/**
 * Wraps every sentence of every paragraph, heading (except the title), list
 * item paragraph and table cell in a `sentence` node with a stable id.
 * Sentences that cross a link or another node that must stay whole are merged
 * around it; emphasis and strong are split, each half staying formatted.
 */
export function markSentences(options: SentenceOptions = {}) {
  const prefix = options.idPrefix ?? 's-';
  return (tree: Root, file?: VFile): void => {
    const lang = options.lang ?? file?.data.meta?.lang ?? 'en';
    let count = 0;
    const nextId = () => `${prefix}${++count}`;
    visit(tree, (node) => {
      const n = node as RootContent;
      if (n.type === 'heading' && n.depth === 1) return SKIP;
      if (n.type === 'paragraph' || n.type === 'heading' || n.type === 'tableCell') {
        markBlock(n, lang, nextId);
        return SKIP;
      }
      if (n.type === 'code' || n.type === 'html') return SKIP;
      return undefined;
    });
  };
}

/** Every sentence node of a tree, in document order. */
export function sentencesOf(tree: Parent): Sentence[] {
  const found: Sentence[] = [];
  visit(tree as Root, 'sentence', (node) => {
    found.push(node as Sentence);
    return SKIP;
  });
  return found;
}

export function sentenceId(sentence: Sentence): string {
  return sentence.data?.hProperties.id ?? '';
}
