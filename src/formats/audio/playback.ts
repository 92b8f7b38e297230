import { MPEGDecoder } from 'mpg123-decoder';
import { LoudnessMeter, type MeterState } from './loudness.js';
import { truePeakOf } from './true-peak.js';

/** What a listener's player gets from an encoded piece. */
export interface Heard {
  /** dBTP, 8× oversampled, from the decoder that peaks highest. */
  truePeak: number;
  /** dBFS, likewise. */
  samplePeak: number;
  /** Its loudness measurements, to combine with the other pieces'. */
  meter: MeterState;
}

/**
 * Decodes MP3 frames in process (mpg123 compiled to WebAssembly) and
 * measures what comes out: encoding changes both the peaks and, by half a
 * decibel or so, the loudness, so the MP3 itself is what is judged.
 *
 * Decoders do not agree on every frame: on about one 20 s piece in twelve,
 * ffmpeg's decoder (Chromium's and Firefox's) peaks higher than mpg123 (VLC's),
 * by up to 1.4 dB measured on real articles. `alsoDecoded` is the same
 * stream from another decoder; the peaks are the highest either gives, so
 * the ceiling holds on both.
 */
export async function measurePlayback(mp3: Uint8Array, alsoDecoded: Float32Array[] = []): Promise<Heard> {
  const decoder = new MPEGDecoder();
  await decoder.ready;
  try {
    const { channelData, sampleRate, errors } = decoder.decode(mp3);
    if (errors.length) throw new Error(`the encoded MP3 does not decode (${errors[0]!.message})`);
    const samples = channelData[0] ?? new Float32Array(0);
    let truePeak = 0;
    let samplePeak = 0;
    for (const decoded of [samples, ...alsoDecoded]) {
      const peaks = truePeakOf(decoded);
      truePeak = Math.max(truePeak, peaks.truePeak);
      samplePeak = Math.max(samplePeak, peaks.samplePeak);
    }
    const db = (value: number) => 20 * Math.log10(value);
    return { truePeak: db(truePeak), samplePeak: db(samplePeak), meter: new LoudnessMeter(sampleRate || 44100).add(samples).state() };
  } finally {
    decoder.free();
  }
}
