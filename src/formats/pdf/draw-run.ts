import { MARKS, mirrorOf } from './companion-fonts.js';
import type { Findings } from './logical-order.js';
import type { FontMetrics, Glyph, Run } from './text-run.js';

/**
 * A run redrawn as one text object with its glyphs in logical order, each
 * placed by a Td from the one before, and no nested marked content.
 *
 * A glyph that stands for two letters (the lam-alef ligature "ﻻ" for "لا")
 * cannot be mapped to both: readers that order characters by position
 * (pdftotext, pdf.js) split the glyph's width between them left to right and
 * read the pair backwards in a right-to-left line. So the ligature is mapped
 * to its first letter and an invisible companion (text render mode 3, the
 * same glyph in a copy of the font whose ToUnicode gives the rest,
 * ./companion-fonts.ts) is drawn after it, narrow, on the ligature's left edge:
 * first in the stream for readers that follow it, to the left for readers
 * that go by position. Marks between the two letters (لًا) come before it.
 */

// The companion is a tenth of the glyph's width and starts a fiftieth of an em left of it: pdftotext
// splits a line where one glyph lies over most of another, and orders two that start together at random.
const INVISIBLE = '3 Tr 10 Tz';
const VISIBLE = '0 Tr 100 Tz';
const COMPANION_OFFSET = 0.02;

/** The companions' resource names for a page font, and the page font's for a companion. */
export const companionName = (font: string) => `${font}_r`;
export const joinerName = (font: string) => `${font}_j`;
const baseName = (font: string) => font.replace(/_[rj]$/u, '');

export interface RunContext {
  /** The run reads right to left in its line: its spaces and marks are drawn for pdf.js (./companion-fonts.ts). */
  rightToLeft: boolean;
  /** Space glyphs that stand for zero-width non-joiners. */
  joiners: Set<Glyph>;
  /** Its brackets were drawn mirrored: a reversed run, or a lone bracket (./lone-brackets.ts). */
  mirrored?: boolean;
}

export function drawRun(run: Run, findings: Findings, metrics: FontMetrics, context: RunContext = { rightToLeft: run.reversed, joiners: new Set() }): string {
  const { rightToLeft } = context;
  const glyphs = run.reversed ? [...run.glyphs].reverse() : run.glyphs;
  keepEvidence(run, glyphs, findings);
  const joined = glyphs.map((glyph) => (context.joiners.has(glyph) ? asJoiner(glyph, findings) : glyph));
  let drawn = withCompanions(fromCompanion(joined, findings, metrics, { mirrored: context.mirrored ?? run.reversed, rightToLeft }), run.spans, findings, metrics);
  if (rightToLeft) drawn = marksApart(drawn, findings, metrics);
  return ['BT', run.matrix, ...drawGlyphs(drawn, run.state), 'ET'].join('\n');
}

/** What each nested span said its glyphs stand for, with the glyphs in logical order. */
function keepEvidence(run: Run, glyphs: Glyph[], findings: Findings): void {
  run.spans.forEach((text, index) => {
    const members = glyphs.filter((glyph) => glyph.span === index);
    const fonts = new Set(members.map((glyph) => glyph.font));
    if (members.length && fonts.size === 1) findings.evidence.push({ font: members[0].font, codes: members.map((glyph) => glyph.code), text });
  });
}

/**
 * Glyphs drawn from the companion font (./companion-fonts.ts): a reversed
 * run's mirrored brackets, which it maps to the character the text has, and
 * the spaces of a run that reads right to left (SPACE_IN_RIGHT_TO_LEFT).
 */
function fromCompanion(glyphs: Glyph[], findings: Findings, metrics: FontMetrics, which: { mirrored: boolean; rightToLeft: boolean }): Glyph[] {
  if (!which.mirrored && !which.rightToLeft) return glyphs;
  return glyphs.map((glyph) => {
    if (glyph.font !== baseName(glyph.font)) return glyph;
    const text = metrics.text(glyph.font, glyph.code);
    const wanted = (which.mirrored && mirrorOf(text)) || (which.rightToLeft && text === ' ');
    return wanted ? inCompanion(glyph, findings) : glyph;
  });
}

/**
 * Each glyph of marks in the other font than the letter before it (the page
 * font or its companion), and a mark after a mark in the same font as that
 * one: pdf.js ends a text item where the font's name changes, so the marks
 * are an item of their own and are not reversed with their letter (MARKS).
 */
function marksApart(glyphs: Glyph[], findings: Findings, metrics: FontMetrics): Glyph[] {
  const out: Glyph[] = [];
  for (const glyph of glyphs) {
    const previous = out[out.length - 1];
    const base = baseName(glyph.font);
    if (!previous || !isMark(glyph, metrics)) {
      out.push(glyph);
      continue;
    }
    const previousIsMark = isMark(previous, metrics);
    const companion = previousIsMark ? previous.font !== base : previous.font === baseName(previous.font);
    out.push(companion ? inCompanion({ ...glyph, font: base }, findings) : { ...glyph, font: base, fontOp: `/${base} ${glyph.size} Tf` });
  }
  return out;
}

/**
 * A glyph of marks, by its text, or for a glyph Chromium left unmapped (a
 * shadda with its vowel, mapped later from the span's text), by its advance:
 * marks advance nothing.
 */
function isMark(glyph: Glyph, metrics: FontMetrics): boolean {
  if (glyph.invisible) return false;
  const base = baseName(glyph.font);
  const text = metrics.text(base, glyph.code);
  if (text && !/^\u0000*$/u.test(text)) return MARKS.test(text);
  return metrics.width(base, glyph.code) === 0;
}

/** The glyph drawn from the reading companion (./companion-fonts.ts). */
const inCompanion = (glyph: Glyph, findings: Findings) => drawnFrom(glyph, findings.companions, companionName(glyph.font));

/** A space glyph drawn from the joiner companion, which maps it to a zero-width non-joiner (JOINER). */
const asJoiner = (glyph: Glyph, findings: Findings) => drawnFrom(glyph, findings.joiners, joinerName(glyph.font));

/** The glyph drawn under the font resource `font`, its code noted for that companion's map. */
function drawnFrom(glyph: Glyph, codes: Map<string, Set<string>>, font: string): Glyph {
  useCode(codes, glyph);
  return { ...glyph, font, fontOp: `/${font} ${glyph.size} Tf` };
}

function useCode(codes: Map<string, Set<string>>, glyph: Glyph): void {
  const known = codes.get(glyph.font) ?? new Set<string>();
  known.add(glyph.code);
  codes.set(glyph.font, known);
}

/** The glyphs with an invisible companion after each one that stands for more than its first letter. */
function withCompanions(glyphs: Glyph[], spans: string[], findings: Findings, metrics: FontMetrics): Glyph[] {
  const out: Glyph[] = [];
  for (let i = 0; i < glyphs.length; i++) {
    const glyph = glyphs[i];
    out.push(glyph);
    const rest = metrics.split?.(glyph.font, glyph.code);
    if (!rest) continue;
    // Marks the span puts between the first letter and the rest are drawn before the companion.
    let text = glyph.span === undefined ? '' : spans[glyph.span].normalize('NFC');
    const first = (metrics.text(glyph.font, glyph.code) ?? '').normalize('NFKC').slice(0, 1);
    text = text.startsWith(first) ? text.slice(first.length) : '';
    while (i + 1 < glyphs.length && glyphs[i + 1].span === glyph.span && glyph.span !== undefined && !text.startsWith(rest)) {
      const own = metrics.text(glyphs[i + 1].font, glyphs[i + 1].code) ?? '';
      const known = own && !/^\u0000*$/.test(own);
      const eaten = known ? (text.startsWith(own.normalize('NFC')) ? own.normalize('NFC') : '') : (text.match(/^\p{M}+/u)?.[0] ?? '');
      if (!eaten) break;
      text = text.slice(eaten.length);
      out.push(glyphs[++i]);
    }
    const font = companionName(glyph.font);
    out.push({ ...glyph, dx: glyph.dx - COMPANION_OFFSET * glyph.size, font, fontOp: `/${font} ${glyph.size} Tf`, invisible: true, span: undefined });
    useCode(findings.companions, glyph);
  }
  return out;
}

/**
 * The glyphs in the order given, each placed by a Td from the one before,
 * changing font, state and render mode where a glyph's differ, and leaving
 * the state as the object left it.
 */
function drawGlyphs(glyphs: Glyph[], finalState: string): string[] {
  const drawn: string[] = [];
  let x = 0;
  let y = 0;
  let font = '';
  let state = '';
  let invisible = false;
  for (const glyph of glyphs) {
    const visible = !glyph.invisible;
    if (invisible && visible) drawn.push(VISIBLE);
    if (glyph.state !== state || (invisible && visible)) {
      if (glyph.state) drawn.push(glyph.state);
      state = glyph.state;
    }
    if (!invisible && !visible) drawn.push(INVISIBLE);
    invisible = !visible;
    if (glyph.fontOp !== font) drawn.push(glyph.fontOp);
    font = glyph.fontOp;
    drawn.push(`${number(glyph.dx - x)} ${number(glyph.dy - y)} Td <${glyph.code}> Tj`);
    x = glyph.dx;
    y = glyph.dy;
  }
  if (invisible) drawn.push(VISIBLE);
  if ((invisible || state !== finalState) && finalState) drawn.push(finalState);
  return drawn;
}

function number(value: number): string {
  const rounded = Math.round(value * 100000) / 100000;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}
