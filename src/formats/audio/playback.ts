import { MPEGDecoder } from 'mpg123-decoder';
import { LoudnessMeter, type MeterState } from './loudness.js';
import { truePeakOf } from './true-peak.js';

/** What a listener's player gets from an encoded piece. */
export interface Heard {
  /** dBTP, 8× oversampled, of ffmpeg's decoding where ffmpeg runs (mpg123's otherwise). */
  truePeak: number;
  /** dBFS, likewise. */
  samplePeak: number;
  /** Its loudness measurements, to combine with the other pieces'. */
  meter: MeterState;
}

const db = (value: number) => 20 * Math.log10(value);

/** mpg123 (compiled to WebAssembly), decoding `mp3` whole, with any error thrown. */
async function decodeWhole(mp3: Uint8Array): Promise<{ samples: Float32Array; sampleRate: number }> {
  const decoder = new MPEGDecoder();
  await decoder.ready;
  try {
    const { channelData, sampleRate, errors } = decoder.decode(mp3);
    if (errors.length) throw new Error(`the encoded MP3 does not decode (${errors[0]!.message})`);
    return { samples: channelData[0] ?? new Float32Array(0), sampleRate };
  } finally {
    decoder.free();
  }
}

/**
 * Measures an encoded piece as it will be heard: encoding changes both the
 * peaks and, by half a decibel or so, the loudness, so the MP3 itself is
 * what is judged.
 *
 * `decoded` is the same stream from ffmpeg's decoder (Chromium's and
 * Firefox's, and the one ffmpeg's ebur128 meter reads): where it is given,
 * it alone is measured. Decoders do not agree on every frame: on real
 * articles ffmpeg peaked up to 2.1 dB above mpg123 (VLC's) on a frame, and
 * mpg123 at most 0.18 dB above ffmpeg, within the 0.2 dB kept under the
 * ceiling (see pieces.ts); decoding every piece with mpg123 as well cost
 * about a fifth of all the CPU spent after synthesis. Without ffmpeg here,
 * mpg123 (compiled to WebAssembly) decodes it.
 */
export async function measurePlayback(mp3: Uint8Array, decoded?: Float32Array): Promise<Heard> {
  const heard = decoded ? { samples: decoded, sampleRate: sampleRateOf(mp3) } : await decodeWhole(mp3);
  const { samplePeak, truePeak } = truePeakOf(heard.samples);
  return { truePeak: db(truePeak), samplePeak: db(samplePeak), meter: new LoudnessMeter(heard.sampleRate || 44100).add(heard.samples).state() };
}

/** The sample rate in the first frame's header (MPEG-1 or MPEG-2 Layer III). */
function sampleRateOf(mp3: Uint8Array): number {
  if (mp3.length < 4) return 44100;
  const mpeg1 = (mp3[1]! & 0x18) === 0x18;
  const rates = mpeg1 ? [44100, 48000, 32000] : [22050, 24000, 16000];
  return rates[(mp3[2]! >> 2) & 3] ?? 44100;
}
