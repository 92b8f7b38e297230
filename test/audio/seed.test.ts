import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build/build.js';
import { sentencesOf } from '../../src/document/sentences.js';
import type { ArticleDocument } from '../../src/document/types.js';
import { readArticle } from '../../src/ingest/index.js';
import { ebur128, ffprobe, parseVtt, type ParsedCue, type Probe } from './helpers.js';

const SEED = 'content/is-khorasan.txt';
let out: string;
let folder: string;
let doc: ArticleDocument;
let probe: Probe;
let cues: ParsedCue[];
let mp3: Buffer;

beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'broadside-audio-seed-'));
  const result = await build({ inputs: [SEED], outDir: out, formats: ['audio', 'html'] });
  expect(result.articles[0]?.error).toBeUndefined();
  folder = result.articles[0]!.outDir;
  doc = await readArticle(SEED);
  probe = ffprobe(path.join(folder, 'is-khorasan.mp3'));
  cues = parseVtt(await readFile(path.join(folder, 'is-khorasan.vtt'), 'utf8'));
  mp3 = await readFile(path.join(folder, 'is-khorasan.mp3'));
});

afterAll(async () => {
  if (out) await rm(out, { recursive: true, force: true });
});

describe('the seed narration (flite)', () => {
  it('is listed in the manifest', async () => {
    const manifest = JSON.parse(await readFile(path.join(folder, 'manifest.json'), 'utf8')) as { outputs: Record<string, string> };
    expect(manifest.outputs.audio).toBe('is-khorasan.mp3');
    expect(manifest.outputs.captions).toBe('is-khorasan.vtt');
  });

  it('is a mono MP3 at 64 kbps and flite\'s own 16 kHz, whose duration suits the word count', () => {
    const [stream] = probe.streams;
    expect(stream).toMatchObject({ codec_name: 'mp3', sample_rate: '16000', channels: 1, bit_rate: '64000' });
    const minutes = Number(probe.format.duration) / 60;
    // Narration runs at 110–200 words a minute, pauses included.
    expect(doc.wordCount / minutes).toBeGreaterThan(110);
    expect(doc.wordCount / minutes).toBeLessThan(200);
  });

  it('carries title, artist, date, language and a comment naming the source', () => {
    const tags = probe.format.tags ?? {};
    expect(tags.title).toBe(doc.meta.title);
    expect(tags.artist).toBe(doc.meta.authors.join(', '));
    expect(tags.date).toContain(doc.meta.date!.slice(0, 4));
    expect(tags.language).toBe('eng');
    expect(tags.comment).toContain('is-khorasan.txt');
  });

  it('has one chapter per top-level section, titled with its heading, under one top-level CTOC', () => {
    const headings = [doc.meta.title, ...doc.tree.children.filter((n) => n.type === 'heading' && n.depth === 2).map((n) => toString(n))];
    expect(probe.chapters.map((c) => c.tags?.title)).toEqual(headings);
    expect(Number(probe.chapters[0]!.start_time)).toBe(0);
    for (let i = 1; i < probe.chapters.length; i++) expect(probe.chapters[i]!.start_time).toBe(probe.chapters[i - 1]!.end_time);
    expect(Number(probe.chapters.at(-1)!.end_time)).toBeLessThanOrEqual(Number(probe.format.duration) + 0.05);
    const ctoc = mp3.indexOf('CTOC');
    expect(ctoc).toBeGreaterThan(0);
    expect(mp3.indexOf('CTOC', ctoc + 4)).toBe(-1);
    const idEnd = mp3.indexOf(0, ctoc + 10);
    const flags = mp3[idEnd + 1]!;
    expect(flags & 0x02).toBe(0x02); // top level
    expect(mp3[idEnd + 2]).toBe(probe.chapters.length);
  });

  it('is normalised to −16 LUFS ±1 with true peak at most −1.5 dBTP (ebur128)', () => {
    const measured = ebur128(path.join(folder, 'is-khorasan.mp3'));
    expect(Math.abs(measured.integrated + 16)).toBeLessThanOrEqual(1);
    expect(measured.truePeak).toBeLessThanOrEqual(-1.5);
  });

  it('has monotonic captions within the duration', () => {
    const duration = Number(probe.format.duration);
    expect(cues.length).toBeGreaterThan(20);
    let previous = 0;
    for (const cue of cues) {
      expect(cue.start).toBeGreaterThanOrEqual(previous);
      expect(cue.end).toBeGreaterThan(cue.start);
      expect(cue.end).toBeLessThanOrEqual(duration);
      previous = cue.start;
    }
    expect(new Set(cues.map((c) => c.id)).size).toBe(cues.length);
  });

  it('has one cue per sentence, in order, whose text is the displayed sentence', () => {
    const sentences = sentencesOf(doc.tree).map((s) => ({ id: s.data!.hProperties.id, text: toString(s, { includeImageAlt: false }) }));
    expect(sentences.length).toBeGreaterThan(20);
    expect(cues.filter((c) => c.id.startsWith('s-')).map(({ id, text }) => ({ id, text }))).toEqual(sentences);
    expect(cues[0]).toMatchObject({ id: 'title', text: doc.meta.title });
  });

  it('covers the article text: the joined cues are the displayed blocks', () => {
    const blocks: string[] = [];
    visit(doc.tree as Root, (node) => {
      const n = node as RootContent;
      if ((n.type === 'heading' && n.depth > 1) || n.type === 'paragraph' || n.type === 'tableCell') {
        const text = toString(n, { includeImageAlt: false }).replace(/\s+/gu, ' ').trim();
        if (text) blocks.push(text);
        return 'skip';
      }
      return undefined;
    });
    const joined = cues.filter((c) => c.id.startsWith('s-')).map((c) => c.text).join(' ');
    expect(joined).toBe(blocks.join(' '));
  });

  it('is embedded in the page with its captions, chapter links and the read-along script', async () => {
    const html = await readFile(path.join(folder, 'index.html'), 'utf8');
    expect(html).toMatch(/<audio[^>]*controls[^>]*src="is-khorasan.mp3"/u);
    expect(html).toMatch(/<track kind="captions" src="is-khorasan.vtt" srclang="en"/u);
    expect(html).toContain('<script src="readalong.js" defer>');
    expect(html).toContain('href="readalong.css"');
    for (const chapter of probe.chapters.slice(1)) expect(html).toContain(`>${chapter.tags!.title}</a>`);
    expect(html).toContain('href="#about-the-authors" data-start=');
    for (const cue of cues.filter((c) => c.id.startsWith('s-'))) expect(html).toContain(`id="${cue.id}"`);
    // The cue times are in the page (a text track does not load from file:), one per sentence cue.
    const island = /<script type="application\/json" id="readalong-cues">([^<]*)<\/script>/u.exec(html);
    expect((JSON.parse(island![1]!) as [string][]).map(([id]) => id)).toEqual(cues.filter((c) => c.id).map((c) => c.id));
    await expect(readFile(path.join(folder, 'readalong.js'), 'utf8')).resolves.toContain('readalong-cues');
  });
});
