import { constants } from 'node:fs';
import { access, mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { run } from './engines/process.js';
import { countFrames } from './mp3.js';

let available: Promise<boolean> | undefined;
/**
 * Whether ffmpeg can be run here (Debian `ffmpeg`): an executable of that
 * name on the PATH, which is what spawning it finds. Looked up rather than
 * run: `ffmpeg -version` costs about 0.05 s of CPU, a percent of a short
 * article's narration.
 */
export function hasFfmpeg(): Promise<boolean> {
  available ??= onPath('ffmpeg');
  return available;
}

async function onPath(command: string): Promise<boolean> {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const found = await access(path.join(dir, command), constants.X_OK).then(() => true, () => false);
    if (found) return true;
  }
  return false;
}

const rawInput = (sampleRate: number, from: string) => ['-f', 'f32le', '-ar', String(sampleRate), '-ac', '1', '-i', from];
/** What an MP3 is encoded as: constant bit rate (kbps) and sample rate (Hz). */
export interface Mp3Format {
  kbps: number;
  sampleRate: number;
}

/** The encoder's options; `resample`: with the resampling filter (false where the filter graph has it already). */
const mp3Output = ({ kbps, sampleRate }: Mp3Format, to: string, resample = true) => [
  ...(resample ? ['-af', `aresample=${sampleRate}:filter_size=64`] : []),
  ...['-c:a', 'libmp3lame', '-b:a', `${kbps}k`, '-ar', String(sampleRate), '-ac', '1'],
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

/** Most pieces one ffmpeg encodes or decodes: each holds two files open, well under the usual limit of 1,024. */
export const MOST_PER_RUN = 64;

/**
 * Several pieces encoded by one ffmpeg, each exactly as encodeMp3Frames
 * would encode it (checked byte for byte): the pieces go in joined, as one
 * input, and a filter graph cuts them apart again (`atrim` at their sample
 * bounds), each with its own resampler, encoder and output. Starting ffmpeg
 * costs about 0.05 s of CPU (it loads a couple of hundred libraries), so
 * pieces share a start: all of a narration's, up to MOST_PER_RUN; and one
 * input rather than an input each saves ffmpeg a thread per input (about a
 * fifth of its CPU: 1.32 s against 1.65 s for 15 stretches, 5.8 minutes).
 *
 * `piece(i)` makes the i-th piece's samples; each is appended to the input
 * file in a temporary folder as soon as it is made, so memory holds one
 * piece however many there are, and ffmpeg reads a file, not a pipe (through
 * a pipe it would wait for this process's event loop, busy mastering).
 */
export async function encodeMp3FramesEach(count: number, piece: (index: number) => Promise<Float32Array>, sampleRate: number, format: Mp3Format, signal?: AbortSignal): Promise<Buffer[]> {
  const encoded: Buffer[] = [];
  for (let from = 0; from < count; from += MOST_PER_RUN) {
    const size = Math.min(MOST_PER_RUN, count - from);
    if (size === 1) encoded.push(await encodeMp3Frames(await piece(from), sampleRate, format, signal));
    else encoded.push(...(await encodeJoined(size, (i) => piece(from + i), sampleRate, format, signal)));
  }
  return encoded;
}

/** Up to MOST_PER_RUN pieces through one ffmpeg (see encodeMp3FramesEach). */
async function encodeJoined(size: number, piece: (index: number) => Promise<Float32Array>, sampleRate: number, format: Mp3Format, signal?: AbortSignal): Promise<Buffer[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'broadside-mp3-'));
  try {
    const input = path.join(dir, 'joined.f32');
    const output = (i: number) => path.join(dir, `${i}.mp3`);
    const lengths: number[] = [];
    const file = await open(input, 'w');
    try {
      for (let i = 0; i < size; i++) {
        const samples = await piece(i);
        lengths.push(samples.length);
        await file.write(asBuffer(samples));
      }
    } finally {
      await file.close();
    }
    const cuts: string[] = [];
    let start = 0;
    for (const [i, length] of lengths.entries()) {
      cuts.push(`[p${i}]atrim=start_sample=${start}:end_sample=${start + length},asetpts=N/SR/TB,aresample=${format.sampleRate}:filter_size=64[o${i}]`);
      start += length;
    }
    const graph = `[0:a]asplit=${size}${lengths.map((_, i) => `[p${i}]`).join('')};${cuts.join(';')}`;
    const args = ['-hide_banner', '-nostats', '-nostdin', ...rawInput(sampleRate, input), '-filter_complex', graph];
    for (let i = 0; i < size; i++) args.push('-map', `[o${i}]`, ...mp3Output(format, output(i), false));
    await run('ffmpeg', args, { signal });
    return await Promise.all(lengths.map((_, i) => readFile(output(i))));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Pieces held in memory, encoded as encodeMp3FramesEach does. */
export const encodeMp3FramesMany = (pieces: Float32Array[], sampleRate: number, format: Mp3Format, signal?: AbortSignal): Promise<Buffer[]> =>
  encodeMp3FramesEach(pieces.length, async (i) => pieces[i]!, sampleRate, format, signal);

/**
 * Decodes MP3 streams with ffmpeg's own decoder (the one inside Chromium and
 * Firefox) into mono float samples at their rate, and hands them to `each`
 * one at a time, in order. The streams are decoded joined, one after the
 * other, as one input, just as the narration's MP3 joins them: one ffmpeg
 * input for all of them costs less than half of what an input each does
 * (ffmpeg gives every input a thread of its own: 0.45 s of CPU against
 * 0.20 s for 15 stretches, 5.8 minutes); each stream's share is the
 * decoder's output for its frames (a frame's samples come out 529 later, so
 * each share starts with the end of the stream before, which is silence:
 * stretches meet in pauses). The decoding waits in a temporary folder, read
 * a stream's share at a time, so memory holds one piece, however long the
 * narration. Decoders differ: on some frames ffmpeg's output peaks more than
 * a decibel above mpg123's, so what a listener's browser plays is heard
 * (see playback.ts).
 */
export async function decodeMp3Each(streams: Uint8Array[], signal: AbortSignal, each: (samples: Float32Array, index: number) => Promise<void>): Promise<void> {
  if (!streams.length) return;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'broadside-hear-'));
  try {
    const input = path.join(dir, 'joined.mp3');
    const output = path.join(dir, 'joined.f32');
    await writeFile(input, Buffer.concat(streams));
    await run('ffmpeg', ['-hide_banner', '-nostats', '-nostdin', '-v', 'error', '-f', 'mp3', '-i', input, '-ac', '1', '-f', 'f32le', output], { signal });
    const perFrame = (stream: Uint8Array) => (stream.length >= 2 && (stream[1]! & 0x18) === 0x18 ? 1152 : 576);
    const lengths = streams.map((stream) => countFrames(stream) * perFrame(stream));
    const decoded = await open(output);
    try {
      // One sample per frame's worth each, exactly: anything else (a decoder that skips or adds), and each is decoded alone.
      if ((await decoded.stat()).size !== 4 * lengths.reduce((sum, length) => sum + length, 0)) return await decodeApart(streams, signal, each);
      let position = 0;
      for (const [i, length] of lengths.entries()) {
        signal.throwIfAborted();
        const samples = new Float32Array(length);
        await decoded.read(new Uint8Array(samples.buffer), 0, 4 * length, position);
        position += 4 * length;
        await each(samples, i);
      }
    } finally {
      await decoded.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Each stream decoded by itself, by one ffmpeg for up to MOST_PER_RUN of them. */
async function decodeApart(streams: Uint8Array[], signal: AbortSignal, each: (samples: Float32Array, index: number) => Promise<void>): Promise<void> {
  for (let from = 0; from < streams.length; from += MOST_PER_RUN) {
    const part = streams.slice(from, from + MOST_PER_RUN);
    await decodeSome(part, signal, (samples, i) => each(samples, from + i));
  }
}

/** Up to MOST_PER_RUN streams decoded by one ffmpeg (see decodeMp3Each). */
async function decodeSome(streams: Uint8Array[], signal: AbortSignal, each: (samples: Float32Array, index: number) => Promise<void>): Promise<void> {
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
