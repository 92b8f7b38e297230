import type { ChromeRules } from './site-lines.js';
import { chromeReason, isEndMarker, isLinkLike, opensComments, wordCount } from './site-lines.js';
import type { FoundDate } from './dates.js';
import { parseDateLine } from './dates.js';
import type { Bio, Byline } from './people.js';
import { parseBio, parseByline } from './people.js';
import type { Unit } from './units.js';

/** How a plain-text heading is written, from the strongest mark to the weakest. */
export type HeadingStyle = 'setext1' | 'caps' | 'setext2' | 'plain';
export const HEADING_STYLES: HeadingStyle[] = ['setext1', 'caps', 'setext2', 'plain'];

export type Role =
  | { kind: 'chrome'; reason: string }
  | { kind: 'end'; comments?: boolean }
  | { kind: 'date'; date: FoundDate }
  | { kind: 'byline'; byline: Byline }
  | { kind: 'bio'; bio: Bio }
  | { kind: 'heading'; style: HeadingStyle }
  | { kind: 'paragraph' }
  | { kind: 'item'; ordered: boolean }
  | { kind: 'rule' }
  | { kind: 'code' };

export interface Classified {
  unit: Unit;
  role: Role;
}

const MAX_HEADING_WORDS = 14;
/** Full stops, commas, semicolons and colons of the scripts articles come in (Latin, Arabic, Urdu, CJK, Devanagari). */
const CLAUSE_END = /[.,;:\u060C\u061B\u06D4\u3002\uFF0C\uFF1B\uFF1A\u0964]$/u;
const MAX_HEADING_CHARS = 100;
/** A fewest-items count for a run of short link-like lines to be a menu. */
const MENU_MIN_ITEMS = 3;

/** What one unit is, judged on its own words and shape. */
export function classifyUnit(unit: Unit, rules: ChromeRules, lang?: string): Role {
  const { text } = unit;
  if (unit.rule) return { kind: 'rule' };
  if (unit.code) return { kind: 'code' };
  if (isEndMarker(text, rules)) return { kind: 'end', comments: opensComments(text, rules) };
  const reason = chromeReason(text, rules);
  if (reason) return { kind: 'chrome', reason };
  const date = parseDateLine(text, lang);
  if (date) return { kind: 'date', date };
  const byline = parseByline(text, lang);
  if (byline) return { kind: 'byline', byline };
  const row = parseMetaRow(text, rules, lang);
  if (row?.byline) return { kind: 'byline', byline: { ...row.byline, date: row.byline.date ?? row.date?.iso } };
  if (row?.date) return { kind: 'date', date: row.date };
  const bio = parseBio(text);
  if (bio) return { kind: 'bio', bio };
  if (unit.bullet) return { kind: 'item', ordered: unit.bullet === 'ordered' };
  const style = headingStyle(unit);
  if (style) return { kind: 'heading', style };
  return { kind: 'paragraph' };
}

/** Most words a segment of a metadata row may have that is neither date, byline nor chrome (a site name). */
const META_OTHER_WORDS = 4;

/**
 * A row of metadata such as "Published: 3 March 2024 | 6 min read",
 * "Updated 4 May 2024 · 3 comments" or "Le Monde | 04.05.2015 à 13h36 •
 * Mis à jour le 05.05.2015 | Par Jane Doe": a date, maybe a byline, and
 * otherwise only chrome or one short name (the site's).
 */
function parseMetaRow(text: string, rules: ChromeRules, lang?: string): { date?: FoundDate; byline?: Byline } | undefined {
  const segments = text.split(/\s+[|\u2022\u00B7]\s+/);
  if (segments.length < 2) return undefined;
  let date: FoundDate | undefined;
  let byline: Byline | undefined;
  let others = 0;
  for (const segment of segments) {
    const found = parseDateLine(segment, lang);
    const by = found ? undefined : parseByline(segment, lang);
    if (found) date = !date || (date.updated && !found.updated) ? found : date;
    else if (by) byline ??= by;
    else if (!chromeReason(segment, rules)) {
      if (wordCount(segment) > META_OTHER_WORDS || /[.!?]$/.test(segment.trim()) || ++others > 1) return undefined;
    }
  }
  return date ? { date, byline } : undefined;
}

/** The heading style of a unit that reads like a plain-text heading, else undefined. */
export function headingStyle(unit: Unit): HeadingStyle | undefined {
  const text = unit.text.trim();
  if (text.length > MAX_HEADING_CHARS) return undefined;
  if (unit.underline) return unit.underline === '=' ? 'setext1' : 'setext2';
  if (wordCount(text) > MAX_HEADING_WORDS || CLAUSE_END.test(text)) return undefined;
  // Capitalised, or in a script without case (Arabic, Hebrew, Chinese, …).
  if (!/^["'\u201C\u2018\u00AB(]?[\p{Lu}\p{Lt}\p{Lo}\p{N}]/u.test(text)) return undefined;
  const letters = text.replace(/[^\p{L}]/gu, '');
  if (letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase()) return 'caps';
  return 'plain';
}

export function classifyUnits(units: Unit[], rules: ChromeRules, lang?: string): Classified[] {
  const items = units.map((unit) => ({ unit, role: classifyUnit(unit, rules, lang) }));
  markMenus(items);
  return items;
}

/**
 * Runs of short link-like lines (menus, tag lists, footer links) are chrome,
 * wherever they stand. A run's last line is spared when it stands alone in
 * its block and text, a byline or a date follows: that is a short title or
 * heading under a menu.
 */
function markMenus(items: Classified[]): void {
  const linkish = (c: Classified) => ['heading', 'paragraph', 'chrome', 'end'].includes(c.role.kind) && isLinkLike(c.unit.text);
  let start = 0;
  while (start < items.length) {
    if (!linkish(items[start])) {
      start++;
      continue;
    }
    let end = start;
    while (end + 1 < items.length && linkish(items[end + 1])) end++;
    const next = items[end + 1];
    let last = end;
    const aloneInItsBlock = end > start && items[end].unit.block !== items[end - 1].unit.block && (!next || next.unit.block !== items[end].unit.block);
    if (aloneInItsBlock && next && ['byline', 'date', 'paragraph', 'item', 'bio'].includes(next.role.kind)) last--;
    if (last - start + 1 >= MENU_MIN_ITEMS) {
      for (let i = start; i <= last; i++) {
        if (items[i].role.kind === 'heading' || items[i].role.kind === 'paragraph') items[i].role = { kind: 'chrome', reason: 'menu' };
      }
    }
    start = end + 1;
  }
  markDenseBlocks(items, linkish);
}

/**
 * A block of four or more lines, two thirds of them link-like and none of
 * them prose, is a menu even where a longer item breaks the run
 * ("Home / News / International Affairs and Diplomacy / Sport").
 */
function markDenseBlocks(items: Classified[], linkish: (c: Classified) => boolean): void {
  const blocks = new Map<number, Classified[]>();
  for (const c of items) blocks.set(c.unit.block, [...(blocks.get(c.unit.block) ?? []), c]);
  for (const block of blocks.values()) {
    if (block.length < 4) continue;
    const prose = block.some((c) => c.role.kind === 'paragraph' && /[.!?]$/.test(c.unit.text.trim()));
    const dense = block.filter((c) => linkish(c) || c.role.kind === 'chrome').length;
    if (prose || dense < (block.length * 2) / 3) continue;
    for (const c of block) {
      if (c.role.kind !== 'heading' && c.role.kind !== 'paragraph') continue;
      // A title sharing the block with a share bar is longer, or sits on its byline.
      const next = items[items.indexOf(c) + 1];
      if (wordCount(c.unit.text) > 5 || next?.role.kind === 'byline' || next?.role.kind === 'date') continue;
      c.role = { kind: 'chrome', reason: 'menu' };
    }
  }
}
