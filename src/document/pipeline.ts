import type { Heading, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { unified } from 'unified';
import type { VFile } from 'vfile';
import { metaOf } from './file-data.js';
import type { ArticleDocument, ArticleMetadata, InputKind, Lexicon, ReaderResult } from './types.js';
import { ABOUT_ID } from './types.js';
import { aboutHeading, wordAbout } from './about.js';
import { keepAcronymsTogether } from './acronyms.js';
import { describe } from './description.js';
import { headingLevels, titleHeading } from './headings.js';
import { checkImageAlt, imageIds } from './images.js';
import { unlinkLocalTargets } from './links.js';
import { detectLanguage } from './language.js';
import { loadLexicon, markAbbreviations } from './lexicon.js';
import { smartenMetadata, typography } from './typography.js';
import { cleanInlineWhitespace, normaliseWhitespace } from './whitespace.js';
import { markSentences } from './sentences.js';
import { promoteHeaderRows } from './tables.js';

export interface NormaliseInput {
  source: string;
  name: string;
  kind: InputKind;
  file: VFile;
  read: ReaderResult;
  /**
   * The lexicon to use instead of loading one for `source` (the default plus
   * `lexicon.yaml` / `<name>.lexicon.yaml` next to the article).
   */
  lexicon?: Lexicon;
  /** Extra lexicon files applied over the default and under the article's own (e.g. from a config file). */
  lexiconFiles?: string[];
}

const WORDS_PER_MINUTE = 230;

/**
 * The shared normalisation, as one unified processor: every reader's result
 * goes through it, so that all editions see the same tree and metadata (on
 * `file.data.meta`). The order matters: white space first (language
 * detection and quote pairing read clean text), language before typography
 * (quotation marks differ by language), titles and levels before
 * abbreviations (first use skips headings), heading ids before sentences.
 */
function documentSteps(read: ReaderResult, name: string, lexicon: Lexicon, about: Heading | undefined) {
  return unified()
    .use(normaliseWhitespace)
    .use(detectLanguage, { stated: { lang: Boolean(read.meta.lang), dir: Boolean(read.meta.dir) } })
    .use(typography)
    .use(smartenMetadata)
    .use(titleHeading, { fallbackTitle: titleFromName(name) })
    .use(headingLevels)
    .use(unlinkLocalTargets)
    .use(promoteHeaderRows)
    .use(checkImageAlt)
    .use(keepAcronymsTogether)
    .use(markAbbreviations, { lexicon })
    .use(describe)
    .use(wordAbout, { heading: about })
    .use(headingIds, { fixed: about })
    .use(markSentences)
    .use(imageIds);
}

export function normaliseDocument({ source, name, kind, file, read, lexicon, lexiconFiles = [] }: NormaliseInput): ArticleDocument {
  file.data.meta = completeMeta(read.meta);
  const lexiconInForce = lexicon ?? loadLexicon(source, { extraFiles: lexiconFiles });
  const about = read.about?.length ? aboutHeading() : undefined;
  if (about) read.tree.children.push(about, ...(read.about ?? []));
  const tree = documentSteps(read, name, lexiconInForce, about).runSync(read.tree, file) as Root;
  const wordCount = countWords(toString(tree));
  return {
    source,
    name,
    kind,
    tree,
    meta: metaOf(file),
    lexicon: lexiconInForce,
    wordCount,
    readingMinutes: Math.max(1, Math.round(wordCount / WORDS_PER_MINUTE)),
    file,
  };
}

function completeMeta(given: Partial<ArticleMetadata>): ArticleMetadata {
  const line = (text: string | undefined) => cleanInlineWhitespace(text ?? '');
  return {
    title: line(given.title),
    authors: (given.authors ?? []).map(line).filter(Boolean),
    date: given.date ?? null,
    lang: given.lang ?? '',
    dir: given.dir ?? 'ltr',
    description: line(given.description),
    keywords: given.keywords ?? [],
  };
}

/** "my-first_post" → "My first post", for an article with no title anywhere. */
function titleFromName(name: string): string {
  const words = name.replace(/[-_]+/g, ' ').trim();
  return words ? words[0].toUpperCase() + words.slice(1) : 'Untitled';
}

export function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      // Marks stay: they are part of the word in Arabic, Hebrew and Indic scripts.
      .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '') || 'section'
  );
}

/** Ids for every heading: one the source or the pipeline gave is kept when unique, else a slug. */
export function headingIds({ fixed }: { fixed?: Heading } = {}) {
  return (tree: Root): void => assignHeadingIds(tree, fixed);
}

function assignHeadingIds(tree: Root, about?: Heading): void {
  // The bio's id is fixed; a body heading that would slug to it yields.
  const used = new Set<string>(about ? [ABOUT_ID] : []);
  // Headings inside containers (a dir wrapper, an aside) get ids too.
  const headings: Heading[] = [];
  visit(tree, 'heading', (node) => {
    headings.push(node);
  });
  for (const node of headings) {
    if (node === about) continue;
    const given = node.data?.hProperties?.id;
    const base = typeof given === 'string' && given ? given : slug(toString(node));
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    node.data = { ...node.data, hProperties: { ...(node.data?.hProperties ?? {}), id } };
  }
}

export function countWords(text: string): number {
  return text.split(/\s+/u).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}
