import { readFileSync } from 'node:fs';
import type { Nodes, Root, Text } from 'mdast';
import type { VFile } from 'vfile';
import { parse } from 'yaml';
import { InputError } from '../common/errors.js';
import { DEFAULT_LEXICON_PATH, articleLexiconFiles } from './lexicon-files.js';
import { abbrNode, placed } from './nodes.js';
import { slicePosition, textSlice } from './slices.js';
import type { Abbr } from './nodes.js';
import { addressRanges, insideAny, replaceChild, textBlocks } from './text-runs.js';
import type { Lexicon, LexiconEntry } from './types.js';

export { DEFAULT_LEXICON_PATH, articleLexiconFiles } from './lexicon-files.js';

let defaultLexicon: Lexicon | undefined;

/**
 * The lexicon in force for an article: the default, then any `extraFiles`
 * (e.g. from a config file), then `lexicon.yaml` in the article's folder, then
 * `<name>.lexicon.yaml` next to it. A later entry replaces an earlier one with
 * the same term.
 */
export function loadLexicon(source: string, options: { defaultPath?: string; extraFiles?: string[] } = {}): Lexicon {
  const base = options.defaultPath ? readLexiconFile(options.defaultPath) : (defaultLexicon ??= readLexiconFile(DEFAULT_LEXICON_PATH));
  const layers = [...(options.extraFiles ?? []), ...articleLexiconFiles(source)].map(readLexiconFile);
  return mergeLexicons(base, ...layers);
}

export function mergeLexicons(...layers: Lexicon[]): Lexicon {
  const byTerm = new Map<string, LexiconEntry>();
  for (const layer of layers) for (const entry of layer) byTerm.set(entry.term, entry);
  return [...byTerm.values()];
}

/** Read and check one lexicon file; a malformed one is an error naming the file and the entry. */
export function readLexiconFile(file: string): Lexicon {
  let data: unknown;
  try {
    data = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InputError(file, `lexicon is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  return parseLexicon(data, file);
}

export function parseLexicon(data: unknown, file: string): Lexicon {
  if (data === null || data === undefined) return [];
  if (!Array.isArray(data)) throw new InputError(file, 'lexicon must be a YAML list of { term, expansion, say } entries');
  return data.map((raw, i) => {
    const where = `lexicon entry ${i + 1}`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new InputError(file, `${where} is not a mapping`);
    const { term, expansion, say, ...rest } = raw as Record<string, unknown>;
    const unknown = Object.keys(rest);
    if (unknown.length) throw new InputError(file, `${where} has unknown field(s) ${unknown.join(', ')}; expected term, expansion, say`);
    if (typeof term !== 'string' || !term.trim()) throw new InputError(file, `${where} needs a non-empty "term"`);
    for (const [key, value] of Object.entries({ expansion, say })) {
      if (value !== undefined && value !== null && typeof value !== 'string') throw new InputError(file, `${where} ("${term}"): "${key}" must be text`);
    }
    const entry: LexiconEntry = { term: term.trim() };
    if (typeof expansion === 'string' && expansion.trim()) entry.expansion = expansion.trim();
    if (typeof say === 'string' && say.trim()) entry.say = say.trim();
    return entry;
  });
}

export interface MarkAbbreviationsOptions {
  lexicon: Lexicon;
}

/**
 * Mark the first use of each abbreviation that has an expansion with an `abbr`
 * node (rendered `<abbr title="expansion">`). Terms match whole words, case
 * sensitively; a term glued to a hyphenated word ("IS" in "IS-K") does not
 * match. Headings, code and existing abbreviations are left alone; the first
 * use is counted in running text, where a reader meets it.
 */
export function markAbbreviations({ lexicon }: MarkAbbreviationsOptions) {
  const expansions = new Map(lexicon.filter((e) => e.expansion).map((e) => [e.term, e.expansion as string]));
  return (tree: Root, _file?: VFile): void => {
    if (!expansions.size) return;
    const pattern = termPattern([...expansions.keys()]);
    const marked = new Set<string>();
    const skip = (node: Nodes) => node.type === 'heading' || node.type === 'abbr' || node.data?.hName === 'abbr';
    for (const block of textBlocks(tree, { skip })) {
      for (const { node, parent } of block) {
        if (marked.size === expansions.size) return;
        const parts = splitOnFirstUses(node, pattern, expansions, marked);
        if (parts) replaceChild(parent, node, parts);
      }
    }
  };
}

function termPattern(terms: string[]): RegExp {
  const alternatives = [...terms].sort((a, b) => b.length - a.length).map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(?<![\\p{L}\\p{N}])(?<![\\p{L}\\p{N}]-)(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])(?!-[\\p{L}\\p{N}])`, 'gu');
}

function splitOnFirstUses(node: Text, pattern: RegExp, expansions: Map<string, string>, marked: Set<string>): (Text | Abbr)[] | undefined {
  const { value } = node;
  const out: (Text | Abbr)[] = [];
  const addresses = addressRanges(value);
  let last = 0;
  for (const match of value.matchAll(pattern)) {
    const term = match[0];
    const start = match.index ?? 0;
    if (marked.has(term) || insideAny(addresses, start, start + term.length)) continue;
    marked.add(term);
    if (start > last) out.push(textSlice(node, last, start));
    out.push(placed(abbrNode(term, expansions.get(term) as string), slicePosition(node, start, start + term.length)));
    last = start + term.length;
  }
  if (!out.length) return undefined;
  if (last < value.length) out.push(textSlice(node, last, value.length));
  return out;
}
