/**
 * The narrator's own words, per language: the announcements that tell a
 * listener what kind of thing comes (a list, a quote, an image, a code
 * example), as an audiobook narrator or a DAISY talking book would. Languages
 * without an entry get no announcements rather than English ones.
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

const PHRASES: Record<string, Phrases> = {
  en: {
    by: 'By',
    published: 'Published',
    quote: 'Quote:',
    endQuote: 'End of quote.',
    image: 'Image:',
    caption: 'Caption:',
    list: (n, ordered) => `${ordered ? 'Numbered list' : 'List'} of ${n} item${n === 1 ? '' : 's'}.`,
    endList: 'End of list.',
    table: (columns) => `Table with ${columns.length} column${columns.length === 1 ? '' : 's'}.`,
    row: (n) => `Row ${n}.`,
    code: (language, lines) => `A code example${language ? ` in ${language}` : ''}, ${lines} line${lines === 1 ? '' : 's'}, is not read aloud; see the page.`,
    note: (label) => `Note ${label}:`,
  },
  ar: {
    by: 'بقلم',
    published: 'نُشر في',
    quote: 'اقتباس:',
    endQuote: 'نهاية الاقتباس.',
    image: 'صورة:',
    caption: 'التعليق:',
    list: (n) => `قائمة من ${n} عناصر.`,
    endList: 'نهاية القائمة.',
    table: (columns) => `جدول من ${columns.length} أعمدة.`,
    row: (n) => `الصف ${n}.`,
    code: (language) => `تم تخطي مثال برمجي${language ? ` بلغة ${language}` : ''}؛ انظر الصفحة.`,
    note: (label) => `ملاحظة ${label}:`,
  },
};

export function phrasesFor(lang: string): Phrases | undefined {
  return PHRASES[lang.toLowerCase().split('-')[0]!];
}
