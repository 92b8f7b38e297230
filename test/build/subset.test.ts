import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { tempDir } from '../helpers/fixtures.js';

const ARTICLE = `---
title: Opening Hours
lang: en
---

The library opens at nine on weekdays. Bring your card.
`;

describe('a build of some editions', () => {
  it('gives the page what the narration built earlier handed it, so the rebuilt page keeps its player', async () => {
    const work = tempDir();
    const article = path.join(work, 'hours.md');
    writeFileSync(article, ARTICLE);
    const out = path.join(work, 'out');
    const first = await build({ inputs: [article], outDir: out, formats: ['html', 'audio'], voice: 'flite:rms' });
    expect(first.ok).toBe(true);
    const page = () => readFileSync(path.join(out, 'hours', 'index.html'), 'utf8');
    expect(page()).toContain('<audio');
    // The page alone, rebuilt: the narration is not in this run, but its files and hand-off are still there.
    const again = await build({ inputs: [article], outDir: out, formats: ['html'], force: true });
    expect(again.articles[0]).toMatchObject({ ok: true, unchanged: [] });
    expect(page()).toContain('<audio');
    expect(page()).toContain('hours.vtt');
  });
});

describe('a build after one that was killed mid-write', () => {
  it('removes the temporary files the killed build left in the article folder, and only those', async () => {
    const work = tempDir();
    const article = path.join(work, 'hours.md');
    writeFileSync(article, ARTICLE);
    const out = path.join(work, 'out');
    const folder = path.join(out, 'hours');
    const { mkdirSync, existsSync } = await import('node:fs');
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, '.hours.mp3.4242.0badc0de.tmp'), 'half an MP3');
    writeFileSync(path.join(folder, 'notes.tmp'), 'not ours');
    expect((await build({ inputs: [article], outDir: out, formats: ['html'] })).ok).toBe(true);
    expect(existsSync(path.join(folder, '.hours.mp3.4242.0badc0de.tmp'))).toBe(false);
    expect(existsSync(path.join(folder, 'notes.tmp'))).toBe(true);
  });
});
