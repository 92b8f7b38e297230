import { randomBytes } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { encodeMp3, hasFfmpeg, measureFile, measureSamples, resample, type Loudness } from './ffmpeg.js';
import { measureLoudness } from './loudness.js';
import { addRoomTone, gainAndLimit, type MasteringTarget } from './master.js';

export const MP3_RATE = 44100;

export interface EncodedAudio {
  mp3: Buffer;
  /** Loudness of the finished MP3, decoded again and measured. */
  loudness: Loudness;
  /** Seconds. */
  duration: number;
  encoder: 'libmp3lame' | 'lamejs';
}

const levelOf = (measured: Loudness, target: MasteringTarget) => (target.level === 'lufs' ? measured.integrated : measured.rms);
const peakOf = (measured: Loudness) => measured.truePeak;

/** Whether a measurement meets the target, with `margin` to spare on both level and peak. */
export function meets(measured: Loudness, target: MasteringTarget, margin = 0): boolean {
  return Math.abs(levelOf(measured, target) - target.target) <= target.tolerance - margin && peakOf(measured) <= target.ceiling - margin;
}

interface Toolkit {
  encoder: EncodedAudio['encoder'];
  resample(samples: Float32Array, from: number): Promise<Float32Array>;
  measure(samples: Float32Array): Promise<Loudness>;
  encode(samples: Float32Array, kbps: number): Promise<{ mp3: Buffer; loudness: Loudness }>;
}

function ffmpegToolkit(workDir: string, signal: AbortSignal): Toolkit {
  return {
    encoder: 'libmp3lame',
    resample: (samples, from) => resample(samples, from, MP3_RATE, signal),
    measure: (samples) => measureSamples(samples, MP3_RATE, signal),
    async encode(samples, kbps) {
      const file = path.join(workDir, `.narration-${randomBytes(4).toString('hex')}.mp3`);
      try {
        await encodeMp3(samples, MP3_RATE, kbps, file, signal);
        return { mp3: await readFile(file), loudness: await measureFile(file, signal) };
      } finally {
        await rm(file, { force: true });
      }
    },
  };
}

/** Pure JavaScript: linear-interpolation resampling, the JS loudness meter and lamejs. Used only without ffmpeg. */
function javascriptToolkit(): Toolkit {
  return {
    encoder: 'lamejs',
    async resample(samples, from) {
      const out = new Float32Array(Math.round((samples.length * MP3_RATE) / from));
      const step = from / MP3_RATE;
      for (let i = 0; i < out.length; i++) {
        const x = i * step;
        const left = Math.floor(x);
        const frac = x - left;
        out[i] = (samples[left] ?? 0) * (1 - frac) + (samples[left + 1] ?? 0) * frac;
      }
      return out;
    },
    measure: async (samples) => measureLoudness(samples, MP3_RATE),
    async encode(samples, kbps) {
      const { Mp3Encoder } = await import('@breezystack/lamejs');
      const encoder = new Mp3Encoder(1, MP3_RATE, kbps);
      const pcm = new Int16Array(samples.length);
      for (let i = 0; i < samples.length; i++) pcm[i] = Math.max(-32768, Math.min(32767, Math.round(samples[i]! * 32767)));
      const chunks: Uint8Array[] = [];
      for (let i = 0; i < pcm.length; i += 1152 * 64) chunks.push(encoder.encodeBuffer(pcm.subarray(i, i + 1152 * 64)));
      chunks.push(encoder.flush());
      // Without a decoder at hand, the mastered samples' measurement stands for the MP3's.
      return { mp3: Buffer.concat(chunks.map((chunk) => Buffer.from(chunk))), loudness: measureLoudness(samples, MP3_RATE) };
    },
  };
}

/**
 * Resamples to 44.1 kHz, brings the level to the target (gain plus a peak
 * limiter, corrected by measuring the result), adds room tone when the target
 * asks for it, encodes to CBR MP3, and measures the MP3 itself. If the MP3
 * misses the target (encoding moves peaks), the ceiling is lowered and it is
 * encoded again.
 */
export async function masterAndEncode(
  samples: Float32Array,
  sampleRate: number,
  target: MasteringTarget,
  workDir: string,
  signal: AbortSignal,
  /** `javascript` forces the fallback even where ffmpeg exists (for tests). Default: ffmpeg when it runs here. */
  prefer: 'ffmpeg' | 'javascript' = 'ffmpeg',
): Promise<EncodedAudio> {
  const tools = prefer === 'ffmpeg' && (await hasFfmpeg()) ? ffmpegToolkit(workDir, signal) : javascriptToolkit();
  const source = await tools.resample(samples, sampleRate);
  const duration = source.length / MP3_RATE;
  let measured = await tools.measure(source);
  let gainDb = target.target - levelOf(measured, target);
  let ceiling = target.ceiling - 1;
  // What the mastered samples should measure so that the MP3 measures the target (encoding shifts it a little).
  let aim = target.target;
  let best: { mp3: Buffer; loudness: Loudness } | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    let mastered = source;
    for (let pass = 0; pass < 4; pass++) {
      signal.throwIfAborted();
      mastered = gainAndLimit(source, MP3_RATE, gainDb, ceiling);
      if (target.roomTone !== undefined) addRoomTone(mastered, target.roomTone);
      measured = await tools.measure(mastered);
      const miss = aim - levelOf(measured, target);
      if (Math.abs(miss) <= 0.15) break;
      gainDb += miss;
    }
    const encoded = await tools.encode(mastered, target.kbps);
    best = encoded;
    // Aim well inside the limits, so that another decoder's measurement passes too.
    if (Math.abs(levelOf(encoded.loudness, target) - target.target) <= 0.3 && peakOf(encoded.loudness) <= target.ceiling - 0.3) break;
    const over = peakOf(encoded.loudness) - (target.ceiling - 0.2);
    if (over > 0) ceiling -= over;
    aim += target.target - levelOf(encoded.loudness, target);
  }
  return { ...best!, duration, encoder: tools.encoder };
}
