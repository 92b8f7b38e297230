import { wordTable } from '../../document/words.js';

/**
 * The narrator's own words, per language: the announcements that tell a
 * listener what kind of thing comes (a list, a quote, an image, a code
 * example), as an audiobook narrator or a DAISY talking book would. The words
 * are data (data/words.yaml, "narration"); languages without an entry get no
 * announcements rather than English ones.
 */
export interface Phrases {
  by: string;
  published: string;
  quote: string;
  endQuote: string;
  image: string;
  /** Said before a figure's caption. */
  caption: string;
  list: (items: number, ordered: boolean) => string;
  endList: string;
  table: (columns: string[]) => string;
  row: (n: number) => string;
  /** A code block, which is not read: what it is and how long, so the listener knows what the page holds. */
  code: (language: string | undefined, lines: number) => string;
  note: (label: string) => string;
}

/** Code languages by their usual Markdown tags, as a listener would name them. */
const CODE_LANGUAGES: Record<string, string> = {
  js: 'JavaScript', javascript: 'JavaScript', mjs: 'JavaScript', jsx: 'JavaScript', ts: 'TypeScript', typescript: 'TypeScript', tsx: 'TypeScript',
  json: 'JSON', jsonc: 'JSON', yaml: 'YAML', yml: 'YAML', toml: 'TOML', xml: 'XML', html: 'HTML', css: 'CSS', md: 'Markdown', markdown: 'Markdown',
  sh: 'shell', bash: 'shell', shell: 'shell', zsh: 'shell', console: 'shell', powershell: 'PowerShell', ps1: 'PowerShell',
  py: 'Python', python: 'Python', rb: 'Ruby', ruby: 'Ruby', go: 'Go', rust: 'Rust', rs: 'Rust', java: 'Java', kotlin: 'Kotlin',
  c: 'C', cpp: 'C++', 'c++': 'C++', cs: 'C sharp', csharp: 'C sharp', php: 'PHP', sql: 'SQL', swift: 'Swift', diff: 'diff',
};

/** The name of a code block's language, or undefined for none or one we cannot name (never spelt out as a tag). */
export function codeLanguage(tag: string | null | undefined): string | undefined {
  return tag ? CODE_LANGUAGES[tag.toLowerCase()] : undefined;
}

/** A phrase as data/words.yaml holds it: one text, or one per plural category (Intl.PluralRules), `other` required. */
type Forms = string | Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/** The plain texts are as Phrases has them; the rest are templates. */
interface PhraseWords extends Pick<Phrases, 'by' | 'published' | 'quote' | 'endQuote' | 'image' | 'caption' | 'endList'> {
  list: Forms;
  numberedList: Forms;
  table: Forms;
  row: string;
  code: Forms;
  /** Put into `code` as `{in}` when the code's language is known. */
  codeIn: string;
  note: string;
}

/** Fills in `{name}` from values, picking the plural form for `n`. */
function fill(forms: Forms, lang: string, values: Record<string, string | number>): string {
  const n = Number(values.n ?? 0);
  const text = typeof forms === 'string' ? forms : (forms[new Intl.PluralRules(lang).select(n)] ?? forms.other);
  return text.replace(/\{(\w+)\}/gu, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** The narrator's words for a language (data/words.yaml, "narration"), or undefined where there are none. */
export function phrasesFor(lang: string): Phrases | undefined {
  const primary = lang.toLowerCase().split('-')[0]!;
  const words = wordTable<PhraseWords>('narration')[primary];
  if (!words) return undefined;
  return {
    ...words,
    list: (n, ordered) => fill(ordered ? words.numberedList : words.list, primary, { n }),
    table: (columns) => fill(words.table, primary, { n: columns.length }),
    row: (n) => fill(words.row, primary, { n }),
    code: (language, lines) => fill(words.code, primary, { n: lines, in: language ? fill(words.codeIn, primary, { language }) : '' }),
    note: (label) => fill(words.note, primary, { label }),
  };
}
