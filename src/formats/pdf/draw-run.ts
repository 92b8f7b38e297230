import { mirrorOf } from './companion-fonts.js';
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

/** The companion font's resource name for a page font. */
export const companionName = (font: string) => `${font}_r`;

export function drawRun(run: Run, findings: Findings, metrics: FontMetrics): string {
  const glyphs = run.reversed ? [...run.glyphs].reverse() : run.glyphs;
  keepEvidence(run, glyphs, findings);
  const drawn = withCompanions(run.reversed ? unmirrored(glyphs, findings, metrics) : glyphs, run.spans, findings, metrics);
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

/** A right-to-left run's mirrored brackets drawn from the companion font, which maps each to the character the text has. */
function unmirrored(glyphs: Glyph[], findings: Findings, metrics: FontMetrics): Glyph[] {
  return glyphs.map((glyph) => {
    if (!mirrorOf(metrics.text(glyph.font, glyph.code))) return glyph;
    useCompanion(findings, glyph);
    const font = companionName(glyph.font);
    return { ...glyph, font, fontOp: `/${font} ${glyph.size} Tf` };
  });
}

function useCompanion(findings: Findings, glyph: Glyph): void {
  const codes = findings.companions.get(glyph.font) ?? new Set<string>();
  codes.add(glyph.code);
  findings.companions.set(glyph.font, codes);
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
    useCompanion(findings, glyph);
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
