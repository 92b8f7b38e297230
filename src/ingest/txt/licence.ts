import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const LICENCES_PATH = fileURLToPath(new URL('../../../data/licences.yaml', import.meta.url));

interface LicenceRules {
  start: RegExp[];
  end: RegExp[];
  fields: Record<'title' | 'author', string[]>;
}

let rules: LicenceRules | undefined;

function licenceRules(): LicenceRules {
  if (rules) return rules;
  const data = (parse(readFileSync(LICENCES_PATH, 'utf8')) ?? {}) as { start?: string[]; end?: string[]; fields?: Record<string, string[]> };
  rules = {
    start: (data.start ?? []).map((p) => new RegExp(p, 'iu')),
    end: (data.end ?? []).map((p) => new RegExp(p, 'iu')),
    fields: { title: data.fields?.title ?? ['title'], author: data.fields?.author ?? ['author'] },
  };
  return rules;
}

/** A plain-text book with its licence header and footer taken off. */
export interface Book {
  /** The text with every line outside the book blanked (so line numbers stay right). */
  text: string;
  title?: string;
  authors: string[];
}

/**
 * When the text is a book inside a licence header and footer, the book alone
 * and the title and author the header states; otherwise undefined.
 */
export function stripLicence(text: string): Book | undefined {
  const { start, end, fields } = licenceRules();
  const lines = text.split('\n');
  const from = lines.findIndex((l) => start.some((p) => p.test(l.trim())));
  if (from < 0) return undefined;
  let to = lines.findIndex((l, i) => i > from && end.some((p) => p.test(l.trim())));
  if (to < 0) to = lines.length;
  const header = lines.slice(0, from);
  const field = (names: string[]) => {
    const pattern = new RegExp(`^(?:${names.join('|')})\\s*:\\s*(.+)$`, 'iu');
    for (const line of header) {
      const match = line.trim().match(pattern);
      if (match) return match[1].trim();
    }
    return undefined;
  };
  const title = field(fields.title);
  const author = field(fields.author);
  const kept = lines.map((l, i) => (i > from && i < to ? l : ''));
  return { text: kept.join('\n'), title, authors: author ? author.split(/\s+(?:and|&)\s+|\s*;\s*/).map((a) => a.trim()).filter(Boolean) : [] };
}
