import { appendFileSync, copyFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { runCli } from '../helpers/cli.js';
import { SEED, tempDir } from '../helpers/fixtures.js';

function snapshot(dir: string): Record<string, number> {
  return Object.fromEntries(readdirSync(dir, { recursive: true }).map((name) => [String(name), statSync(path.join(dir, String(name))).mtimeMs]));
}

describe('incremental rebuilds', () => {
  it('leaves an unchanged article untouched, rebuilds an edited one, and rebuilds all with force', async () => {
    const work = tempDir();
    const article = path.join(work, 'article.txt');
    copyFileSync(SEED, article);
    const out = path.join(work, 'out');
    const first = await build({ inputs: [article], outDir: out, formats: ['html'] });
    expect(first.articles[0].unchanged).toEqual([]);
    const folder = path.join(out, 'article');
    const before = snapshot(folder);

    const second = await build({ inputs: [article], outDir: out, formats: ['html'] });
    expect(second.articles[0]).toMatchObject({ ok: true, unchanged: ['html'], outputs: { html: 'index.html' } });
    expect(snapshot(folder)).toEqual(before);

    appendFileSync(article, '\nA new closing paragraph, added after the first build, that the page must now show.\n');
    const edited = await build({ inputs: [article], outDir: out, formats: ['html'] });
    expect(edited.articles[0].unchanged).toEqual([]);
    expect(statSync(path.join(folder, 'index.html')).mtimeMs).toBeGreaterThan(before['index.html']);

    const forced = await build({ inputs: [article], outDir: out, formats: ['html'], force: true });
    expect(forced.articles[0].unchanged).toEqual([]);
  });
});

describe('--json report', () => {
  it('describes what was built, the failures, the warnings and the timings', () => {
    const out = tempDir();
    const run = runCli(['build', SEED, path.join(out, 'nope.md'), '--formats', 'html', '--out', out, '--json', '--quiet']);
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ ok: false, durationMs: expect.any(Number) });
    expect(report.articles).toHaveLength(2);
    const [seed, missing] = report.articles;
    expect(seed).toMatchObject({
      source: SEED,
      outDir: path.join(out, 'is-khorasan'),
      ok: true,
      outputs: { html: 'index.html' },
      warnings: expect.any(Array),
      timings: { html: expect.any(Number) },
      unchanged: [],
    });
    expect(missing).toMatchObject({ ok: false, error: `${path.join(out, 'nope.md')}: no such file` });
    // --quiet prints only the error line on stderr.
    expect(run.stderr.trim().split('\n')).toEqual([`✗ ${path.join(out, 'nope.md')}: no such file`, '1 built, 1 failed']);
  });
});
