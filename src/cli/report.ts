import { VFile } from 'vfile';
import { reporter } from 'vfile-reporter';
import type { BuildEvent, BuildMessage, BuildResult } from '../index.js';

export type Verbosity = 'quiet' | 'normal' | 'verbose';

const say = (line: string) => process.stderr.write(`${line}\n`);

/** Plain log lines on stderr, one per event worth telling at this verbosity. */
export function eventLogger(verbosity: Verbosity): (event: BuildEvent) => void {
  return (event) => {
    if (event.type === 'article-done' && !event.result.ok) return say(`✗ ${event.result.error}`);
    if (verbosity === 'quiet') return;
    if (event.type === 'article-done') return say(`✓ ${event.source} → ${event.result.outDir}`);
    if (verbosity !== 'verbose') return;
    if (event.type === 'edition-done') say(`  ${event.source}: ${event.format} (${(event.ms / 1000).toFixed(1)} s)`);
    if (event.type === 'edition-unchanged') say(`  ${event.source}: ${event.format} unchanged`);
  };
}

/** The warnings as vfile-reporter prints them: grouped by file, each with its place, rule id and source. */
export function warningReport(messages: BuildMessage[]): string {
  const files = new Map<string, VFile>();
  for (const message of messages) {
    const file = files.get(message.file) ?? new VFile({ path: message.file });
    files.set(message.file, file);
    const place = message.line === undefined ? undefined : { line: message.line, column: message.column ?? 1 };
    file.message(message.reason, { place, ruleId: message.ruleId, source: message.source });
  }
  return files.size ? reporter([...files.values()], { quiet: true, color: process.env.NO_COLOR ? false : undefined }) : '';
}

/**
 * What the run comes to: its warnings (told by the events, so that the run's
 * housekeeping is among them), the --json report on stdout, the count on
 * stderr; resolves to the exit code.
 */
export function reportRun(result: BuildResult, options: { json?: boolean; verbosity: Verbosity; started: number; messages: BuildMessage[] }): number {
  const warnings = options.verbosity === 'quiet' ? '' : warningReport(options.messages);
  if (warnings) say(warnings);
  if (options.json) {
    const report = { ok: result.ok, durationMs: Math.round(performance.now() - options.started), articles: result.articles };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  }
  if (!result.articles.length) {
    say('broadside: no articles found (looked for .txt, .md, .markdown, .html, .htm)');
    return 1;
  }
  const failed = result.articles.filter((article) => !article.ok).length;
  if (options.verbosity !== 'quiet' || failed) say(`${result.articles.length - failed} built, ${failed} failed`);
  return failed ? 1 : 0;
}
