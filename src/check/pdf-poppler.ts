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
  /** The same less the table cells' text, and each cell's text (TD, TH) in tag order. */
  outsideCells: string;
  cells: string[];
  /** Heading elements (H, H1–H6) and their text, in order. */
  headings: { level: number; text: string }[];
  /** How many structure elements of each type. */
  elements: Map<string, number>;
}

/** An element being read, with the indent of its line: what is indented more is inside it. */
interface Open { indent: number; parts: string[] }

/** Reads `pdfinfo -struct-text`'s lines one by one: elements with their indent, text chunks in quotes. */
class StructReader {
  readonly result: StructText = { text: '', outsideCells: '', cells: [], headings: [], elements: new Map() };
  private readonly parts: string[] = [];
  private readonly outside: string[] = [];
  private heading?: Open & { level: number };
  private cell?: Open;

  line(line: string): void {
    const indent = line.length - line.trimStart().length;
    const body = line.trim();
    if (!body) return;
    if (body.startsWith('"')) return this.chunk(body.slice(1, body.endsWith('"') ? -1 : undefined), indent);
    // An annotation a Link holds ("Object 20 0") and attribute lines ("/Scope /Row") are neither text nor element.
    if (body.startsWith('/') || /^Object \d+ \d+$/u.test(body)) return;
    this.close(indent);
    // "P (block)", "Link (inline)", "TD:", "TH <node00000231>:", "Table".
    const element = /^([^\s:]+):?(?:\s+\((block|inline)\))?/u.exec(body);
    if (!element) return;
    const type = element[1]!;
    this.result.elements.set(type, (this.result.elements.get(type) ?? 0) + 1);
    if (element[2] !== 'inline') this.chunk(' ', indent, false);
    const level = /^H([1-6])?$/u.exec(type);
    if (level && !this.heading) this.heading = { indent, level: Number(level[1] ?? 1), parts: [] };
    if ((type === 'TD' || type === 'TH') && !this.cell) this.cell = { indent, parts: [] };
  }

  finish(): StructText {
    this.close(-1);
    this.result.text = this.parts.join('');
    this.result.outsideCells = this.outside.join('');
    return this.result;
  }

  private chunk(text: string, indent: number, own = true): void {
    this.parts.push(text);
    if (own && this.heading && indent > this.heading.indent) this.heading.parts.push(text);
    if (this.cell && indent > this.cell.indent) this.cell.parts.push(text);
    else this.outside.push(text);
  }

  /** Close the heading and the cell an element at `indent` is not inside. */
  private close(indent: number): void {
    if (this.heading && indent <= this.heading.indent) {
      this.result.headings.push({ level: this.heading.level, text: this.heading.parts.join('').replace(/\s+/gu, ' ').trim() });
      this.heading = undefined;
    }
    if (this.cell && indent <= this.cell.indent) {
      this.result.cells.push(this.cell.parts.join(''));
      this.cell = undefined;
    }
  }
}

/**
 * Poppler's structure tree (`pdfinfo -struct-text`): the text that screen
 * readers, reflow and PDF-to-HTML converters get by following the tags.
 */
export async function structText(file: string, signal?: AbortSignal): Promise<StructText> {
  const run = await tool('pdfinfo', ['-struct-text', file], signal);
  const reader = new StructReader();
  if (run.ok) for (const line of run.stdout.split('\n')) reader.line(line);
  return reader.finish();
}
