import type { Finding, Status } from './types.js';

/** Builds the findings of one file and edition, so each check states only what it found. */
export function findingsFor(edition: string, file: string) {
  const make = (status: Status) => (rule: string, summary: string, detail: Pick<Finding, 'impact' | 'fix' | 'examples'> = {}): Finding => ({ rule, edition, file, status, summary, ...detail });
  return { pass: make('pass'), fail: make('fail'), warn: make('warn'), skip: make('skip') };
}

/** Quote a few examples for the report, shortened. */
export function quote(values: string[], limit = 5, width = 70): string[] {
  return values.slice(0, limit).map((value) => {
    const clean = value.replace(/\s+/gu, ' ').trim();
    return clean.length > width ? `“${clean.slice(0, width - 1)}…”` : `“${clean}”`;
  });
}
