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
  // The EPUB is left out here (Ace takes half a minute a book); its own tests check it on the fixtures.
  const result = await build({ inputs: ARTICLES, outDir: out, formats: ['pdf', 'audio', 'braille', 'html'] });
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

  // Every check must pass on every article: no open defect is excused any more (issue 13). The print editions'
  // tag text was the last: before, 69–88 % of the words in order on the 4 Arabic articles, 66–97 % on 4 more
  // (Indonesian, Italian, Portuguese, a README), and 1–11 words run together on 7 (at <br>, inline code, code
  // blocks and printed addresses); bookmarks, sections across editions, large print, reflow and empty table
  // headers before that.
  it.each(ARTICLES.map((a) => path.basename(a).replace(/\.[^.]+$/u, '')))('passes every check on %s', (name) => {
    const target = report.targets.find((t) => path.basename(t.target) === name)!;
    const failed = target.findings.filter((f) => f.status === 'fail').map((f) => `${path.basename(f.file)} ${f.rule}: ${f.summary}`);
    expect(failed).toEqual([]);
    // What does pass everywhere now: the PDF/UA claim, the tagging, the true peak and loudness, the bookmarks, large
    // print, reflow and axe (run on every article, so these are findings that must be there and pass).
    for (const rule of ['pdf-ua-claim', 'pdf-untagged-content', 'pdf-structure-text', 'pdf-run-together', 'audio-loudness', 'captions-text', 'pdf-bookmarks', 'pdf-large-print', 'page-reflow', 'page-axe']) {
      const statuses = target.findings.filter((f) => f.rule === rule).map((f) => f.status);
      expect(statuses, rule).toContain('pass');
      expect(statuses, rule).not.toContain('fail');
    }
  });
});
