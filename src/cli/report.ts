import type { BuildEvent, BuildResult } from '../index.js';

export type Verbosity = 'quiet' | 'normal' | 'verbose';

const say = (line: string) => process.stderr.write(`${line}\n`);

/** Plain log lines on stderr, one per event worth telling at this verbosity. */
export function eventLogger(verbosity: Verbosity): (event: BuildEvent) => void {
  return (event) => {
    if (event.type === 'article-done' && !event.result.ok) return say(`✗ ${event.result.error}`);
    if (verbosity === 'quiet') return;
    if (event.type === 'warning') return say(`  ${event.message}`);
    if (event.type === 'article-done') return say(`✓ ${event.source} → ${event.result.outDir}`);
    if (verbosity !== 'verbose') return;
    if (event.type === 'edition-done') say(`  ${event.source}: ${event.format} (${(event.ms / 1000).toFixed(1)} s)`);
    if (event.type === 'edition-unchanged') say(`  ${event.source}: ${event.format} unchanged`);
  };
}

/** What the run comes to: the --json report on stdout, the count on stderr; resolves to the exit code. */
export function reportRun(result: BuildResult, options: { json?: boolean; verbosity: Verbosity; started: number }): number {
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
