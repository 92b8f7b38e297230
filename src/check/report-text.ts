import { byFile } from './group.js';
import type { CheckReport, Status } from './types.js';
import { plural } from './words.js';

const MARK: Record<Status, string> = { pass: '✓', fail: '✗', warn: '!', skip: '–' };

/** The report for a terminal: every problem in full, the passes in one line per file. */
export function textReport(report: CheckReport): string {
  const lines: string[] = [];
  for (const target of report.targets) {
    lines.push(`${target.ok ? '✓' : '✗'} ${target.title ? `${target.title} — ` : ''}${target.target}`);
    for (const group of byFile(target)) {
      lines.push(`  ${group.label}`);
      for (const f of group.findings.filter((x) => x.status !== 'pass')) {
        lines.push(`    ${MARK[f.status]} ${f.summary} [${f.rule}]`);
        if (f.impact) lines.push(`        For readers: ${f.impact}`);
        if (f.fix) lines.push(`        To fix: ${f.fix}`);
        if (f.examples?.length) lines.push(`        Found: ${f.examples.join('; ')}`);
      }
      const passed = group.findings.filter((x) => x.status === 'pass');
      if (passed.length) lines.push(`    ✓ ${plural(passed.length, 'check')} passed: ${passed.map((p) => p.rule).join(', ')}`);
    }
    lines.push('');
  }
  const { pass, fail, warn, skip } = report.counts;
  lines.push(`${report.ok ? 'Passed' : 'Failed'}: ${plural(report.targets.length, 'target')}, ${plural(fail, 'failure')}, ${plural(warn, 'warning')}, ${pass} passed, ${skip} skipped.`);
  return `${lines.join('\n')}\n`;
}
