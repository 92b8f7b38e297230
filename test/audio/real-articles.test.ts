import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build/build.js';
import { ACX_LIMITS, audioFindings, measureAudio, PODCAST_LIMITS } from '../../src/check/meter.js';

/*
 * Real news pages (corpus/extraction-dev text, trimmed to a few hundred words), narrated by real flite and
 * measured on the shipped MP3 by ffmpeg's ebur128 and astats. Before the narration was heard with ffmpeg's
 * decoder too, the first of these measured −0.5 dBTP untrimmed (ffmpeg's decoder peaks up to 1.4 dB above
 * mpg123's on some frames).
 */
const REAL = 'test/fixtures/audio/real';

let out: string;
let inputs: string[];

beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'broadside-real-audio-'));
  // The articles are copied so that one can be edited for the warm rebuild.
  const dir = path.join(out, 'in');
  await mkdir(dir, { recursive: true });
  inputs = [];
  for (const name of (await readdir(REAL)).filter((n) => n.endsWith('.txt')).sort()) {
    await copyFile(path.join(REAL, name), path.join(dir, name));
    inputs.push(path.join(dir, name));
  }
});

afterAll(async () => {
  if (out) await rm(out, { recursive: true, force: true });
});

const mp3Of = (input: string, root: string) => {
  const name = path.basename(input, '.txt');
  return path.join(root, name, `${name}.mp3`);
};

describe('narrations of real articles, measured by ffmpeg ebur128 on the final MP3', () => {
  it('are −16 ± 1 LUFS and at most −1.5 dBTP, cold and rebuilt from a warm cache after an edit', async () => {
    const root = path.join(out, 'podcast');
    const first = await build({ inputs, outDir: root, formats: ['audio'] });
    expect(first.articles.map((a) => a.error)).toEqual(inputs.map(() => undefined));
    for (const input of inputs) expect(audioFindings(await measureAudio(mp3Of(input, root)), PODCAST_LIMITS), input).toEqual([]);

    // An edit in the middle: most stretches come from the cache, mastered at whatever gain the new whole asks for.
    const edited = inputs[0]!;
    const text = await readFile(edited, 'utf8');
    const middle = text.indexOf('\n\n', text.length / 2);
    await writeFile(edited, `${text.slice(0, middle)}\n\nThis sentence was added after the first build, and it is loud and clear!${text.slice(middle)}`);
    const second = await build({ inputs: [edited], outDir: root, formats: ['audio'] });
    expect(second.articles[0]?.error).toBeUndefined();
    const measured = await measureAudio(mp3Of(edited, root));
    expect(audioFindings(measured, PODCAST_LIMITS)).toEqual([]);
    expect(measured.truePeak).toBeLessThanOrEqual(-1.5);
  }, 600_000);

  it('meet the ACX limits (RMS −23 to −18 dB, peak ≤ −3 dB)', async () => {
    const root = path.join(out, 'acx');
    const input = inputs[1]!;
    const result = await build({ inputs: [input], outDir: root, formats: ['audio'], acx: true });
    expect(result.articles[0]?.error).toBeUndefined();
    const measured = await measureAudio(mp3Of(input, root));
    expect(audioFindings(measured, ACX_LIMITS)).toEqual([]);
    expect(measured.samplePeak).toBeLessThanOrEqual(-3);
  }, 600_000);
});

describe('audioFindings', () => {
  it('names each limit a measurement misses', () => {
    const loud = { integrated: -13.2, truePeak: 0.1, samplePeak: -0.6, rms: -12, range: 3 };
    expect(audioFindings(loud, PODCAST_LIMITS).map((f) => f.rule)).toEqual(['audio-loudness', 'audio-true-peak']);
    expect(audioFindings(loud, ACX_LIMITS).map((f) => f.rule)).toEqual(['audio-rms', 'audio-true-peak']);
  });
});
