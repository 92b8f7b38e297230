import { unicodeToBrf } from './ascii.js';
import type { Block } from './blocks.js';
import { louTranslate } from './louis.js';
import type { BrailleTables } from './tables.js';
import type { Position } from 'unist';
import type { EditionWarning } from '../warning.js';

export interface TranslateBlocksOptions {
  signal?: AbortSignal;
  timeoutMs: number;
  maxInputBytes: number;
}

/** What the translation could not carry into six-dot braille, for warnings. */
export interface TranslationReport {
  /** Characters the table has no braille for (liblouis writes them as an escape such as '\x4e2d'). */
  undefinedCharacters: number;
  eightDotCells: number;
  dropped: string[];
  /** Where in the source each kind of loss first happens (the block's place), when the block has one. */
  first: { undefinedCharacters?: Position; eightDotCells?: Position; dropped?: Position };
}

/** liblouis's escape for a character its table does not define, once in BRF: '\x and hex digits as letters. */
const UNDEFINED = /'\\[XYZ][A-J0-9]{2,8}'/g;

/**
 * Translates every block's text with its table (one liblouis process per
 * table for the whole article) and stores the braille, in BRF, on the block.
 */
export async function translateBlocks(blocks: Block[], tables: BrailleTables, options: TranslateBlocksOptions): Promise<TranslationReport> {
  const report: TranslationReport = { undefinedCharacters: 0, eightDotCells: 0, dropped: [], first: {} };
  const losses = new Map<Block, { undefinedCharacters: number; eightDotCells: number; dropped: number }>();
  const groups = new Map<string, Block[]>();
  for (const block of blocks) {
    if (!block.text) continue;
    const table = block.table === 'code' ? tables.code : tables.text;
    groups.set(table, [...(groups.get(table) ?? []), block]);
  }
  await Promise.all(
    [...groups].map(async ([table, members]) => {
      // lou_translate breaks a long input line into several output lines: give it short pieces, cut at spaces.
      const pieces = members.map((block) => chunks(block.text, MAX_LINE_BYTES));
      const out = await louTranslate(table, pieces.flat(), { direction: 'forward', ...options });
      let next = 0;
      members.forEach((block, i) => {
        const braille = out.slice(next, (next += pieces[i].length)).join(' ');
        const converted = unicodeToBrf(braille);
        const escapes = [...converted.brf.matchAll(UNDEFINED)].map((match) => [match.index, match.index + match[0].length]);
        // Some tables write the escape's backslash with dot 7: that is the escape, not eight-dot braille.
        const eightDotCells = converted.eightDot.filter((at) => !escapes.some(([start, end]) => at >= start && at < end)).length;
        losses.set(block, { undefinedCharacters: escapes.length, eightDotCells, dropped: converted.foreign.length });
        report.eightDotCells += eightDotCells;
        report.undefinedCharacters += escapes.length;
        report.dropped.push(...converted.foreign);
        block.braille = converted.brf;
      });
    }),
  );
  // The first place of each kind, in reading order (the tables were translated side by side).
  for (const kind of ['undefinedCharacters', 'eightDotCells', 'dropped'] as const) {
    report.first[kind] = blocks.find((block) => losses.get(block)?.[kind] && block.place)?.place;
  }
  return report;
}

/** Well under the input lou_translate 3.24 takes as one line (about 2 KB). */
const MAX_LINE_BYTES = 800;

/** Text cut at spaces into pieces of at most `max` UTF-8 bytes (a longer word is cut where it must be). */
export function chunks(text: string, max: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const word of text.split(' ')) {
    const candidate = piece ? `${piece} ${word}` : word;
    if (Buffer.byteLength(candidate) <= max) {
      piece = candidate;
      continue;
    }
    if (piece) pieces.push(piece);
    piece = '';
    for (const char of word) {
      if (Buffer.byteLength(piece + char) > max) {
        pieces.push(piece);
        piece = '';
      }
      piece += char;
    }
  }
  if (piece || !pieces.length) pieces.push(piece);
  return pieces;
}

/** The report as warnings, each at the first place its loss happens (none when the translation carried everything). */
export function reportWarnings(report: TranslationReport, table: string): EditionWarning[] {
  const warnings: EditionWarning[] = [];
  if (report.undefinedCharacters) {
    const reason = `${report.undefinedCharacters} character(s) have no braille in ${table}; liblouis wrote them as escapes such as '\\x4e2d'`;
    warnings.push({ reason, ruleId: 'braille-char-undefined', place: report.first.undefinedCharacters });
  }
  if (report.eightDotCells) {
    const reason = `${report.eightDotCells} cell(s) from ${table} used dots 7–8, which six-dot BRF cannot hold; those dots were dropped`;
    warnings.push({ reason, ruleId: 'braille-eight-dot', place: report.first.eightDotCells });
  }
  const dropped = [...new Set(report.dropped)];
  if (dropped.length) {
    const reason = `${table} left ${report.dropped.length} character(s) untranslated (${dropped.slice(0, 5).join(' ')}); they were left out`;
    warnings.push({ reason, ruleId: 'braille-char-dropped', place: report.first.dropped });
  }
  return warnings;
}
