import { mirrorOf } from './companion-fonts.js';
import { resolve, type BidiKind } from './bidi-lines.js';
import type { FontMetrics, Run } from './text-run.js';

/**
 * Brackets that Chromium drew mirrored where nothing says so. Inside a
 * right-to-left run (/ReversedChars) every bracket is drawn with its mirror's
 * glyph, and ./draw-run.ts maps it back. A bracket Chromium draws alone, as a
 * run of one glyph, gets no /ReversedChars (one glyph has nothing to reverse),
 * so the stream cannot tell its mirrored glyph from the real one: the closing
 * bracket of "(modelcontextprotocol.io)" inside Arabic text reads "(".
 *
 * Chromium mirrors a bracket that the bidi algorithm puts at a right-to-left
 * level (UAX #9, L4). So a lone bracket is taken as mirrored when it resolves
 * right to left among the objects of its printed line (every object on the
 * baseline, in whatever marked content: a link is a sequence of its own),
 * by the same rules that order the line (./bidi-lines.ts).
 */

export interface LineObject {
  run?: Run;
  reversed: boolean;
  kind: BidiKind;
  y?: number;
  size: number;
}

/** The one-glyph bracket objects of a right-to-left page's stream that were drawn as their mirror. */
export function loneMirroredBrackets<T extends LineObject>(objects: T[], metrics: FontMetrics): Set<T> {
  const found = new Set<T>();
  for (const line of printedLines(objects)) {
    const directions = resolve(line.map((object) => object.kind), true);
    line.forEach((object, index) => {
      const glyphs = object.run?.glyphs ?? [];
      const lone = !object.reversed && glyphs.length === 1 && mirrorOf(metrics.text(glyphs[0]!.font, glyphs[0]!.code));
      if (lone && directions[index] === 'R') found.add(object);
    });
  }
  return found;
}

/** The objects on each baseline (within a fifth of the type size), in stream order. */
function printedLines<T extends LineObject>(objects: T[]): T[][] {
  const lines: T[][] = [];
  for (const object of objects) {
    if (object.y === undefined || !object.run) continue;
    const line = lines.find((candidate) => Math.abs(candidate[0]!.y! - object.y!) <= 0.2 * Math.min(candidate[0]!.size, object.size));
    if (line) line.push(object);
    else lines.push([object]);
  }
  return lines;
}
