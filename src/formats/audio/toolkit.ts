import { decodeMp3Many, encodeMp3Frames, encodeMp3FramesMany, type Mp3Format } from './ffmpeg.js';
import { samplesPerFrame } from './mp3.js';
import { resampleLinear } from './timeline.js';

/** Which encoder made a narration's MP3. */
export type Encoder = 'libmp3lame' | 'lamejs';

export interface Toolkit {
  encoder: Encoder;
  /** Bare MP3 frames (mono CBR) of mastered samples at `rate`. */
  encode(samples: Float32Array, rate: number, format: Mp3Format, signal: AbortSignal): Promise<Uint8Array>;
  /** The same for several pieces, each encoded exactly as encode() would. */
  encodeMany(pieces: Float32Array[], rate: number, format: Mp3Format, signal: AbortSignal): Promise<Uint8Array[]>;
  /** The same streams from a second decoder, to hear beside mpg123 (none without ffmpeg). */
  decodeMany(streams: Uint8Array[], signal: AbortSignal): Promise<Float32Array[][]>;
}

export const ffmpegToolkit: Toolkit = {
  encoder: 'libmp3lame',
  encode: (samples, rate, format, signal) => encodeMp3Frames(samples, rate, format, signal),
  encodeMany: (pieces, rate, format, signal) => encodeMp3FramesMany(pieces, rate, format, signal),
  decodeMany: async (streams, signal) => (await decodeMp3Many(streams, signal)).map((samples) => [samples]),
};

/** Pure JavaScript: linear-interpolation resampling and lamejs. Used only without ffmpeg. */
export const javascriptToolkit: Toolkit = {
  encoder: 'lamejs',
  async encode(samples, rate, { kbps, sampleRate }) {
    const { Mp3Encoder } = await import('@breezystack/lamejs');
    const resampled = resampleLinear(samples, rate, sampleRate);
    const encoder = new Mp3Encoder(1, sampleRate, kbps);
    const pcm = new Int16Array(resampled.length);
    for (let i = 0; i < resampled.length; i++) pcm[i] = Math.max(-32768, Math.min(32767, Math.round(resampled[i]! * 32767)));
    const chunks: Uint8Array[] = [];
    const block = samplesPerFrame(sampleRate) * 64;
    for (let i = 0; i < pcm.length; i += block) chunks.push(encoder.encodeBuffer(pcm.subarray(i, i + block)));
    chunks.push(encoder.flush());
    return Buffer.concat(chunks.map((chunk) => Buffer.from(chunk)));
  },
  async encodeMany(pieces, rate, format, signal) {
    const encoded: Uint8Array[] = [];
    for (const samples of pieces) encoded.push(await this.encode(samples, rate, format, signal));
    return encoded;
  },
  decodeMany: async (streams) => streams.map(() => []),
};

