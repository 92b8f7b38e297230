import { readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build/build.js';
import { check } from '../../src/check/index.js';
import type { CheckReport } from '../../src/check/types.js';
import { FIXTURES } from '../helpers/fixtures.js';

// The real-article corpus (see its README.md): the README itself is not an article.
const CORPUS = path.join(FIXTURES, 'corpus');
const ARTICLES = readdirSync(CORPUS).filter((name) => /\.(html|md|txt)$/u.test(name) && name !== 'README.md').map((name) => path.join(CORPUS, name));

let out: string;
let report: CheckReport;

beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'broadside-corpus-'));
  const result = await build({ inputs: ARTICLES, outDir: out });
  // liblouis has no table for some languages (Indonesian): that edition says so, and the others build.
  const failed = result.articles.filter((a) => !a.ok).map((a) => `${a.source}: ${a.error}`);
  expect(failed.filter((line) => !/: braille edition: .*no braille table/u.test(line))).toEqual([]);
  report = await check([out]);
}, 1_800_000);

afterAll(async () => {
  if (out) await rm(out, { recursive: true, force: true });
});

describe('broadside check on the real-article corpus', () => {
  it('has at least 25 articles, Latin and Arabic', () => {
    expect(ARTICLES.length).toBeGreaterThanOrEqual(25);
    expect(ARTICLES.filter((a) => path.basename(a).startsWith('ar-')).length).toBeGreaterThanOrEqual(3);
    expect(report.targets).toHaveLength(ARTICLES.length);
  });

  // Each article's failures, one line each: the lead can read what is left to mend.
  it.each(ARTICLES.map((a) => path.basename(a).replace(/\.[^.]+$/u, '')))('passes on %s', (name) => {
    const target = report.targets.find((t) => path.basename(t.target) === name)!;
    const failed = target.findings.filter((f) => f.status === 'fail').map((f) => `${path.basename(f.file)} ${f.rule}: ${f.summary}`);
    expect(failed).toEqual([]);
  });
});
