import { appendFileSync, cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { runCli } from '../helpers/cli.js';
import { ROOT, tempDir } from '../helpers/fixtures.js';

const ARTICLE = `---
title: The Reading Room
author: Sam Reed
date: 2025-03-01
lang: en
---

The reading room of the GLA library opens at nine on weekdays. Bring your RFID card.

## Late returns

Books returned late pay no fine this term.
`;

/** Modification time of every file under `dir`, the hidden ones (cache, speech cache) included. */
function snapshot(dir: string): Record<string, number> {
  return Object.fromEntries(
    readdirSync(dir, { recursive: true })
      .map(String)
      .filter((name) => statSync(path.join(dir, name)).isFile())
      .map((name) => [name, statSync(path.join(dir, name)).mtimeMs]),
  );
}

describe('no-op rebuild', () => {
  it('reports every edition unchanged, touches no file, and loads neither the readers nor the editions', () => {
    const work = tempDir();
    const styles = path.join(work, 'styles');
    cpSync(path.join(ROOT, 'styles'), styles, { recursive: true });
    const article = path.join(work, 'reading-room.md');
    writeFileSync(article, ARTICLE);
    writeFileSync(path.join(work, 'reading-room.lexicon.yaml'), '- term: GLA\n  expansion: Greater London Authority\n');
    const out = path.join(work, 'out');
    const log = path.join(work, 'modules.log');
    const env = { BROADSIDE_STYLES: styles };
    const buildOnce = (extra: NodeJS.ProcessEnv = {}) => {
      const run = runCli(['build', article, '--out', out, '--json', '--quiet'], { env: { ...env, ...extra } });
      expect(run.status, run.stderr).toBe(0);
      return JSON.parse(run.stdout).articles[0];
    };

    const first = buildOnce();
    expect(first).toMatchObject({ ok: true, unchanged: [] });
    // The whole output folder: the article's files and the speech cache its articles share.
    const before = snapshot(out);
    expect(Object.keys(before)).toEqual(
      expect.arrayContaining(['reading-room/index.html', 'reading-room/reading-room.pdf', 'reading-room/reading-room-large-print.pdf', 'reading-room/reading-room.mp3', 'reading-room/manifest.json', 'reading-room/.broadside-cache.json']),
    );
    expect(Object.keys(before).some((name) => name.startsWith('.broadside-speech/'))).toBe(true);

    const again = buildOnce({ NODE_OPTIONS: `--import=${pathToFileURL(path.join(ROOT, 'test', 'helpers', 'module-log.mjs')).href}`, BROADSIDE_MODULE_LOG: log });
    expect(again.unchanged.sort()).toEqual(['audio', 'braille', 'epub', 'html', 'pdf']);
    expect(again.timings).toEqual({});
    expect(again.outputs).toEqual(first.outputs);
    expect(snapshot(out)).toEqual(before);
    // The fast path: the stamp said "unchanged" before anything was parsed or any edition loaded.
    const loaded = readFileSync(log, 'utf8').split('\n').filter(Boolean);
    expect(loaded.some((url) => url.endsWith('/dist/cli.js'))).toBe(true);
    // The editions' registry (what each edition is called, writes and needs) is read; no edition itself is loaded.
    const registry = /\/dist\/(formats\/(registry|edition|[^/]+\/edition)|check\/usage)\.js$/;
    expect(loaded.filter((url) => !registry.test(url) && /\/dist\/(formats|check|queue|ingest\/readers|document\/pipeline)\/|\/node_modules\/(puppeteer|pdf-lib|unified|jsdom|yaml|bullmq)\//.test(url))).toEqual([]);

    // --force goes the long way and rebuilds everything.
    const forced = JSON.parse(runCli(['build', article, '--out', out, '--json', '--quiet', '--formats', 'html', '--force'], { env }).stdout).articles[0];
    expect(forced).toMatchObject({ ok: true, unchanged: [] });
  });
});

describe('the input stamp misses when an input changes', () => {
  const savedStyles = process.env.BROADSIDE_STYLES;
  afterEach(() => {
    if (savedStyles === undefined) delete process.env.BROADSIDE_STYLES;
    else process.env.BROADSIDE_STYLES = savedStyles;
  });

  it('rebuilds after a lexicon or a style changes, a lexicon appears, or an output goes missing', async () => {
    const work = tempDir();
    const styles = path.join(work, 'styles');
    cpSync(path.join(ROOT, 'styles'), styles, { recursive: true });
    process.env.BROADSIDE_STYLES = styles;
    const article = path.join(work, 'reading-room.md');
    writeFileSync(article, ARTICLE);
    const lexicon = path.join(work, 'reading-room.lexicon.yaml');
    writeFileSync(lexicon, '- term: GLA\n  expansion: Greater London Authority\n');
    const out = path.join(work, 'out');
    const folder = path.join(out, 'reading-room');
    const page = () => readFileSync(path.join(folder, 'index.html'), 'utf8');
    const rebuild = async () => (await build({ inputs: [article], outDir: out, formats: ['html'] })).articles[0]!;

    expect(await rebuild()).toMatchObject({ ok: true, unchanged: [] });
    expect(page()).toContain('title="Greater London Authority"');
    expect(await rebuild()).toMatchObject({ ok: true, unchanged: ['html'], timings: {} });

    // The article's own lexicon changes.
    writeFileSync(lexicon, '- term: GLA\n  expansion: Great Library Association\n');
    expect(await rebuild()).toMatchObject({ ok: true, unchanged: [], timings: { html: expect.any(Number) } });
    expect(page()).toContain('title="Great Library Association"');
    expect(await rebuild()).toMatchObject({ unchanged: ['html'] });

    // A folder lexicon appears next to the article (the article's own still wins for GLA).
    expect(page()).not.toContain('title="radio-frequency identification"');
    writeFileSync(path.join(work, 'lexicon.yaml'), '- term: GLA\n  expansion: ignored\n- term: RFID\n  expansion: radio-frequency identification\n');
    expect(await rebuild()).toMatchObject({ unchanged: [] });
    expect(page()).toContain('title="radio-frequency identification"');
    expect(page()).toContain('title="Great Library Association"');
    expect(await rebuild()).toMatchObject({ unchanged: ['html'] });

    // A style in the BROADSIDE_STYLES folder changes.
    appendFileSync(path.join(styles, 'web.css'), '\n.stamp-test { color: rebeccapurple; }\n');
    expect(await rebuild()).toMatchObject({ unchanged: [], timings: { html: expect.any(Number) } });
    expect(readFileSync(path.join(folder, 'web.css'), 'utf8')).toContain('.stamp-test');
    expect(await rebuild()).toMatchObject({ unchanged: ['html'] });

    // An output removed by hand is made again.
    rmSync(path.join(folder, 'index.html'));
    expect(await rebuild()).toMatchObject({ unchanged: [] });
    expect(existsSync(path.join(folder, 'index.html'))).toBe(true);
  });

  it('rebuilds after the extra lexicon of the options changes', async () => {
    const work = tempDir();
    const article = path.join(work, 'reading-room.md');
    writeFileSync(article, ARTICLE);
    const extra = path.join(work, 'house.yaml');
    writeFileSync(extra, '- term: GLA\n  expansion: Greater London Authority\n');
    const out = path.join(work, 'out');
    const rebuild = async () => (await build({ inputs: [article], outDir: out, formats: ['html'], lexicon: extra })).articles[0]!;
    expect(await rebuild()).toMatchObject({ ok: true, unchanged: [] });
    expect(await rebuild()).toMatchObject({ ok: true, unchanged: ['html'] });
    writeFileSync(extra, '- term: GLA\n  expansion: Gallery of Local Art\n');
    expect(await rebuild()).toMatchObject({ ok: true, unchanged: [] });
    expect(readFileSync(path.join(out, 'reading-room', 'index.html'), 'utf8')).toContain('title="Gallery of Local Art"');
  });
});
