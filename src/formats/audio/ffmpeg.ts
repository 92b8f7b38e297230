import { spawn } from 'node:child_process';
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

/** Loudness of an MP3 (a whole file or bare frames), as decoded and measured by ffmpeg. */
export async function measureMp3(mp3: Uint8Array, signal?: AbortSignal): Promise<Loudness> {
  const { stderr } = await run('ffmpeg', ['-hide_banner', '-nostats', '-f', 'mp3', '-i', 'pipe:0', ...MEASURE], { input: Buffer.from(mp3.buffer, mp3.byteOffset, mp3.byteLength), signal });
  return parseLoudness(stderr);
}

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

/**
 * encodeMp3Frames and measureMp3 at once: the encoder's output streams into
 * a second ffmpeg that decodes and measures it while encoding goes on, so a
 * piece costs the longer of the two rather than their sum.
 */
export function encodeAndMeasureMp3(samples: Float32Array, sampleRate: number, kbps: number, signal?: AbortSignal): Promise<{ mp3: Buffer; loudness: Loudness }> {
  return new Promise((resolve, reject) => {
    signal?.throwIfAborted();
    const options = { stdio: ['pipe', 'pipe', 'pipe'] as ('pipe')[], signal, killSignal: 'SIGKILL' as const };
    const encoder = spawn('ffmpeg', ['-hide_banner', '-nostats', ...rawInput(sampleRate), '-af', 'aresample=44100:filter_size=64', '-c:a', 'libmp3lame', '-b:a', `${kbps}k`, '-ar', '44100', '-ac', '1', '-map_metadata', '-1', '-write_xing', '0', '-id3v2_version', '0', '-write_id3v1', '0', '-f', 'mp3', 'pipe:1'], options);
    const meter = spawn('ffmpeg', ['-hide_banner', '-nostats', '-f', 'mp3', '-i', 'pipe:0', ...MEASURE], options);
    const chunks: Buffer[] = [];
    const logs = { encoder: [] as Buffer[], meter: [] as Buffer[] };
    let failed = false;
    const fail = (error: Error) => {
      if (failed) return;
      failed = true;
      encoder.kill('SIGKILL');
      meter.kill('SIGKILL');
      reject(error);
    };
    encoder.stdout.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      meter.stdin.write(chunk);
    });
    encoder.stdout.on('end', () => meter.stdin.end());
    encoder.stderr.on('data', (chunk: Buffer) => logs.encoder.push(chunk));
    meter.stderr.on('data', (chunk: Buffer) => logs.meter.push(chunk));
    meter.stdout.resume();
    for (const stream of [encoder.stdin, meter.stdin]) stream.on('error', () => undefined);
    encoder.on('error', fail);
    meter.on('error', fail);
    let pending = 2;
    const exited = (name: 'encoder' | 'meter') => (code: number | null) => {
      const log = Buffer.concat(logs[name]).toString('utf8');
      if (code !== 0) return fail(new Error(`ffmpeg (${name === 'encoder' ? 'encoding' : 'measuring'}) exited with code ${code}: ${log.trim().split('\n').pop() ?? ''}`));
      if (--pending > 0 || failed) return;
      try {
        resolve({ mp3: Buffer.concat(chunks), loudness: parseLoudness(Buffer.concat(logs.meter).toString('utf8')) });
      } catch (error) {
        fail(error as Error);
      }
    };
    encoder.on('close', exited('encoder'));
    meter.on('close', exited('meter'));
    encoder.stdin.end(asBuffer(samples));
  });
}
