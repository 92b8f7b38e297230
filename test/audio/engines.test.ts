import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { toString } from 'mdast-util-to-string';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { build } from '../../src/build/build.js';
import { sentencesOf } from '../../src/document/sentences.js';
import { chooseVoice, ENGINES } from '../../src/formats/audio/engines/index.js';
import { listVoices } from '../../src/formats/audio/voices.js';
import { readArticle } from '../../src/ingest/index.js';
import { ffprobe, parseVtt } from './helpers.js';

const installed = (program: string) => {
  try {
    execFileSync('sh', ['-c', `command -v ${program}`]);
    return true;
  } catch {
    return false;
  }
};
const hasEspeak = installed('espeak-ng');
const hasFestival = installed('text2wave');

let out: string;
beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'broadside-audio-engines-'));
});
afterAll(async () => {
  if (out) await rm(out, { recursive: true, force: true });
});

describe('voices', () => {
  it('lists what this machine has, with flite always there', async () => {
    const lines = await listVoices();
    expect(lines.some((line) => line.includes('flite:rms'))).toBe(true);
    if (hasEspeak) expect(lines.some((line) => line.includes('espeak-ng:ar '))).toBe(true);
    if (hasFestival) expect(lines.some((line) => line.includes('festival:cmu_us_slt_arctic_hts'))).toBe(true);
    if (process.platform === 'linux') expect(lines).toContain('say: not available (comes from the operating system (macOS or Windows) through the npm package say)');
  });

  it('chooses by language, flite rms for English, never a voice of another language', async () => {
    const english = await chooseVoice('en');
    expect(`${english.engine.id}:${english.voice.id}`).toBe('flite:rms');
    if (hasEspeak) {
      const arabic = await chooseVoice('ar');
      expect(arabic.engine.id).toBe('espeak-ng');
      expect(arabic.voice.languages).toContain('ar');
    }
    await expect(chooseVoice('tlh')).rejects.toThrow(/no narration voice for the article's language "tlh".*espeak-ng/u);
  });

  it('honours --voice and explains a wrong one', async () => {
    if (hasFestival) expect((await chooseVoice('en', 'festival')).voice.id).toBe('cmu_us_slt_arctic_hts');
    expect((await chooseVoice('en', 'flite:slt')).voice.id).toBe('slt');
    await expect(chooseVoice('en', 'flite:nobody')).rejects.toThrow(/flite has no voice "nobody"/u);
    await expect(chooseVoice('en', 'polly')).rejects.toThrow(/unknown narration engine "polly"/u);
  });

  for (const engine of ENGINES) {
    it(`${engine.id} speaks a sentence when it is available`, async (context) => {
      const voices = await engine.voices();
      if (!voices.length) context.skip();
      const voice = voices.find((v) => v.languages.includes('en')) ?? voices[0]!;
      const dir = await mkdtemp(path.join(out, `${engine.id}-`));
      const speaker = await engine.open(voice, { concurrency: 1, tempDir: dir });
      try {
        const pcm = await speaker.synthesize('Hello there, this is a test.', new AbortController().signal);
        const seconds = pcm.samples.length / pcm.sampleRate;
        expect(seconds).toBeGreaterThan(0.8);
        expect(seconds).toBeLessThan(5);
        const rms = Math.sqrt(pcm.samples.reduce((sum, x) => sum + x * x, 0) / pcm.samples.length);
        expect(20 * Math.log10(rms)).toBeGreaterThan(-40);
      } finally {
        await speaker.close();
      }
      expect(await readdir(dir)).toEqual([]);
    });
  }
});

describe('an Arabic article', () => {
  it.runIf(hasEspeak)('is narrated in Arabic by espeak-ng, with Arabic captions', async () => {
    const result = await build({ inputs: ['test/fixtures/audio/arabic.md'], outDir: out, formats: ['audio'] });
    expect(result.articles[0]?.error).toBeUndefined();
    const folder = result.articles[0]!.outDir;
    const probe = ffprobe(path.join(folder, 'arabic.mp3'));
    expect(probe.format.tags?.language).toBe('ara');
    expect(probe.format.tags?.comment).toContain('espeak-ng:ar');
    const doc = await readArticle('test/fixtures/audio/arabic.md');
    const cues = parseVtt(await readFile(path.join(folder, 'arabic.vtt'), 'utf8'));
    expect(cues.filter((c) => c.id.startsWith('s-')).map((c) => c.text)).toEqual(sentencesOf(doc.tree).map((s) => toString(s)));
    expect(cues[0]!.text).toBe('القراءة');
  });

  it('fails the build with a message naming the package when no voice speaks the language', async () => {
    const source = path.join(out, 'klingon.md');
    await writeFile(source, '---\ntitle: tlhIngan Hol\nlang: tlh\n---\n\nnuqneH. Qapla.\n');
    const result = await build({ inputs: [source], outDir: out, formats: ['audio'] });
    expect(result.articles[0]?.ok).toBe(false);
    expect(result.articles[0]?.error).toMatch(/no narration voice for the article's language "tlh".*Debian package espeak-ng/u);
  });
});

describe('cancelling', () => {
  it.runIf(hasFestival)('kills the engine processes and removes temporary files when aborted', async () => {
    const controller = new AbortController();
    // A temporary folder of its own: other test files make broadside-tts-* folders in the shared one at the same time.
    const shared = process.env.TMPDIR;
    const own = await mkdtemp(path.join(os.tmpdir(), 'cancel-'));
    process.env.TMPDIR = own;
    onTestFinished(async () => {
      if (shared === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = shared;
      await rm(own, { recursive: true, force: true });
    });
    const before = new Set((await readdir(os.tmpdir())).filter((name) => name.startsWith('broadside-tts-')));
    const running = build({ inputs: ['content/is-khorasan.txt'], outDir: out, formats: ['audio'], voice: 'festival', signal: controller.signal });
    // Wait until festival is really running as our child, then cancel.
    const children = () => {
      try {
        return execFileSync('pgrep', ['-P', String(process.pid), '-a'], { encoding: 'utf8' });
      } catch {
        return '';
      }
    };
    for (let i = 0; i < 600 && !children().includes('text2wave'); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(children()).toContain('text2wave');
    controller.abort(new Error('cancelled by the test'));
    await expect(running).rejects.toThrow();
    for (let i = 0; i < 40 && children().includes('text2wave'); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(children()).not.toContain('text2wave');
    const after = (await readdir(os.tmpdir())).filter((name) => name.startsWith('broadside-tts-') && !before.has(name));
    expect(after).toEqual([]);
  });
});
