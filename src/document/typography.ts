import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { metaOf } from './file-data.js';
import { wordsFor, wordTable } from './words.js';
import { ADDRESSES, textBlocks } from './text-runs.js';

export interface TypographyOptions {
  /** Turn straight quotes into curly ones. Default true. */
  quotes?: boolean;
  /** Turn `--`, `---` and spaced hyphens into dashes. Default true. */
  dashes?: boolean;
  /** Turn `...` into an ellipsis. Default true. */
  ellipses?: boolean;
  /** BCP 47 language of the text; picks its quotation marks („…“ in German, « … » in French). Default English “…”. */
  lang?: string;
}

/** Opening and closing double, then single, quotation marks. */
type QuoteMarks = [string, string, string, string];
export function quoteMarks(lang = 'en'): QuoteMarks {
  const style = wordsFor<string>('quotes', lang);
  return wordTable<QuoteMarks>('quote-styles')[style]!;
}

// After these a quote opens; after anything else it closes.
const OPENING_CONTEXT = /^$|[\s([{\u2018\u201C\u201A\u201E\u00AB\u2039\u2014\u2013/-]/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * Typographic quotes, dashes and ellipses in prose. Code of every kind is left
 * alone. Quotes are paired across inline formatting within a block, so
 * `"*word*"` gets an opening and a closing quote.
 */
export function typography(options: TypographyOptions = {}) {
  return (tree: Root, file?: VFile): void => {
    // Quotation marks depend on the language, which an earlier step may only just have found.
    const settings = { ...options, lang: options.lang ?? file?.data.meta?.lang };
    for (const block of textBlocks(tree)) {
      for (const item of block) item.node.value = smarten(item.node.value, item.before, settings);
    }
  };
}

/** The metadata's text gets the same punctuation as the tree's, so the h1 and the <title> agree. */
export function smartenMetadata() {
  return (_tree: Root, file: VFile): void => {
    const meta = metaOf(file);
    const options = { lang: meta.lang };
    meta.title = smarten(meta.title, '', options);
    meta.authors = meta.authors.map((author) => smarten(author, '', options));
    meta.description = smarten(meta.description, '', options);
  };
}

/**
 * Typographic punctuation for one piece of text; `before` is the character
 * that precedes it, which decides whether a leading quote opens or closes.
 */
export function smarten(text: string, before = '', options: TypographyOptions = {}): string {
  // Addresses are code of a kind: "a--b" in a URL must stay two hyphens.
  if (!/[@.]/.test(text)) return smartenProse(text, before, options);
  let out = '';
  let last = 0;
  for (const match of text.matchAll(ADDRESSES())) {
    const start = match.index ?? 0;
    out += smartenProse(text.slice(last, start), last === 0 ? before : text[last - 1], options) + match[0];
    last = start + match[0].length;
  }
  return out + smartenProse(text.slice(last), last === 0 ? before : text[last - 1], options);
}


function smartenProse(text: string, before: string, options: TypographyOptions): string {
  let out = text;
  if (options.dashes ?? true) out = dashes(out);
  if (options.ellipses ?? true) out = out.replace(/(?<!\.)\.\.\.(?!\.)/g, '\u2026');
  if (options.quotes ?? true) out = quotes(out, before, quoteMarks(options.lang));
  return out;
}

function dashes(text: string): string {
  return text
    .replace(/---/g, '\u2014')
    .replace(/(\d)--(?=\d)/g, '$1\u2013')
    .replace(/--/g, '\u2014')
    .replace(/(?<=\S) - (?=\S)/g, ' \u2013 ');
}

function quotes(text: string, before: string, [openDouble, closeDouble, openSingle, closeSingle]: QuoteMarks): string {
  if (!text.includes('"') && !text.includes("'")) return text;
  let out = '';
  let prev = before;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    const next = text[i + 1] ?? '';
    let replacement = char;
    if (char === '"') {
      replacement = OPENING_CONTEXT.test(prev) ? openDouble : closeDouble;
    } else if (char === "'") {
      // Apostrophes are the same in every language: it’s, ’90s.
      if (WORD_CHAR.test(prev) && WORD_CHAR.test(next)) replacement = '\u2019';
      else if (OPENING_CONTEXT.test(prev) && /^\d\ds?\b/.test(text.slice(i + 1))) replacement = '\u2019';
      else replacement = OPENING_CONTEXT.test(prev) ? openSingle : closeSingle;
    }
    out += replacement;
    prev = char;
  }
  return out;
}
