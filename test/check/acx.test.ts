import { execFileSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build/build.js';
import { ACX } from '../../src/check/audio.js';
import { check } from '../../src/check/index.js';
import { FIXTURES, tempDir } from '../helpers/fixtures.js';
import { failures, findingsOf } from './helpers.js';

// One real article of the corpus, short (two minutes of narration), built with the audiobook preset.
const SOURCE = path.join(FIXTURES, 'corpus', 'de-heise-1password.html');

let out: string;
let mp3: string;

beforeAll(async () => {
  out = tempDir('broadside-check-acx-');
  const result = await build({ inputs: [SOURCE], outDir: out, formats: ['audio', 'html'], acx: true });
  expect(result.articles[0]?.error).toBeUndefined();
  mp3 = path.join(result.articles[0]!.outDir, 'de-heise-1password.mp3');
}, 600_000);

afterAll(async () => {
  if (out) await rm(out, { recursive: true, force: true });
});

/** The figures of an audio-loudness summary, in dB. */
function figures(summary: string): { rms: number; peak: number; floor: number } {
  const number = (pattern: RegExp) => Number(pattern.exec(summary)?.[1]);
  return { rms: number(/RMS (-?\d+\.\d) dB/u), peak: number(/, peak (-?\d+\.\d) dB/u), floor: number(/noise floor (-?\d+\.\d) dB/u) };
}

describe('broadside check on a corpus article built with --acx', () => {
  it('judges it by the ACX limits, and it is within them: RMS, peak, noise floor at both ends', async () => {
    const report = await check([mp3]);
    expect(failures(report)).toBe('');
    const loudness = findingsOf(report, 'audio-loudness')[0]!;
    expect(loudness.summary).toMatch(/^Within the acx limits: .*room tone -\d+\.\d dB at the head, -\d+\.\d dB at the tail/u);
    const { rms, peak, floor } = figures(loudness.summary);
    expect(rms).toBeGreaterThanOrEqual(ACX.rmsMin);
    expect(rms).toBeLessThanOrEqual(ACX.rmsMax);
    expect(peak).toBeLessThanOrEqual(ACX.peak);
    expect(floor).toBeLessThanOrEqual(ACX.noiseFloor);
    for (const rule of ['audio-chapters', 'captions-timing', 'captions-text']) expect(findingsOf(report, rule)[0]?.status, rule).toBe('pass');
  }, 120_000);

  it('fails it when the tail’s room tone is noise above the −60 dB floor', async () => {
    const noisy = path.join(out, 'noisy-tail.mp3');
    // Two seconds of pink noise (about −45 dB RMS) after the narration, encoded as the ACX build is.
    execFileSync('ffmpeg', ['-v', 'error', '-i', mp3, '-f', 'lavfi', '-t', '2', '-i', 'anoisesrc=c=pink:a=0.02:r=44100', '-filter_complex', '[0:a][1:a]concat=n=2:v=0:a=1',
      '-ac', '1', '-ar', '44100', '-c:a', 'libmp3lame', '-b:a', '192k', noisy]);
    const loudness = findingsOf(await check([noisy]), 'audio-loudness')[0]!;
    expect(loudness.status).toBe('fail');
    expect(loudness.summary).toMatch(/^Outside the acx limits: noise floor -\d+\.\d dB \(the room tone at the tail\) is above -60\./u);
  }, 120_000);
});
