import type { Heading, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { VFile } from 'vfile';
import './types.js';
import type { ArticleDocument, ArticleMetadata, InputKind, ReaderResult } from './types.js';
import { ABOUT_ID } from './types.js';
import { markSentences } from './sentences.js';

export interface NormaliseInput {
  source: string;
  name: string;
  kind: InputKind;
  file: VFile;
  read: ReaderResult;
}

const WORDS_PER_MINUTE = 230;

/**
 * Shared normalisation: every reader's result goes through here, so that all
 * editions see the same tree and metadata.
 */
export function normaliseDocument({ source, name, kind, file, read }: NormaliseInput): ArticleDocument {
  const tree: Root = read.tree;
  const meta: ArticleMetadata = {
    title: read.meta.title ?? '',
    authors: read.meta.authors ?? [],
    date: read.meta.date ?? null,
    lang: read.meta.lang ?? 'en',
    dir: read.meta.dir ?? 'ltr',
    description: read.meta.description ?? '',
    keywords: read.meta.keywords ?? [],
  };
  ensureTitleHeading(tree, meta);
  if (read.about?.length) {
    const heading: Heading = { type: 'heading', depth: 2, children: [{ type: 'text', value: 'About the authors' }] };
    tree.children.push(heading, ...read.about);
  }
  assignHeadingIds(tree);
  markSentences({ lang: meta.lang })(tree);
  const wordCount = countWords(toString(tree));
  return {
    source,
    name,
    kind,
    tree,
    meta,
    lexicon: [],
    wordCount,
    readingMinutes: Math.max(1, Math.round(wordCount / WORDS_PER_MINUTE)),
    file,
  };
}

function ensureTitleHeading(tree: Root, meta: ArticleMetadata): void {
  const first = tree.children[0];
  if (first?.type === 'heading' && first.depth === 1) {
    if (!meta.title) meta.title = toString(first);
    return;
  }
  if (!meta.title) meta.title = 'Untitled';
  tree.children.unshift({ type: 'heading', depth: 1, children: [{ type: 'text', value: meta.title }] });
}

export function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '') || 'section'
  );
}

function assignHeadingIds(tree: Root): void {
  const used = new Set<string>();
  for (const node of tree.children) {
    if (node.type !== 'heading') continue;
    const text = toString(node);
    let id = text === 'About the authors' && node.depth === 2 ? ABOUT_ID : slug(text);
    for (let n = 2; used.has(id); n++) id = `${slug(text)}-${n}`;
    used.add(id);
    node.data = { ...node.data, hProperties: { ...(node.data?.hProperties ?? {}), id } };
  }
}

export function countWords(text: string): number {
  return text.split(/\s+/u).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}
