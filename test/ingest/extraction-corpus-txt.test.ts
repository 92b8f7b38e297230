import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The .txt reader on the real pages of the extraction corpus (shared/corpus/
 * extraction-dev, the pages as copied from a browser): the article text it
 * keeps must score F1 ≥ 0.90 against the hand-made ground truth, and every
 * page must build. The corpus lives beside the project (../shared), or in a
 * folder above it; without it there is nothing to measure.
 */
function findShared(): string | undefined {
  for (let dir = path.resolve('..'); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'shared');
    if (existsSync(path.join(candidate, 'tools', 'extraction-score')) && existsSync(path.join(candidate, 'corpus', 'extraction-dev'))) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

const shared = findShared();
const TARGET_F1 = 0.9;

describe('extraction corpus, txt mode', () => {
  it.skipIf(!shared)(`keeps the article text of the dev corpus at F1 ≥ ${TARGET_F1}, every page built`, () => {
    const run = spawnSync('python3', [path.join(shared!, 'tools', 'extraction-score'), '--mode', 'txt', '--json', '--corpus', path.join(shared!, 'corpus', 'extraction-dev')], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout.split('\n').find((l) => l.startsWith('{'))!) as { f1: number; failed: string[]; pages: number };
    expect(result.failed).toEqual([]);
    expect(result.pages).toBeGreaterThan(0);
    expect(result.f1).toBeGreaterThanOrEqual(TARGET_F1);
  }, 240_000);

  it.skipIf(shared)('is skipped: ../shared/corpus/extraction-dev is not there', () => {
    console.warn('extraction corpus not found (../shared/corpus/extraction-dev): the txt-mode F1 check did not run');
  });
});
