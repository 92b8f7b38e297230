import path from 'node:path';
import type { Finding, TargetReport } from './types.js';

export const EDITION_NAMES: Record<string, string> = {
  page: 'Web page',
  pdf: 'Print PDF',
  'large-print': 'Large-print PDF',
  audio: 'Audio narration',
  captions: 'Captions',
  editions: 'Across editions',
};

/** A target's findings by file, in the order they were checked; names relative to the article's folder. */
export function byFile(report: TargetReport): { label: string; edition: string; findings: Finding[] }[] {
  const groups = new Map<string, { label: string; edition: string; findings: Finding[] }>();
  for (const finding of report.findings) {
    const key = `${finding.edition}\u0000${finding.file}`;
    const name = report.kind === 'article' ? path.relative(report.target, finding.file) || path.basename(finding.file) : path.basename(finding.file);
    const label = `${EDITION_NAMES[finding.edition] ?? finding.edition}${finding.edition === 'editions' ? '' : ` (${name})`}`;
    if (!groups.has(key)) groups.set(key, { label, edition: finding.edition, findings: [] });
    groups.get(key)!.findings.push(finding);
  }
  return [...groups.values()];
}
