import { MPEGDecoder } from 'mpg123-decoder';
import { LoudnessMeter, type MeterState } from './loudness.js';
import { peaksOf } from './master.js';

/** What a listener's player gets from an encoded piece. */
export interface Heard {
  /** dBTP, 4× oversampled as BS.1770 measures it. */
  truePeak: number;
  /** dBFS. */
  samplePeak: number;
  /** Its loudness measurements, to combine with the other pieces'. */
  meter: MeterState;
}

/**
 * Decodes MP3 frames in process (mpg123 compiled to WebAssembly) and
 * measures what comes out: encoding changes both the peaks and, by half a
 * decibel or so, the loudness, so the MP3 itself is what is judged.
 */
export async function hearMp3(mp3: Uint8Array): Promise<Heard> {
  const decoder = new MPEGDecoder();
  await decoder.ready;
  try {
    const { channelData, sampleRate, errors } = decoder.decode(mp3);
    if (errors.length) throw new Error(`the encoded MP3 does not decode (${errors[0]!.message})`);
    const samples = channelData[0] ?? new Float32Array(0);
    const { truePeak, samplePeak } = peaksOf(samples);
    const db = (value: number) => 20 * Math.log10(value);
    return { truePeak: db(truePeak), samplePeak: db(samplePeak), meter: new LoudnessMeter(sampleRate || 44100).add(samples).state() };
  } finally {
    decoder.free();
  }
}
