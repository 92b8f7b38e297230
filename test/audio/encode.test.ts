import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { masterAndEncode, type EncodedAudio } from '../../src/formats/audio/encode.js';
import { chooseVoice } from '../../src/formats/audio/engines/index.js';
import { measureLoudness } from '../../src/formats/audio/loudness.js';
import { PODCAST } from '../../src/formats/audio/master.js';
import { measurePlayback } from '../../src/formats/audio/playback.js';
import type { Utterance } from '../../src/formats/audio/script.js';
import { SpeechCache } from '../../src/formats/audio/speech-cache.js';
import { narrate, type Narration } from '../../src/formats/audio/synthesize.js';
import { renderAll } from '../../src/formats/audio/timeline.js';
import { ebur128, ffprobe } from './helpers.js';

let dir: string;

const SENTENCES = [
  'The pure JavaScript encoder is the fallback when ffmpeg is missing.',
  'It must still meet the loudness target, measured independently.',
  'Each piece of the narration is encoded on its own.',
  'The pieces are joined in the pauses between paragraphs.',
  'Captions must still start where the words start.',
];

const script = (sentences: string[]): Utterance[] => sentences.map((say, i) => ({ say, cue: { id: `s-${i + 1}`, text: say }, pauseMs: 750 }));

async function narrateInto(cacheDir: string, sentences: string[]): Promise<{ narration: Narration; cache: SpeechCache }> {
  const chosen = await chooseVoice('en', 'flite:rms');
  const cache = new SpeechCache(cacheDir, 'flite:rms');
  // Pieces of a couple of seconds, so that even this short narration is encoded in several.
  const narration = await narrate(script(sentences), chosen, { lang: 'en', lexicon: [], signal: new AbortController().signal, headSeconds: 0.3, tailSeconds: 1, cache, spanSeconds: 2 });
  return { narration, cache };
}

/** The decoded MP3 as ffmpeg (like Chromium) plays it: mono floats at 44.1 kHz. */
function decode(file: string): Float32Array {
  const raw = execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-i', file, '-f', 'f32le', '-ac', '1', '-ar', '44100', 'pipe:1'], { maxBuffer: 1 << 30 });
  return new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
}

const rmsDb = (samples: Float32Array, from: number, to: number) => {
  let sum = 0;
  const a = Math.max(0, Math.round(from * 44100));
  const b = Math.min(samples.length, Math.round(to * 44100));
  for (let i = a; i < b; i++) sum += samples[i]! * samples[i]!;
  return 10 * Math.log10(sum / Math.max(1, b - a) + 1e-12);
};

/** Where speech begins at or after `from` seconds: the first 5 ms window louder than −45 dB. */
function onset(samples: Float32Array, from: number): number {
  for (let t = Math.max(0, from); t < samples.length / 44100; t += 0.005) if (rmsDb(samples, t, t + 0.005) > -45) return t;
  return Infinity;
}

/** Every cue, placed in the MP3, starts where its words start (within 50 ms), with quiet just before. */
function expectCuesOnSpeech(file: string, narration: Narration, encoded: EncodedAudio) {
  const decoded = decode(file);
  for (const cue of narration.cues) {
    const start = encoded.place(cue.start);
    expect(rmsDb(decoded, start - 0.15, start - 0.02), `silence before ${cue.id}`).toBeLessThan(-50);
    const heard = onset(decoded, start - 0.25);
    expect(Math.abs(heard - start), `${cue.id} placed at ${start.toFixed(3)} s, heard at ${heard.toFixed(3)} s`).toBeLessThan(0.05);
  }
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'broadside-encode-'));
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('encoding', () => {
  it('the JavaScript loudness meter agrees with ffmpeg ebur128 within 0.3 LU', async () => {
    const { narration } = await narrateInto(path.join(dir, 'meter'), SENTENCES.slice(0, 2));
    const samples = await renderAll(narration.timeline);
    const { sampleRate } = narration.timeline;
    const wav = path.join(dir, 'raw.wav');
    const pcm = Buffer.alloc(44 + samples.length * 2);
    pcm.write('RIFF', 0); pcm.writeUInt32LE(36 + samples.length * 2, 4); pcm.write('WAVEfmt ', 8);
    pcm.writeUInt32LE(16, 16); pcm.writeUInt16LE(1, 20); pcm.writeUInt16LE(1, 22); pcm.writeUInt32LE(sampleRate, 24);
    pcm.writeUInt32LE(sampleRate * 2, 28); pcm.writeUInt16LE(2, 32); pcm.writeUInt16LE(16, 34); pcm.write('data', 36); pcm.writeUInt32LE(samples.length * 2, 40);
    samples.forEach((x, i) => pcm.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(x * 32767))), 44 + i * 2));
    await writeFile(wav, pcm);
    expect(Math.abs(measureLoudness(samples, sampleRate).integrated - ebur128(wav).integrated)).toBeLessThan(0.3);
  });

  for (const prefer of ['ffmpeg', 'javascript'] as const) {
    it(`joins pieces encoded apart (${prefer === 'ffmpeg' ? 'libmp3lame' : 'lamejs'}): one mono CBR MP3 at the speech's 16 kHz at −16 LUFS ±1, ≤ −1.5 dBTP, with every cue on its words`, async () => {
      const { narration, cache } = await narrateInto(path.join(dir, prefer), SENTENCES);
      expect(narration.timeline.spans.length).toBeGreaterThanOrEqual(3);
      const encoded = await masterAndEncode(narration.timeline, PODCAST, cache, new AbortController().signal, prefer);
      expect(encoded.encoder).toBe(prefer === 'ffmpeg' ? 'libmp3lame' : 'lamejs');
      // Every piece once: the gain is chosen before anything is encoded (a narration heard off target would be made twice).
      expect(encoded.encoded).toBeGreaterThanOrEqual(narration.timeline.spans.length);
      expect(encoded.encoded).toBeLessThanOrEqual(narration.timeline.spans.length + 1);
      const file = path.join(dir, `${prefer}.mp3`);
      await writeFile(file, encoded.mp3);
      const probe = ffprobe(file);
      // flite speaks at 16 kHz, which MP3 has: nothing is resampled (targetFor in master.ts).
      expect(narration.timeline.sampleRate).toBe(16000);
      expect(probe.streams[0]).toMatchObject({ codec_name: 'mp3', sample_rate: '16000', channels: 1, bit_rate: '64000' });
      // The Info frame gives the exact length; it is the timeline's plus the codec's delay and the last frame's padding.
      expect(Math.abs(Number(probe.format.duration) - encoded.duration)).toBeLessThan(0.03);
      expect(encoded.duration - narration.duration).toBeGreaterThan(0);
      expect(encoded.duration - narration.duration).toBeLessThan(0.1 * narration.timeline.spans.length);
      const measured = ebur128(file);
      expect(Math.abs(measured.integrated + 16)).toBeLessThanOrEqual(1);
      expect(measured.truePeak).toBeLessThanOrEqual(-1.5);
      // The in-process peak meter (mpg123 in WebAssembly, 4× oversampling) reads what ebur128 reads.
      expect(Math.abs((await measurePlayback(encoded.mp3)).truePeak - measured.truePeak)).toBeLessThan(0.3);
      expect(Math.abs(encoded.loudness.truePeak - measured.truePeak)).toBeLessThan(0.3);
      // What the encoder reports is the MP3's loudness, not the samples' before encoding.
      expect(Math.abs(encoded.loudness.integrated - measured.integrated)).toBeLessThan(0.3);
      expectCuesOnSpeech(file, narration, encoded);
    });
  }

  it('after one sentence is edited, encodes again only the piece that holds it', async () => {
    const cacheDir = path.join(dir, 'edit');
    const first = await narrateInto(cacheDir, SENTENCES);
    const cold = await masterAndEncode(first.narration.timeline, PODCAST, first.cache, new AbortController().signal);
    const edited = [...SENTENCES];
    edited[2] = 'Every piece of this narration is encoded by itself.';
    const second = await narrateInto(cacheDir, edited);
    expect(second.cache.misses).toBe(1);
    const warm = await masterAndEncode(second.narration.timeline, PODCAST, second.cache, new AbortController().signal);
    expect(warm.encoded).toBe(1);
    expect(warm.reused).toBe(second.narration.timeline.spans.length - 1);
    expect(cold.reused).toBe(0);
    const file = path.join(dir, 'edited.mp3');
    await writeFile(file, warm.mp3);
    expect(Math.abs(ebur128(file).integrated + 16)).toBeLessThanOrEqual(1);
    expectCuesOnSpeech(file, second.narration, warm);
  });
});
