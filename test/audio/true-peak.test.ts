import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gainAndLimit } from '../../src/formats/audio/master.js';
import { truePeakOf } from '../../src/formats/audio/true-peak.js';

/** Speech-like test signal: a few partials under a syllable-rate envelope, with noise. */
function voiced(seconds: number, rate: number, seed: number): Float32Array {
  const out = new Float32Array(Math.round(seconds * rate));
  let state = seed;
  for (let i = 0; i < out.length; i++) {
    state = (state * 1664525 + 1013904223) >>> 0;
    const t = i / rate;
    const envelope = Math.max(0, Math.sin(2 * Math.PI * 3 * t)) ** 2;
    const tone = Math.sin(2 * Math.PI * 140 * t) + 0.6 * Math.sin(2 * Math.PI * 2730 * t + 1) + 0.4 * Math.sin(2 * Math.PI * 5300 * t);
    out[i] = 0.3 * envelope * tone + 0.02 * (state / 2 ** 32 - 0.5);
  }
  return out;
}

/** ffmpeg's ebur128 true peak (dBTP) of mono float samples. */
function ebur128Peak(file: string): number {
  const { stderr } = spawnSync('ffmpeg', ['-hide_banner', '-nostats', '-f', 'f32le', '-ar', '24000', '-ac', '1', '-i', file, '-af', 'ebur128=peak=true', '-f', 'null', '-'], { encoding: 'utf8' });
  return Number(/True peak:\s*\n\s*Peak:\s*(-?[\d.]+|-inf)/.exec(stderr)![1]);
}

describe('the 8× true peak the build judges the MP3 by', () => {
  it('reads what ffmpeg ebur128 reads, within 0.15 dB, and never less than the sample peak', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'broadside-true-peak-'));
    try {
      for (const seed of [1, 2, 3]) {
        const samples = voiced(4, 24_000, seed);
        const file = path.join(dir, `${seed}.f32`);
        await writeFile(file, Buffer.from(samples.buffer));
        const { samplePeak, truePeak } = truePeakOf(samples);
        expect(truePeak).toBeGreaterThanOrEqual(samplePeak);
        expect(Math.abs(20 * Math.log10(truePeak) - ebur128Peak(file))).toBeLessThan(0.15);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('the limiter (in place) keeps every 4× true peak under its ceiling', () => {
    const samples = voiced(3, 16_000, 7);
    const limited = gainAndLimit(samples, 16_000, 9, -2.5);
    expect(limited).toBe(samples);
    let peak = 0;
    for (const x of limited) peak = Math.max(peak, Math.abs(x));
    expect(20 * Math.log10(peak)).toBeLessThanOrEqual(-2.5 + 1e-6);
    expect(20 * Math.log10(peak)).toBeGreaterThan(-3.5);
  });
});
