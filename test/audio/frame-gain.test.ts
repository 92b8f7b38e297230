import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MPEGDecoder } from 'mpg123-decoder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeMp3Frames } from '../../src/formats/audio/ffmpeg.js';
import { frameGains, framesToLower, lowerEach, lowerFrames, STEP_DB } from '../../src/formats/audio/frame-gain.js';
import { frameOffsets } from '../../src/formats/audio/mp3.js';
import { overshoots, truePeakOf } from '../../src/formats/audio/true-peak.js';
import { ebur128 } from './helpers.js';

/** Speech-like: a tone with a vowel's harmonics and noise, swelling syllable by syllable, with one loud burst at 2.5 s. */
function speechLike(seconds: number, rate: number): Float32Array {
  const samples = new Float32Array(Math.round(seconds * rate));
  let state = 7;
  for (let i = 0; i < samples.length; i++) {
    state = (state * 1664525 + 1013904223) >>> 0;
    const t = i / rate;
    const syllable = 0.5 + 0.5 * Math.sin(2 * Math.PI * 4 * t);
    const burst = Math.abs(t - 2.5) < 0.03 ? 2.2 : 1;
    const voice = Math.sin(2 * Math.PI * 140 * t) + 0.5 * Math.sin(2 * Math.PI * 280 * t) + 0.3 * Math.sin(2 * Math.PI * 700 * t);
    samples[i] = burst * syllable * (0.2 * voice + 0.04 * (state / 2 ** 32 - 0.5));
  }
  return samples;
}

function ffmpegDecode(mp3: Uint8Array): Float32Array {
  const bytes = execFileSync('ffmpeg', ['-v', 'error', '-f', 'mp3', '-i', 'pipe:0', '-ac', '1', '-f', 'f32le', 'pipe:1'], { input: mp3, maxBuffer: 1 << 28 });
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

async function mpg123Decode(mp3: Uint8Array): Promise<Float32Array> {
  const decoder = new MPEGDecoder();
  await decoder.ready;
  try {
    const { channelData, errors } = decoder.decode(mp3);
    expect(errors).toHaveLength(0);
    return channelData[0]!;
  } finally {
    decoder.free();
  }
}

const rms = (samples: Float32Array, from: number, to: number) => {
  let sum = 0;
  for (let i = from; i < to; i++) sum += samples[i]! ** 2;
  return Math.sqrt(sum / (to - from));
};
const db = (value: number) => 20 * Math.log10(value);

describe('turning MP3 frames down through global_gain (real libmp3lame, ffmpeg and mpg123)', () => {
  let dir: string;
  let mp3: Buffer;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'frame-gain-'));
    mp3 = await encodeMp3Frames(speechLike(4, 16_000), 16_000, { kbps: 64, sampleRate: 24_000 });
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('changes only the global_gain of the frames asked for, and keeps the stream valid', () => {
    const lowered = lowerFrames(mp3, 60, 70, 2)!;
    expect(lowered.length).toBe(mp3.length);
    expect(frameOffsets(lowered)).toEqual(frameOffsets(mp3));
    const before = frameGains(mp3);
    const after = frameGains(lowered);
    after.forEach((gain, i) => expect(gain).toBe(i >= 60 && i < 70 ? Math.max(0, before[i]! - 2) : before[i]));
    // One byte or two per frame (the 8-bit field may straddle a byte boundary).
    const changed = [...lowered].filter((byte, i) => byte !== mp3[i]).length;
    expect(changed).toBeGreaterThan(0);
    expect(changed).toBeLessThanOrEqual(20);
  });

  it('turns the frames down by 1.5 dB a step, as ffmpeg and mpg123 decode them, and leaves the rest sample for sample', async () => {
    const lowered = lowerFrames(mp3, 60, 70, 2)!;
    const [a, b] = [ffmpegDecode(mp3), ffmpegDecode(lowered)];
    expect(b.length).toBe(a.length);
    // Frame f reaches samples 576·f + 1 … 576·f + 1631 of the decoding: frames 60–69 reach 34,561 … 41,455.
    for (let i = 0; i < a.length; i++) if (i <= 60 * 576 || i > 69 * 576 + 1631) expect(b[i]).toBe(a[i]);
    const inside = [62 * 576 + 600, 68 * 576] as const;
    expect(db(rms(b, ...inside) / rms(a, ...inside))).toBeCloseTo(-2 * STEP_DB, 1);
    const [c, d] = [await mpg123Decode(mp3), await mpg123Decode(lowered)];
    expect(db(rms(d, ...inside) / rms(c, ...inside))).toBeCloseTo(-2 * STEP_DB, 1);
  });

  it('brings an overshoot found in the decoding under the limit, by ffmpeg ebur128 too, touching a few frames only', async () => {
    const decoded = ffmpegDecode(mp3);
    const peak = db(truePeakOf(decoded).truePeak);
    const limit = peak - 1;
    const frames = framesToLower(overshoots(decoded, 10 ** (limit / 20)), limit, 576);
    expect(frames.size).toBeGreaterThan(0);
    expect(frames.size).toBeLessThan(20);
    expect(Math.max(...frames.values())).toBe(1);
    const mended = lowerEach(mp3, frames)!;
    expect(db(truePeakOf(ffmpegDecode(mended)).truePeak)).toBeLessThan(limit);
    const [before, after] = [path.join(dir, 'before.mp3'), path.join(dir, 'after.mp3')];
    await writeFile(before, mp3);
    await writeFile(after, mended);
    const [measuredBefore, measuredAfter] = [ebur128(before), ebur128(after)];
    expect(measuredAfter.truePeak).toBeLessThanOrEqual(measuredBefore.truePeak - 0.5);
    // A few frames of four seconds: the loudness hardly moves.
    expect(Math.abs(measuredAfter.integrated - measuredBefore.integrated)).toBeLessThanOrEqual(0.2);
  });

  it('turns MPEG-1 frames (the ACX preset: 44.1 kHz, 192 kbps, two granules a frame) down as well', async () => {
    const acx = await encodeMp3Frames(speechLike(3, 16_000), 16_000, { kbps: 192, sampleRate: 44_100 });
    const lowered = lowerFrames(acx, 30, 40, 1)!;
    const before = frameGains(acx);
    expect(before).toHaveLength(2 * (frameOffsets(acx).length - 1));
    frameGains(lowered).forEach((gain, i) => expect(gain).toBe(i >= 60 && i < 80 ? Math.max(0, before[i]! - 1) : before[i]));
    const [a, b] = [ffmpegDecode(acx), ffmpegDecode(lowered)];
    const inside = [32 * 1152 + 1200, 38 * 1152] as const;
    expect(db(rms(b, ...inside) / rms(a, ...inside))).toBeCloseTo(-STEP_DB, 1);
  });

  it('refuses a stream it cannot change safely (frames with a CRC)', () => {
    const withCrc = Uint8Array.prototype.slice.call(mp3);
    withCrc[1] = withCrc[1]! & 0xfe;
    expect(lowerFrames(withCrc, 0, 1, 1)).toBeUndefined();
  });
});
