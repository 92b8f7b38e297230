import { hasProgram, run } from './engines/process.js';

let available: Promise<boolean> | undefined;
/** Whether ffmpeg can be run here (Debian `ffmpeg`). */
export function hasFfmpeg(): Promise<boolean> {
  available ??= hasProgram('ffmpeg', ['-hide_banner', '-version']);
  return available;
}

const rawInput = (sampleRate: number) => ['-f', 'f32le', '-ar', String(sampleRate), '-ac', '1', '-i', 'pipe:0'];
const asBuffer = (samples: Float32Array) => Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);

/**
 * Resamples mono samples to 44.1 kHz with ffmpeg's band-limited resampler
 * and encodes them with libmp3lame at a constant bit rate: bare frames, with
 * no Info frame or tags (the caller joins pieces and writes those).
 */
export async function encodeMp3Frames(samples: Float32Array, sampleRate: number, kbps: number, signal?: AbortSignal): Promise<Buffer> {
  const { stdout } = await run(
    'ffmpeg',
    ['-hide_banner', '-nostats', ...rawInput(sampleRate), '-af', 'aresample=44100:filter_size=64', '-c:a', 'libmp3lame', '-b:a', `${kbps}k`, '-ar', '44100', '-ac', '1', '-map_metadata', '-1', '-write_xing', '0', '-id3v2_version', '0', '-write_id3v1', '0', '-f', 'mp3', 'pipe:1'],
    { input: asBuffer(samples), signal },
  );
  return stdout;
}
