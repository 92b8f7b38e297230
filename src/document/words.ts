import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** data/words.yaml: the words Broadside adds or says, per language. */
export const WORDS_PATH = fileURLToPath(new URL('../../data/words.yaml', import.meta.url));

let tables: Record<string, Record<string, unknown>> | undefined;

/** One table of data/words.yaml, keyed by language (or by name). */
export function wordTable<T>(name: string): Record<string, T> {
  tables ??= parse(readFileSync(WORDS_PATH, 'utf8')) as Record<string, Record<string, unknown>>;
  const table = tables[name];
  if (!table) throw new Error(`${WORDS_PATH}: no table "${name}"`);
  return table as Record<string, T>;
}

/** A table's entry for a language tag (by its primary subtag), English where the table has none. */
export function wordsFor<T>(name: string, lang: string): T {
  const table = wordTable<T>(name);
  return table[lang.toLowerCase().split('-')[0]!] ?? (table.en as T);
}
