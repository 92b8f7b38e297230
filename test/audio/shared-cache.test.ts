import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SpeechCache } from '../../src/formats/audio/speech-cache.js';
import { build } from '../../src/index.js';
import { tempDir } from '../helpers/fixtures.js';
import { openingHours as ARTICLE } from './helpers.js';

const entries = (cache: string, ext: string) => readdirSync(cache).filter((name) => name.endsWith(ext));
const keysOf = (folder: string) => JSON.parse(readFileSync(path.join(folder, '.broadside-speech-keys.json'), 'utf8')) as string[];
/** Makes every cache entry look two minutes old, past the grace period that protects just-used entries. */
const age = (cache: string) => {
  const then = new Date(Date.now() - 120_000);
  for (const name of readdirSync(cache)) utimesSync(path.join(cache, name), then, then);
};

describe('speech cache shared by the articles of an output folder (real flite)', () => {
  it('speaks a sentence two articles share once, and prunes only what no article uses', async () => {
    const work = tempDir();
    const out = path.join(work, 'out');
    const cache = path.join(out, '.broadside-speech');
    const a = path.join(work, 'a.md');
    const b = path.join(work, 'b.md');
    writeFileSync(a, ARTICLE('Late returns pay no fine this term.'));
    writeFileSync(b, ARTICLE('Books returned late pay a small fine from June.'));

    const first = await build({ inputs: [a], outDir: out, formats: ['audio'] });
    expect(first.ok).toBe(true);
    const spokenForA = entries(cache, '.pcm');
    expect(spokenForA.length).toBeGreaterThan(6);
    expect(existsSync(path.join(out, 'a', '.broadside-speech'))).toBe(false);

    // b differs from a by one sentence: only that sentence goes to the engine.
    const second = await build({ inputs: [a, b], outDir: out, formats: ['audio'] });
    expect(second.ok).toBe(true);
    expect(second.articles[0]!.unchanged).toEqual(['audio']);
    const spokenNow = entries(cache, '.pcm');
    expect(spokenNow.filter((name) => !spokenForA.includes(name))).toHaveLength(1);
    const keysA = keysOf(path.join(out, 'a'));
    const keysB = keysOf(path.join(out, 'b'));
    const clipsB = keysB.filter((key) => existsSync(path.join(cache, `${key}.pcm`)));
    expect(clipsB.filter((key) => keysA.includes(key))).toHaveLength(clipsB.length - 1);

    // b goes away. While another build holds an article folder, nothing is pruned.
    rmSync(b);
    rmSync(path.join(out, 'b'), { recursive: true });
    age(cache);
    const busy = path.join(out, 'c');
    mkdirSync(busy);
    writeFileSync(path.join(busy, '.broadside.lock'), JSON.stringify({ pid: process.pid, host: hostname(), started: new Date().toISOString() }));
    const before = readdirSync(cache).sort();
    expect((await build({ inputs: [a], outDir: out, formats: ['audio'], force: true })).ok).toBe(true);
    expect(readdirSync(cache).sort()).toEqual(before);

    // Once it is gone, b's own sentence and stretches go; a's stay.
    rmSync(busy, { recursive: true });
    age(cache);
    expect((await build({ inputs: [a], outDir: out, formats: ['audio'], force: true })).ok).toBe(true);
    const left = readdirSync(cache).map((name) => name.replace(/\.[a-z0-9]+$/u, ''));
    const keep = new Set(keysOf(path.join(out, 'a')));
    expect(left.filter((key) => !keep.has(key))).toEqual([]);
    expect(entries(cache, '.pcm').sort()).toEqual([...spokenForA].sort());
  });

  it('makes an entry two articles need at the same moment once, and a waiter whose maker failed makes its own', async () => {
    const dir = path.join(tempDir(), '.broadside-speech');
    const first = new SpeechCache(dir, 'flite:rms');
    const second = new SpeechCache(dir, 'flite:rms');
    let made = 0;
    const work = async () => {
      made += 1;
      await new Promise((resolve) => setTimeout(resolve, 50));
      return made;
    };
    expect(await Promise.all([first.once('k', work), second.once('k', work)])).toEqual([1, 1]);
    expect(made).toBe(1);
    // Not a lasting cache: once the work is done, the next call works again.
    expect(await first.once('k', work)).toBe(2);
    const failing = first.once('f', () => Promise.reject(new Error('engine stopped')));
    const waiting = second.once('f', work);
    await expect(failing).rejects.toThrow('engine stopped');
    expect(await waiting).toBe(3);
  });
});
