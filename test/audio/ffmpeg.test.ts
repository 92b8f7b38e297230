import { describe, expect, it } from 'vitest';
import { encodeMp3Frames, encodeMp3FramesMany } from '../../src/formats/audio/ffmpeg.js';

/** A few seconds of a gliding tone with some noise: something LAME has to work at. */
function signal(seconds: number, rate: number, seed: number): Float32Array {
  const samples = new Float32Array(Math.round(seconds * rate));
  let state = seed;
  for (let i = 0; i < samples.length; i++) {
    state = (state * 1664525 + 1013904223) >>> 0;
    samples[i] = 0.4 * Math.sin((2 * Math.PI * (200 + seed * 50 + i / 40) * i) / rate) + 0.05 * (state / 2 ** 32 - 0.5);
  }
  return samples;
}

describe('encoding several pieces with one ffmpeg (real ffmpeg)', () => {
  it('gives each piece exactly the bytes it gets when encoded alone', async () => {
    const rate = 16_000;
    const pieces = [signal(3, rate, 1), signal(1.3, rate, 2), signal(2.2, rate, 3)];
    const together = await encodeMp3FramesMany(pieces, rate, { kbps: 64, sampleRate: 24_000 });
    const alone = await Promise.all(pieces.map((samples) => encodeMp3Frames(samples, rate, { kbps: 64, sampleRate: 24_000 })));
    expect(together).toHaveLength(3);
    together.forEach((bytes, i) => {
      expect(bytes.length).toBeGreaterThan(1000);
      expect(bytes.equals(alone[i]!)).toBe(true);
    });
  });
});
