import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { masterAndEncode } from '../../src/formats/audio/encode.js';
import { chooseVoice } from '../../src/formats/audio/engines/index.js';
import { measureLoudness } from '../../src/formats/audio/loudness.js';
import { PODCAST } from '../../src/formats/audio/master.js';
import { narrate, type Narration } from '../../src/formats/audio/synthesize.js';
import { ebur128, ffprobe } from './helpers.js';

let dir: string;
let narration: Narration;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'broadside-encode-'));
  const utterances = [
    { say: 'The pure JavaScript encoder is the fallback when ffmpeg is missing.', cue: { id: 's-1', text: 'x' }, pauseMs: 300 },
    { say: 'It must still meet the loudness target, measured independently.', cue: { id: 's-2', text: 'y' }, pauseMs: 300 },
  ];
  narration = await narrate(utterances, await chooseVoice('en'), { lang: 'en', lexicon: [], signal: new AbortController().signal, headSeconds: 0.3, tailSeconds: 1 });
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('encoding', () => {
  it('the JavaScript loudness meter agrees with ffmpeg ebur128 within 0.3 LU', async () => {
    const wav = path.join(dir, 'raw.wav');
    const { samples, sampleRate } = narration.pcm;
    const pcm = Buffer.alloc(44 + samples.length * 2);
    pcm.write('RIFF', 0); pcm.writeUInt32LE(36 + samples.length * 2, 4); pcm.write('WAVEfmt ', 8);
    pcm.writeUInt32LE(16, 16); pcm.writeUInt16LE(1, 20); pcm.writeUInt16LE(1, 22); pcm.writeUInt32LE(sampleRate, 24);
    pcm.writeUInt32LE(sampleRate * 2, 28); pcm.writeUInt16LE(2, 32); pcm.writeUInt16LE(16, 34); pcm.write('data', 36); pcm.writeUInt32LE(samples.length * 2, 40);
    samples.forEach((x, i) => pcm.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(x * 32767))), 44 + i * 2));
    await writeFile(wav, pcm);
    expect(Math.abs(measureLoudness(samples, sampleRate).integrated - ebur128(wav).integrated)).toBeLessThan(0.3);
  });

  it('falls back to lamejs: a 44.1 kHz mono CBR MP3 at −16 LUFS ±1 and ≤ −1.5 dBTP', async () => {
    const encoded = await masterAndEncode(narration.pcm.samples, narration.pcm.sampleRate, PODCAST, dir, new AbortController().signal, 'javascript');
    expect(encoded.encoder).toBe('lamejs');
    const file = path.join(dir, 'fallback.mp3');
    await writeFile(file, encoded.mp3);
    const probe = ffprobe(file);
    expect(probe.streams[0]).toMatchObject({ codec_name: 'mp3', sample_rate: '44100', channels: 1 });
    expect(Math.abs(Number(probe.format.duration) - narration.duration)).toBeLessThan(0.2);
    const measured = ebur128(file);
    expect(Math.abs(measured.integrated + 16)).toBeLessThanOrEqual(1);
    expect(measured.truePeak).toBeLessThanOrEqual(-1.5);
  });
});
