import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build/build.js';
import { ebur128, ffprobe, parseVtt, type ParsedCue, type Probe } from './helpers.js';

let out: string;
let mp3: string;
let probe: Probe;
let cues: ParsedCue[];

beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'broadside-audio-acx-'));
  const result = await build({ inputs: ['test/fixtures/audio/short.md'], outDir: out, formats: ['audio'], acx: true });
  expect(result.articles[0]?.error).toBeUndefined();
  const folder = result.articles[0]!.outDir;
  mp3 = path.join(folder, 'short.mp3');
  probe = ffprobe(mp3);
  cues = parseVtt(await readFile(path.join(folder, 'short.vtt'), 'utf8'));
});

afterAll(async () => {
  if (out) await rm(out, { recursive: true, force: true });
});

describe('the --acx preset', () => {
  it('is 192 kbps constant bit rate, mono, 44.1 kHz', () => {
    expect(probe.streams[0]).toMatchObject({ codec_name: 'mp3', sample_rate: '44100', channels: 1, bit_rate: '192000' });
  });

  it('has RMS between −23 and −18 dB and peaks at most −3 dB', () => {
    const measured = ebur128(mp3);
    expect(measured.rms).toBeGreaterThanOrEqual(-23);
    expect(measured.rms).toBeLessThanOrEqual(-18);
    expect(measured.peak).toBeLessThanOrEqual(-3);
    expect(measured.truePeak).toBeLessThanOrEqual(-3);
  });

  it('opens with 0.5–1 s and ends with 1–5 s of room tone, whose noise floor is below −60 dB but not digital silence', () => {
    const duration = Number(probe.format.duration);
    expect(cues[0]!.start).toBeGreaterThanOrEqual(0.5);
    expect(cues[0]!.start).toBeLessThanOrEqual(1);
    expect(duration - cues.at(-1)!.end).toBeGreaterThanOrEqual(1);
    expect(duration - cues.at(-1)!.end).toBeLessThanOrEqual(5);
    // The head, skipping the decoder's first frame.
    const head = ebur128(mp3, ['-ss', '0.1', '-t', '0.3']);
    expect(head.rms).toBeLessThanOrEqual(-60);
    expect(head.rms).toBeGreaterThan(-100);
    const tail = ebur128(mp3, ['-ss', String(cues.at(-1)!.end + 0.3), '-t', '0.5']);
    expect(tail.rms).toBeLessThanOrEqual(-60);
  });
});
