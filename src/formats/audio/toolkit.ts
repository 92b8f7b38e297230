import { decodeMp3Each, encodeMp3Frames, encodeMp3FramesEach, type Mp3Format } from './ffmpeg.js';
import { samplesPerFrame } from './mp3.js';
import { resampleLinear } from './timeline.js';

/** Which encoder made a narration's MP3. */
export type Encoder = 'libmp3lame' | 'lamejs';

export interface Toolkit {
  encoder: Encoder;
  /**
   * What encoding takes off the level (dB), measured on real narrations:
   * libmp3lame at 64 kbps and 24 kHz 0.48–0.49 LU on four articles, lamejs
   * (with its linear resampling) about 0.8. A constant rather than a
   * measurement of each build, so that the gain depends on the narration
   * alone and a rebuild finds every piece again; what is heard is measured
   * anyway, and a narration heard too far off is encoded again (encode.ts).
   */
  loss: number;
  /** Bare MP3 frames (mono CBR) of mastered samples at `rate`. */
  encode(samples: Float32Array, rate: number, format: Mp3Format, signal: AbortSignal): Promise<Uint8Array>;
  /** The same for `count` pieces, each encoded exactly as encode() would; `piece(i)` makes the i-th, called in order, each once. */
  encodeEach(count: number, piece: (index: number) => Promise<Float32Array>, rate: number, format: Mp3Format, signal: AbortSignal): Promise<Uint8Array[]>;
  /** The streams decoded by ffmpeg, handed over one at a time (undefined without ffmpeg: mpg123 hears them then, see playback.ts). */
  decodeEach(streams: Uint8Array[], signal: AbortSignal, each: (decoded: Float32Array | undefined, index: number) => Promise<void>): Promise<void>;
}

export const ffmpegToolkit: Toolkit = {
  encoder: 'libmp3lame',
  loss: 0.5,
  encode: (samples, rate, format, signal) => encodeMp3Frames(samples, rate, format, signal),
  encodeEach: (count, piece, rate, format, signal) => encodeMp3FramesEach(count, piece, rate, format, signal),
  decodeEach: (streams, signal, each) => decodeMp3Each(streams, signal, each),
};

/** Pure JavaScript: linear-interpolation resampling and lamejs. Used only without ffmpeg. */
export const javascriptToolkit: Toolkit = {
  encoder: 'lamejs',
  loss: 0.8,
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
  async encodeEach(count, piece, rate, format, signal) {
    const encoded: Uint8Array[] = [];
    for (let i = 0; i < count; i++) encoded.push(await this.encode(await piece(i), rate, format, signal));
    return encoded;
  },
  async decodeEach(streams, _signal, each) {
    for (const [index] of streams.entries()) await each(undefined, index);
  },
};

