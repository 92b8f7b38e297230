import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { hasProgram, run } from './engines/process.js';

let available: Promise<boolean> | undefined;
/** Whether ffmpeg can be run here (Debian `ffmpeg`). */
export function hasFfmpeg(): Promise<boolean> {
  available ??= hasProgram('ffmpeg', ['-hide_banner', '-version']);
  return available;
}

const rawInput = (sampleRate: number, from: string) => ['-f', 'f32le', '-ar', String(sampleRate), '-ac', '1', '-i', from];
/** What an MP3 is encoded as: constant bit rate (kbps) and sample rate (Hz). */
export interface Mp3Format {
  kbps: number;
  sampleRate: number;
}

const mp3Output = ({ kbps, sampleRate }: Mp3Format, to: string) => [
  ...['-af', `aresample=${sampleRate}:filter_size=64`, '-c:a', 'libmp3lame', '-b:a', `${kbps}k`, '-ar', String(sampleRate), '-ac', '1'],
  ...['-map_metadata', '-1', '-write_xing', '0', '-id3v2_version', '0', '-write_id3v1', '0', '-f', 'mp3', to],
];
const asBuffer = (samples: Float32Array) => Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);

/**
 * Resamples mono samples to the MP3's rate with ffmpeg's band-limited resampler
 * and encodes them with libmp3lame at a constant bit rate: bare frames, with
 * no Info frame or tags (the caller joins pieces and writes those).
 */
export async function encodeMp3Frames(samples: Float32Array, sampleRate: number, format: Mp3Format, signal?: AbortSignal): Promise<Buffer> {
  const { stdout } = await run('ffmpeg', ['-hide_banner', '-nostats', ...rawInput(sampleRate, 'pipe:0'), ...mp3Output(format, 'pipe:1')], { input: asBuffer(samples), signal });
  return stdout;
}

/**
 * Several pieces encoded by one ffmpeg, each exactly as encodeMp3Frames
 * would encode it: every input has its own output, with its own resampler
 * and encoder (checked byte for byte). Starting ffmpeg costs about 0.1 s of
 * CPU (it loads a couple of hundred libraries), as much as encoding half a
 * 20 s piece, so pieces share a start.
 *
 * The pieces go in and come out through files in a temporary folder, not
 * pipes: ffmpeg reads and writes them round-robin, and through pipes it
 * would wait for this process's event loop at every turn, which is busy
 * mastering and checking other pieces meanwhile (that halved its speed).
 */
export async function encodeMp3FramesMany(pieces: Float32Array[], sampleRate: number, format: Mp3Format, signal?: AbortSignal): Promise<Buffer[]> {
  if (pieces.length <= 1) return Promise.all(pieces.map((samples) => encodeMp3Frames(samples, sampleRate, format, signal)));
  const dir = await mkdtemp(path.join(os.tmpdir(), 'broadside-mp3-'));
  try {
    const args = ['-hide_banner', '-nostats', '-nostdin'];
    const input = (i: number) => path.join(dir, `${i}.f32`);
    const output = (i: number) => path.join(dir, `${i}.mp3`);
    await Promise.all(pieces.map((samples, i) => writeFile(input(i), asBuffer(samples))));
    pieces.forEach((_, i) => args.push(...rawInput(sampleRate, input(i))));
    pieces.forEach((_, i) => args.push('-map', `${i}:a`, ...mp3Output(format, output(i))));
    await run('ffmpeg', args, { signal });
    return await Promise.all(pieces.map((_, i) => readFile(output(i))));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Decodes MP3 streams with ffmpeg's own decoder (the one inside Chromium and
 * Firefox), one ffmpeg for all of them (starting one costs about 0.1 s of
 * CPU), into mono float samples at each stream's rate, and hands them to
 * `each` one at a time, in order: the decoded samples wait in a temporary
 * folder, so memory holds one piece, however long the narration. Decoders
 * differ: on some frames ffmpeg's output peaks more than a decibel above
 * mpg123's, so what a listener's browser plays is heard too (see
 * playback.ts).
 */
export async function decodeMp3Each(streams: Uint8Array[], signal: AbortSignal, each: (samples: Float32Array, index: number) => Promise<void>): Promise<void> {
  if (!streams.length) return;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'broadside-hear-'));
  try {
    const args = ['-hide_banner', '-nostats', '-nostdin', '-v', 'error'];
    const input = (i: number) => path.join(dir, `${i}.mp3`);
    const output = (i: number) => path.join(dir, `${i}.f32`);
    await Promise.all(streams.map((bytes, i) => writeFile(input(i), bytes)));
    streams.forEach((_, i) => args.push('-f', 'mp3', '-i', input(i)));
    streams.forEach((_, i) => args.push('-map', `${i}:a`, '-ac', '1', '-f', 'f32le', output(i)));
    await run('ffmpeg', args, { signal });
    for (const [i] of streams.entries()) {
      signal.throwIfAborted();
      const bytes = await readFile(output(i));
      // A Float32Array needs its offset aligned; a copy is made only when it is not.
      const aligned = bytes.byteOffset % 4 ? Uint8Array.prototype.slice.call(bytes) : bytes;
      await each(new Float32Array(aligned.buffer, aligned.byteOffset, Math.floor(aligned.byteLength / 4)), i);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
