/**
 * Turning the loose values that front matter, <meta> tags and JSON-LD hold
 * into the shapes ArticleMetadata wants. Shared by the Markdown and HTML readers.
 */

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
// ISO 8601 date-time as sources write it: seconds and fraction optional, zone optional.
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * An ISO 8601 string for a date the source states, or null when it cannot be read.
 * A YAML timestamp arrives as a Date; a date-only value stays date-only, so that
 * "2024-03-01" never turns into a time zone's idea of midnight.
 */
export function toIsoDate(value: unknown): string | null {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1000 && value <= 9999) return String(value);
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (!text) return null;
  if (DATE_ONLY.test(text)) return Number.isNaN(Date.parse(text)) ? null : text;
  if (ISO_DATE_TIME.test(text)) {
    const normalised = text.replace(' ', 'T');
    return Number.isNaN(Date.parse(normalised)) ? null : normalised;
  }
  const parsed = new Date(text);
  if (Number.isNaN(parsed.getTime())) return null;
  // "March 1, 2024" has no time of day: keep the calendar date the writer meant.
  if (!/\d{1,2}:\d{2}/.test(text)) {
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${parsed.getFullYear()}-${pad(parsed.getMonth() + 1)}-${pad(parsed.getDate())}`;
  }
  return parsed.toISOString();
}

/** Names from a string, a list, or objects with a `name` (as JSON-LD and some front matter write them). */
export function toAuthors(value: unknown): string[] {
  const names: string[] = [];
  const add = (item: unknown): void => {
    if (Array.isArray(item)) item.forEach(add);
    else if (typeof item === 'string') names.push(...splitNames(item));
    else if (item && typeof item === 'object' && 'name' in item) add((item as { name: unknown }).name);
  };
  add(value);
  return dedupe(names);
}

/**
 * "Jane Doe and John Roe", "Jane Doe, John Roe & Ann Poe" → three names.
 * A comma splits only when every part is a full name, so "Doe, Jane" stays one.
 */
export function splitNames(text: string): string[] {
  const cleaned = text.replace(/\s+/g, ' ').trim().replace(/^by\s+/i, '');
  if (!cleaned || /^https?:\/\//i.test(cleaned)) return [];
  const parts = cleaned.split(/\s*;\s*|\s+(?:and|&)\s+/i).flatMap((part) => {
    const pieces = part.split(/\s*,\s*/).filter(Boolean);
    return pieces.length > 1 && pieces.every((p) => p.includes(' ')) ? pieces : [part];
  });
  return parts.map((p) => p.trim()).filter(Boolean);
}

/** Keywords from a list or a comma-separated string. */
export function toKeywords(value: unknown): string[] {
  const words: string[] = [];
  const add = (item: unknown): void => {
    if (Array.isArray(item)) item.forEach(add);
    else if (typeof item === 'string') words.push(...item.split(',').map((w) => w.trim()).filter(Boolean));
    else if (typeof item === 'number') words.push(String(item));
  };
  add(value);
  return dedupe(words);
}

const LANGUAGE_TAG = /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/i;

/** A BCP 47 tag (`en`, `pt-BR`, `ar`), from `en_GB` style locales too; undefined when it is not one. */
export function toLang(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const tag = value.trim().replace(/_/g, '-');
  if (!LANGUAGE_TAG.test(tag)) return undefined;
  const [language, ...rest] = tag.split('-');
  return [language!.toLowerCase(), ...rest.map((part) => (part.length === 2 ? part.toUpperCase() : part))].join('-');
}

export function toDir(value: unknown): 'ltr' | 'rtl' | undefined {
  const dir = typeof value === 'string' ? value.trim().toLowerCase() : '';
  return dir === 'rtl' || dir === 'ltr' ? dir : undefined;
}

/** A one-line string; YAML reads `title: 1984` as a number, which is still the title. */
export function toText(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const text = value.replace(/\s+/g, ' ').trim();
  return text || undefined;
}

function dedupe(items: string[]): string[] {
  return [...new Set(items)];
}
