/**
 * Word-level comparison of an edition's text with its article: the same
 * tokens on both sides, so that what differs is what a reader would notice.
 */

/** Words as a reader hears them: NFC, lower case, split at anything that is not a letter, mark or digit. */
export function words(text: string): string[] {
  return text.normalize('NFC').toLowerCase().split(/[^\p{L}\p{M}\p{N}]+/u).filter(Boolean);
}

/**
 * Tokens of `found` that are two neighbouring article words with the space
 * between them lost, e.g. "warends" for "war ends"; each with the pair.
 * Words of the article (and `alsoKnown`, such as its link addresses) are not.
 */
export function runTogether(found: string[], article: string[], alsoKnown: string[] = []): { joined: string; pair: string }[] {
  const known = new Set([...article, ...alsoKnown]);
  const pairs = new Map<string, string>();
  for (let i = 0; i + 1 < article.length; i++) pairs.set(article[i]! + article[i + 1]!, `${article[i]} ${article[i + 1]}`);
  const joins: { joined: string; pair: string }[] = [];
  for (const token of found) {
    if (known.has(token)) continue;
    const pair = pairs.get(token);
    if (pair) joins.push({ joined: token, pair });
  }
  return joins;
}

/**
 * The share of the article's words found in `found` in the same order
 * (longest common subsequence over the article's length): 1 when every word
 * is there in order, lower for words lost, joined or moved.
 */
export function inOrderShare(article: string[], found: string[]): number {
  if (!article.length) return 1;
  // Words as small integers, so the table rows are typed arrays.
  const ids = new Map<string, number>();
  const id = (word: string) => ids.get(word) ?? (ids.set(word, ids.size), ids.size - 1);
  const a = Int32Array.from(article, id);
  const b = Int32Array.from(found, id);
  let previous = new Uint32Array(b.length + 1);
  let current = new Uint32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      current[j] = a[i - 1] === b[j - 1] ? previous[j - 1]! + 1 : Math.max(previous[j]!, current[j - 1]!);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length]! / a.length;
}

/** Article words missing from `found` (by count), first few, for the report. */
export function missingWords(article: string[], found: string[], limit = 8): string[] {
  const have = new Map<string, number>();
  for (const word of found) have.set(word, (have.get(word) ?? 0) + 1);
  const missing: string[] = [];
  for (const word of article) {
    const left = have.get(word) ?? 0;
    if (left > 0) have.set(word, left - 1);
    else if (missing.length < limit) missing.push(word);
  }
  return missing;
}

/**
 * Characters that change how a title is drawn or ordered, not what it says: the Unicode format
 * characters (bidi marks, embeddings and isolates such as U+200F and U+2067, the zero-width joiner and
 * non-joiner, the soft hyphen, the word joiner, a byte-order mark) and the Arabic tatweel that stretches
 * a justified line. A bookmark written by another tool may keep or drop any of them; words() would split
 * a word at one, so they are taken out before titles are compared.
 */
const INVISIBLE = /[\p{Cf}\u0640]/gu;

/**
 * Two titles (a heading and its bookmark, a section and its chapter) say the same, as readers see them:
 * case, spacing, quotes, dashes and invisible characters aside. Letters still count as they are: a title
 * in visual order, or in Arabic presentation forms, is another title.
 */
export function sameTitle(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  return words(a.replace(INVISIBLE, '')).join(' ') === words(b.replace(INVISIBLE, '')).join(' ');
}

/** "3 of 12 words" style counts. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en')} ${count === 1 ? one : many}`;
}
