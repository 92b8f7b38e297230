import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseVoice } from '../../src/formats/audio/engines/index.js';
import { narrationScript } from '../../src/formats/audio/script.js';
import { pruneSpeechCache, SpeechCache } from '../../src/formats/audio/speech-cache.js';
import { narrate } from '../../src/formats/audio/synthesize.js';
import { readArticle } from '../../src/ingest/index.js';
import { tempDir } from '../helpers/fixtures.js';
import { openingHours as ARTICLE } from './helpers.js';

/** Narrates into `out`'s shared cache as the article folder `out/hours` would, then prunes at once (no grace period). */
async function narrateWithCache(file: string, out: string) {
  const cacheDir = path.join(out, '.broadside-speech');
  const articleDir = path.join(out, 'hours');
  mkdirSync(articleDir, { recursive: true });
  const doc = await readArticle(file);
  const chosen = await chooseVoice('en', 'flite:rms');
  const cache = new SpeechCache(cacheDir, `${chosen.engine.id}:${chosen.voice.id}`);
  const narration = await narrate(narrationScript(doc), chosen, {
    lang: 'en',
    lexicon: doc.lexicon,
    signal: new AbortController().signal,
    headSeconds: 0.5,
    tailSeconds: 1,
    cache,
  });
  await cache.saveKeys(articleDir);
  await pruneSpeechCache(out, cacheDir, 0);
  return { narration, hits: cache.hits, misses: cache.misses };
}

describe('per-sentence speech cache (real flite)', () => {
  it('re-synthesises only the edited sentence, with the same timings for the rest', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'hours.md');
    const out = path.join(dir, 'out');
    const cacheDir = path.join(out, '.broadside-speech');
    writeFileSync(file, ARTICLE('Late returns pay no fine this term.'));
    const cold = await narrateWithCache(file, out);
    expect(cold.hits).toBe(0);
    expect(cold.misses).toBeGreaterThan(6);
    const entries = readdirSync(cacheDir).length;
    expect(entries).toBe(cold.misses);

    writeFileSync(file, ARTICLE('Books returned late pay a small fine from June.'));
    const warm = await narrateWithCache(file, out);
    expect(warm.misses).toBe(1);
    expect(warm.hits).toBe(cold.misses - 1);
    // The stale sentence's entry is pruned, the new one added.
    expect(readdirSync(cacheDir).length).toBe(entries);

    const length = (cue: { start: number; end: number }) => cue.end - cue.start;
    const before = cold.narration.cues;
    const after = warm.narration.cues;
    expect(after.map((cue) => cue.id)).toEqual(before.map((cue) => cue.id));
    const changed = after.findIndex((cue) => cue.text.startsWith('Books returned late'));
    expect(changed).toBeGreaterThan(0);
    after.forEach((cue, i) => {
      if (i !== changed) expect(length(cue)).toBeCloseTo(length(before[i]), 3);
    });
  });
});
