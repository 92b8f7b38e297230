import { readFile } from 'node:fs/promises';
import { checkBrf } from '../formats/braille/verify.js';
import { findingsFor, quote } from './finding.js';
import type { CheckContext, EditionChecker, Finding } from './types.js';

/** What each BRF format rule means for the person at the embosser or the braille display. */
const IMPACT: Record<string, string> = {
  'brf-empty': 'There is nothing to emboss.',
  'brf-bytes': 'Embossers print a byte outside braille ASCII as a wrong cell or stop; braille displays show garbage.',
  'brf-line-end': 'An embosser that expects CR LF runs lines together or double-spaces them.',
  'brf-line-length': 'A line longer than the paper wraps on the embosser and breaks the layout of every line after it.',
  'brf-page-length': 'A page longer than the paper spills onto the next sheet, and page numbers no longer match.',
  'brf-page-number': 'A reader cannot find "page 3" with a classmate, or tell that a page is missing.',
};

/** The braille edition's format, as embossers expect it (40 cells by 25 lines unless built otherwise). */
async function checkBraille(file: string, _context: CheckContext): Promise<Finding[]> {
  const make = findingsFor('braille', file);
  const result = checkBrf(await readFile(file));
  if (result.ok) return [make.pass('brf-format', `${result.pages} braille pages of at most 40 cells by 25 lines, braille ASCII with CR LF, form feeds and page numbers in sequence.`)];
  const rules = [...new Set(result.problems.map((p) => p.rule))];
  return rules.map((rule) =>
    make.fail(rule, `${result.problems.filter((p) => p.rule === rule).length} problem(s) with the BRF format (${rule}).`, {
      impact: IMPACT[rule],
      fix: 'Rebuild the braille edition with Broadside (`--formats braille`); if the file comes from another tool, set it to 40 cells, 25 lines, BRF (braille ASCII) output.',
      examples: quote(result.problems.filter((p) => p.rule === rule).map((p) => p.message), 3),
    }),
  );
}

export const brailleChecker: EditionChecker = {
  edition: 'braille',
  accepts: (file) => /\.brf$/iu.test(file),
  check: checkBraille,
};
