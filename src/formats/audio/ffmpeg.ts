import { hasProgram, run } from './engines/process.js';

export interface Loudness {
  /** Integrated loudness, LUFS (EBU R 128 / ITU-R BS.1770). */
  integrated: number;
  /** True peak, dBTP. */
  truePeak: number;
  /** Whole-file RMS level, dBFS, as ACX measures it. */
  rms: number;
  /** Sample peak, dBFS. */
  samplePeak: number;
}

let available: Promise<boolean> | undefined;
/** Whether ffmpeg can be run here (Debian `ffmpeg`). */
export function hasFfmpeg(): Promise<boolean> {
  available ??= hasProgram('ffmpeg', ['-hide_banner', '-version']);
  return available;
}

const rawInput = (sampleRate: number) => ['-f', 'f32le', '-ar', String(sampleRate), '-ac', '1', '-i', 'pipe:0'];
const asBuffer = (samples: Float32Array) => Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);

/** Parses the summary of ffmpeg's ebur128 and astats filters. */
export function parseLoudness(log: string): Loudness {
  const number = (pattern: RegExp) => {
    const match = pattern.exec(log);
    if (!match) throw new Error(`ffmpeg's loudness report lacks ${pattern.source}`);
    return match[1] === '-inf' ? -Infinity : Number(match[1]);
  };
  return {
    integrated: number(/Integrated loudness:\s+I:\s+(-?[\d.]+|-inf) LUFS/u),
    truePeak: number(/True peak:\s+Peak:\s+(-?[\d.]+|-inf) dBFS/u),
    rms: number(/RMS level dB: (-?[\d.]+|-inf)/u),
    samplePeak: number(/Peak level dB: (-?[\d.]+|-inf)/u),
  };
}

const MEASURE = ['-af', 'ebur128=peak=true,astats=measure_overall=RMS_level+Peak_level:measure_perchannel=none', '-f', 'null', '-'];

/** Loudness of raw samples, measured by ffmpeg's ebur128 and astats filters. */
export async function measureSamples(samples: Float32Array, sampleRate: number, signal?: AbortSignal): Promise<Loudness> {
  const { stderr } = await run('ffmpeg', ['-hide_banner', '-nostats', ...rawInput(sampleRate), ...MEASURE], { input: asBuffer(samples), signal });
  return parseLoudness(stderr);
}

/** Loudness of an audio file as decoded by ffmpeg. */
export async function measureFile(file: string, signal?: AbortSignal): Promise<Loudness> {
  const { stderr } = await run('ffmpeg', ['-hide_banner', '-nostats', '-i', file, ...MEASURE], { signal });
  return parseLoudness(stderr);
}

/** Resamples with ffmpeg's (band-limited) resampler. */
export async function resample(samples: Float32Array, from: number, to: number, signal?: AbortSignal): Promise<Float32Array> {
  if (from === to) return samples;
  const { stdout } = await run('ffmpeg', ['-hide_banner', '-nostats', ...rawInput(from), '-af', `aresample=${to}:filter_size=64`, '-f', 'f32le', '-ac', '1', 'pipe:1'], { input: asBuffer(samples), signal });
  const copy = new Uint8Array(stdout.byteLength - (stdout.byteLength % 4));
  copy.set(stdout.subarray(0, copy.length));
  return new Float32Array(copy.buffer);
}

/** Encodes mono 44.1 kHz samples to a constant-bit-rate MP3 with libmp3lame, without tags (those are written afterwards). */
export async function encodeMp3(samples: Float32Array, sampleRate: number, kbps: number, target: string, signal?: AbortSignal): Promise<void> {
  // A file, not a pipe, so that ffmpeg can go back and complete the Info (Xing) frame.
  await run(
    'ffmpeg',
    ['-hide_banner', '-nostats', ...rawInput(sampleRate), '-c:a', 'libmp3lame', '-b:a', `${kbps}k`, '-ar', '44100', '-ac', '1', '-map_metadata', '-1', '-write_id3v1', '0', '-id3v2_version', '0', '-write_xing', '1', '-f', 'mp3', '-y', target],
    { input: asBuffer(samples), signal },
  );
}
