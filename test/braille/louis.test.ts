import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { brfToLowerAscii, unicodeToBrf } from '../../src/formats/braille/ascii.js';
import { louTranslate } from '../../src/formats/braille/louis.js';
import { brailleTables } from '../../src/formats/braille/tables.js';
import { build } from '../../src/index.js';
import { tempDir } from '../helpers/fixtures.js';

const LIMITS = { timeoutMs: 30_000, maxInputBytes: 64 * 1024 * 1024 };

/** lou_translate processes that are children of this test process. */
function ourTranslators(): string[] {
  try {
    return execFileSync('pgrep', ['-P', String(process.pid), 'lou_translate'], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

describe('liblouis', () => {
  it('agrees with our braille ASCII table: its own ASCII output is our BRF in lower case', async () => {
    const sample = 'The quick brown fox (aged 7½) jumps over 1,024 “lazy” dogs—don’t you? 50% & more: [a/b] @home #1 é';
    const unicode = await louTranslate('en-ueb-g2.ctb', [sample], { direction: 'forward', ...LIMITS });
    const ascii = execFileSync('lou_translate', ['--forward', 'en-ueb-g2.ctb'], { input: `${sample}\n`, encoding: 'utf8' }).trim();
    expect(brfToLowerAscii(unicodeToBrf(unicode[0]).brf)).toBe(ascii);
  });

  it('translates line for line, each line on its own', async () => {
    const out = await louTranslate('en-ueb-g2.ctb', ['one', '', 'two'], { direction: 'forward', ...LIMITS });
    expect(out.map((line) => unicodeToBrf(line).brf)).toEqual(['"O', '', 'TWO']);
  });

  it('is stopped on abort, leaving no process behind', async () => {
    const controller = new AbortController();
    const big = Array.from({ length: 40_000 }, () => 'the knowledge of the people '.repeat(4));
    const running = louTranslate('en-ueb-g2.ctb', big, { direction: 'forward', signal: controller.signal, ...LIMITS });
    setTimeout(() => controller.abort(new Error('stopped by the test')), 50);
    await expect(running).rejects.toThrow('stopped by the test');
    expect(ourTranslators()).toEqual([]);
  });

  it('is stopped when it takes longer than the timeout', async () => {
    const big = Array.from({ length: 40_000 }, () => 'the knowledge of the people '.repeat(4));
    await expect(louTranslate('en-ueb-g2.ctb', big, { direction: 'forward', timeoutMs: 20, maxInputBytes: LIMITS.maxInputBytes })).rejects.toThrow('liblouis took longer than 20 ms and was stopped');
    expect(ourTranslators()).toEqual([]);
  });

  it('refuses input over the bound before starting', async () => {
    await expect(louTranslate('en-ueb-g2.ctb', ['x'.repeat(2000)], { direction: 'forward', timeoutMs: 1000, maxInputBytes: 1000 })).rejects.toThrow('2001 bytes to translate, over the limit of 1000');
  });

  it('says so when a table does not compile', async () => {
    await expect(louTranslate('no-such-table.ctb', ['x'], { direction: 'forward', ...LIMITS })).rejects.toThrow(/liblouis failed with no-such-table\.ctb/);
  });
});

describe('tables', () => {
  it('are chosen by language: English grade 2 or 1, Arabic, the most specific tag', () => {
    expect(brailleTables('en-GB', 2)).toMatchObject({ text: 'en-ueb-g2.ctb', code: 'en-ueb-g1.ctb', grade: 2 });
    expect(brailleTables('en', 1)).toMatchObject({ text: 'en-ueb-g1.ctb', grade: 1 });
    expect(brailleTables('ar', 2)).toMatchObject({ text: 'ar-ar-g1.utb', grade: 1 });
    expect(brailleTables('zh-TW', 2).text).toBe('zh-tw.ctb');
    expect(brailleTables('fr-CA', 2).text).toBe('fr-bfu-g2.ctb');
  });

  it('every table in the map is installed', () => {
    const map = JSON.parse(readFileSync(path.join(import.meta.dirname, '../../src/formats/braille/tables.json'), 'utf8')) as Record<string, Record<string, unknown>>;
    const installed = new Set(readdirSync('/usr/share/liblouis/tables'));
    for (const entry of Object.values(map)) for (const grade of ['1', '2']) if (entry[grade]) expect(installed, String(entry[grade])).toContain(entry[grade]);
  });

  it('fail with one line for a language without one, while the other editions build', async () => {
    const dir = tempDir();
    const source = path.join(dir, 'nihongo.md');
    writeFileSync(source, '---\ntitle: 日本語の記事\nlang: ja\n---\n\nこれは日本語の短い記事です。点字の表はありません。\n');
    const result = await build({ inputs: [source], outDir: path.join(dir, 'out'), formats: ['braille', 'html'] });
    const [article] = result.articles;
    expect(article.ok).toBe(false);
    expect(article.error).toBe(`${source}: braille edition: no braille table for the article's language "ja" (liblouis has none that Broadside knows; see docs/braille.md for the languages)`);
    expect(article.outputs).toEqual({ html: 'index.html' });
    expect(readdirSync(path.join(dir, 'out', 'nihongo')).filter((file) => /brf|braille/.test(file))).toEqual([]);
    expect(existsSync(path.join(dir, 'out', 'nihongo', 'index.html'))).toBe(true);
  });
});
