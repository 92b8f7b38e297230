import { tool } from './tools.js';

/** pdfinfo's "Key: value" lines. */
export async function pdfinfo(file: string, signal?: AbortSignal): Promise<Record<string, string>> {
  const run = await tool('pdfinfo', [file], signal);
  if (!run.ok) throw new Error(`pdfinfo cannot read ${file}: ${run.stderr.trim()}`);
  const info: Record<string, string> = {};
  for (const line of run.stdout.split('\n')) {
    const match = /^([^:]+):\s*(.*)$/u.exec(line);
    if (match) info[match[1]!.trim()] = match[2]!.trim();
  }
  return info;
}

/** The XMP metadata packet, or '' when there is none. */
export async function xmp(file: string, signal?: AbortSignal): Promise<string> {
  const run = await tool('pdfinfo', ['-meta', file], signal);
  return run.ok ? run.stdout : '';
}

export interface FontRow {
  name: string;
  type: string;
  embedded: boolean;
}

/** pdffonts' table, one row per font. */
export async function pdffonts(file: string, signal?: AbortSignal): Promise<FontRow[]> {
  const run = await tool('pdffonts', [file], signal);
  if (!run.ok) return [];
  const rows = run.stdout.split('\n').slice(2).filter((line) => line.trim());
  return rows.map((line) => {
    // The columns after the name are fixed: type (may hold spaces), encoding, emb, sub, uni, object, id.
    const match = /^(\S+)\s+(.+?)\s+(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/u.exec(line);
    if (!match) return { name: line.trim(), type: '', embedded: false };
    return { name: match[1]!, type: match[2]!, embedded: match[4] === 'yes' };
  });
}

export interface StructText {
  /** The tags' text as a tag-following reader joins it: chunks run on within an element, blocks apart. */
  text: string;
  /** Heading elements (H, H1–H6) and their text, in order. */
  headings: { level: number; text: string }[];
  /** How many structure elements of each type. */
  elements: Map<string, number>;
}

/**
 * Poppler's structure tree (`pdfinfo -struct-text`): the text that screen
 * readers, reflow and PDF-to-HTML converters get by following the tags.
 */
export async function structText(file: string, signal?: AbortSignal): Promise<StructText> {
  const run = await tool('pdfinfo', ['-struct-text', file], signal);
  const result: StructText = { text: '', headings: [], elements: new Map() };
  if (!run.ok) return result;
  const parts: string[] = [];
  let heading: { indent: number; level: number; parts: string[] } | undefined;
  const closeHeading = () => {
    if (heading) result.headings.push({ level: heading.level, text: heading.parts.join('').replace(/\s+/gu, ' ').trim() });
    heading = undefined;
  };
  for (const line of run.stdout.split('\n')) {
    const indent = line.length - line.trimStart().length;
    const body = line.trim();
    if (!body) continue;
    if (body.startsWith('"')) {
      const chunk = body.slice(1, body.endsWith('"') ? -1 : undefined);
      parts.push(chunk);
      if (heading && indent > heading.indent) heading.parts.push(chunk);
      continue;
    }
    if (heading && indent <= heading.indent) closeHeading();
    const element = /^(\S+)(?:\s+\((block|inline)\))?/u.exec(body);
    if (!element) continue;
    const type = element[1]!;
    result.elements.set(type, (result.elements.get(type) ?? 0) + 1);
    if (element[2] !== 'inline') parts.push(' ');
    const level = /^H([1-6])?$/u.exec(type);
    if (level && !heading) heading = { indent, level: Number(level[1] ?? 1), parts: [] };
  }
  closeHeading();
  result.text = parts.join('');
  return result;
}
