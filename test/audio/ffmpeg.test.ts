import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { decodeMp3Each, encodeMp3Frames, encodeMp3FramesMany } from '../../src/formats/audio/ffmpeg.js';
import { countFrames } from '../../src/formats/audio/mp3.js';

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

describe('decoding several pieces joined, with one ffmpeg (real ffmpeg)', () => {
  it('gives each piece its frames\' worth of samples, and past the first 1,632 exactly what decoding it alone gives', async () => {
    const rate = 16_000;
    const pieces = await encodeMp3FramesMany([signal(3, rate, 1), signal(1.3, rate, 2), signal(2.2, rate, 3)], rate, { kbps: 64, sampleRate: 24_000 });
    const shares: Float32Array[] = [];
    await decodeMp3Each(pieces, new AbortController().signal, async (samples) => void shares.push(samples));
    expect(shares).toHaveLength(3);
    shares.forEach((share, i) => {
      const mp3 = pieces[i]!;
      expect(share.length).toBe(countFrames(mp3) * 576);
      const bytes = execFileSync('ffmpeg', ['-v', 'error', '-f', 'mp3', '-i', 'pipe:0', '-ac', '1', '-f', 'f32le', 'pipe:1'], { input: mp3 });
      const alone = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
      expect(alone.length).toBe(share.length);
      for (let j = 1632; j < share.length; j++) expect(share[j]).toBe(alone[j]);
    });
  });
});
