import type { ArticleMetadata } from '../../document/types.js';
import { joinNames } from '../../render/strings.js';
import { cleanText, type Block } from './blocks.js';
import type { BrailleTables } from './tables.js';

const CENTRED = { format: 'centred', table: 'text', first: 0, runover: 0, before: 1, after: 0 } as const;

/** The date for people, in the article's language ("8 December 2023"). */
function displayDate(iso: string, lang: string): string {
  const date = new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  const format = (locale: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
  try {
    return format(lang);
  } catch {
    return format('en');
  }
}

/**
 * The title page (BANA, simplified): the title, the authors and the date,
 * centred, and what the braille is, then a new page for the text.
 */
export function titlePage(meta: ArticleMetadata, tables: BrailleTables): Block[] {
  const blocks: Block[] = [{ ...CENTRED, text: cleanText(meta.title), before: 0, after: 1 }];
  if (meta.authors.length) {
    const names = joinNames(meta.authors.map(cleanText), meta.lang);
    blocks.push({ ...CENTRED, text: tables.words.by ? `${tables.words.by} ${names}` : names });
  }
  if (meta.date) blocks.push({ ...CENTRED, text: displayDate(meta.date, meta.lang) });
  if (tables.about) {
    const about = tables.about.replace('{name}', tables.name).replace('{grade}', String(tables.grade)).replace('{table}', tables.text);
    blocks.push({ format: 'indented', table: 'text', text: about, first: 0, runover: 0, before: 2, after: 0 });
  }
  blocks[blocks.length - 1].pageBreakAfter = true;
  return blocks;
}
