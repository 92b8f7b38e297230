import { createRequire } from 'node:module';
import { ace, epubcheck } from '../formats/epub/verify.js';
import { findingsFor, quote } from './finding.js';
import type { CheckContext, EditionChecker, Finding } from './types.js';

/** Whether Ace by DAISY is installed (it is a development dependency). */
function aceInstalled(): boolean {
  try {
    createRequire(import.meta.url).resolve('@daisy/ace-cli/package.json');
    return true;
  } catch {
    return false;
  }
}

/** The EPUB through EPUBCheck (the format, as reading systems and stores check it) and Ace by DAISY (its accessibility). */
async function checkEpub(file: string, context: CheckContext): Promise<Finding[]> {
  const make = findingsFor('epub', file);
  const findings: Finding[] = [];
  const checked = await epubcheck(file, { signal: context.signal });
  findings.push(checked.errors + checked.warnings === 0
    ? make.pass('epub-epubcheck', 'EPUBCheck: 0 errors, 0 warnings.')
    : make.fail('epub-epubcheck', `EPUBCheck: ${checked.errors} error(s), ${checked.warnings} warning(s).`, {
        impact: 'Reading apps and library catalogues may refuse the book, or show parts of it wrongly.',
        fix: 'Rebuild the EPUB with Broadside; if it comes from another tool, fix what EPUBCheck names.',
        examples: quote(checked.messages.map((m) => `${m.id}: ${m.message}${m.where ? ` (${m.where})` : ''}`), 5),
      }));
  if (!aceInstalled()) {
    findings.push(make.skip('epub-ace', 'Ace by DAISY is not installed (npm install @daisy/ace-cli), so the accessibility checks were skipped.'));
    return findings;
  }
  const audited = await ace(file, { signal: context.signal });
  findings.push(audited.violations.length === 0
    ? make.pass('epub-ace', 'Ace by DAISY: 0 violations.')
    : make.fail('epub-ace', `Ace by DAISY: ${audited.violations.length} violation(s).`, {
        impact: 'Screen-reader users meet what Ace names: missing names, headings out of order, or metadata catalogues need to find the book.',
        fix: 'Fix the source where the rule points (alt text, headings, tables), then rebuild.',
        examples: quote(audited.violations.map((v) => `${v.rule} (${v.impact}) in ${v.where}: ${v.description}`), 5),
      }));
  return findings;
}

export const epubChecker: EditionChecker = {
  edition: 'epub',
  accepts: (file) => /\.epub$/iu.test(file),
  check: checkEpub,
};
