import type { Browser } from 'puppeteer';
import { launchBrowser } from '../common/browser.js';
import { acrossEditions } from './across.js';
import { pageFacts } from './facts.js';
import { findingsFor } from './finding.js';
import { checkerFor } from './registry.js';
import { resolveTargets, type Target } from './targets.js';
import type { CheckContext, CheckOptions, CheckReport, EditionFacts, Finding, Status, TargetReport } from './types.js';

export { CheckUsageError } from './targets.js';
export type { CheckOptions, CheckReport, Finding, TargetReport } from './types.js';

async function checkTarget(target: Target, browser: () => Promise<Browser>, signal?: AbortSignal): Promise<TargetReport> {
  const article = target.page ? await pageFacts(target.page) : undefined;
  const facts: EditionFacts[] = [];
  const findings: Finding[] = [];
  for (const { file, role } of target.files) {
    signal?.throwIfAborted();
    if (role === 'captions' && target.kind === 'article') continue; // checked with the MP3 they time
    const checker = checkerFor(file);
    if (!checker) {
      findings.push(findingsFor(role ?? 'file', file).skip('no-checks', `No checks for this edition yet (${role ?? file}).`));
      continue;
    }
    const context: CheckContext = { browser, article, role, signal, record: (fact) => facts.push(fact) };
    try {
      findings.push(...(await checker.check(file, context)));
    } catch (error) {
      findings.push(findingsFor(checker.edition, file).fail('unreadable', `Cannot be checked: ${(error as Error).message.split('\n')[0]}`, {
        impact: 'A file the checkers cannot open is likely broken for readers too.',
        fix: 'Rebuild the edition; if it comes from another tool, check that the file is complete.',
      }));
    }
  }
  if (target.kind === 'article') findings.push(...acrossEditions(target.target, facts, target.manifest));
  const title = target.manifest?.title ?? article?.title;
  return { target: target.target, kind: target.kind, title, ok: !findings.some((f) => f.status === 'fail'), findings };
}

/**
 * Check built editions and single files with the independent readers the
 * tests use (axe in Chromium, Poppler, pdf.js, pdf-lib, ffprobe, ffmpeg
 * ebur128): one report, each problem with what it means for a reader and
 * what to change. Throws CheckUsageError for paths that cannot be checked.
 */
export async function check(paths: string[], options: CheckOptions = {}): Promise<CheckReport> {
  const targets = await resolveTargets(paths);
  let launched: Promise<Browser> | undefined;
  const browser = () => (launched ??= launchBrowser({ executablePath: options.browserPath }));
  const reports: TargetReport[] = [];
  try {
    for (const target of targets) reports.push(await checkTarget(target, browser, options.signal));
  } finally {
    if (launched) await (await launched.catch(() => undefined))?.close().catch(() => {});
  }
  const counts: Record<Status, number> = { pass: 0, fail: 0, warn: 0, skip: 0 };
  for (const finding of reports.flatMap((r) => r.findings)) counts[finding.status]++;
  return { ok: counts.fail === 0, counts, targets: reports };
}
