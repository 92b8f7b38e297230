import type { Browser, Page } from 'puppeteer';
import { launchBrowser } from '../../src/common/browser.js';
import { AXE_TAGS, type AxeViolation, runAxe } from '../../src/check/page-audit.js';

// The tests run the same axe as `broadside check`.
export { AXE_TAGS, launchBrowser, runAxe };
export type { AxeViolation, Browser, Page };

export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')} ${n.failureSummary ?? ''}`).join('\n')}`)
    .join('\n');
}
