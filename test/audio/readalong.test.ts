import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build/build.js';
import { describeViolations, launchBrowser, runAxe, type Browser, type Page } from '../helpers/browser.js';

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.mp3': 'audio/mpeg', '.vtt': 'text/vtt; charset=utf-8' };

let out: string;
let folder: string;
let server: Server;
let base: string;
let browser: Browser;

beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'broadside-readalong-'));
  const result = await build({ inputs: ['test/fixtures/audio/structures.md'], outDir: out, formats: ['audio', 'html'] });
  expect(result.articles[0]?.error).toBeUndefined();
  folder = result.articles[0]!.outDir;
  // Text tracks are fetched with CORS rules that file: URLs fail, so the page is served over HTTP.
  server = createServer(async (request, response) => {
    const file = path.join(folder, path.basename(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)) || 'index.html');
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) return void response.writeHead(404).end();
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    // Media elements seek only in resources served with byte ranges.
    const range = /^bytes=(\d*)-(\d*)$/u.exec(request.headers.range ?? '');
    if (range) {
      const start = range[1] ? Number(range[1]) : 0;
      const end = range[2] ? Math.min(Number(range[2]), info.size - 1) : info.size - 1;
      response.writeHead(206, { 'content-type': type, 'accept-ranges': 'bytes', 'content-range': `bytes ${start}-${end}/${info.size}`, 'content-length': end - start + 1 });
      createReadStream(file, { start, end }).pipe(response);
      return;
    }
    response.writeHead(200, { 'content-type': type, 'accept-ranges': 'bytes', 'content-length': info.size });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/index.html`;
  browser = await launchBrowser({});
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  if (out) await rm(out, { recursive: true, force: true });
});

async function openPage(scheme: 'light' | 'dark'): Promise<Page> {
  const page = await browser.newPage();
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
  await page.goto(base, { waitUntil: 'load' });
  // The script indexes the cues once the track has loaded.
  await page.waitForSelector('.s.seekable', { timeout: 20_000 });
  return page;
}

describe('the read-along page', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`has no axe violations with a sentence highlighted (${scheme})`, async () => {
      const page = await openPage(scheme);
      // s-8 holds a link: its colour must keep contrast on the highlight too.
      await page.evaluate(() => {
        document.getElementById('s-8')!.classList.add('reading');
        document.getElementById('s-1')!.classList.add('reading');
      });
      const violations = await runAxe(page);
      await page.close();
      expect(violations, describeViolations(violations)).toEqual([]);
    });
  }

  it('highlights the sentence whose cue is active, and seeks when a sentence is clicked', async () => {
    const page = await openPage('light');
    const cues = await page.evaluate(() => {
      const track = document.querySelector('track')!.track;
      return Array.from(track.cues ?? []).map((cue) => ({ id: (cue as VTTCue).id, start: cue.startTime, end: cue.endTime }));
    });
    const target = cues.find((cue) => cue.id === 's-9')!;
    expect(target).toBeDefined();
    await page.evaluate((time) => {
      (document.getElementById('narration') as HTMLAudioElement).currentTime = time;
    }, (target.start + target.end) / 2);
    await page.waitForSelector('#s-9.reading', { timeout: 10_000 });
    expect(await page.$$eval('.s.reading', (nodes) => nodes.map((n) => n.id))).toEqual(['s-9']);

    const clicked = cues.find((cue) => cue.id === 's-2')!;
    await page.click('#s-2');
    // Clicking also starts playback, so the position may have moved on a little by now, but within the sentence.
    const time = await page.evaluate(() => (document.getElementById('narration') as HTMLAudioElement).currentTime);
    expect(time).toBeGreaterThanOrEqual(clicked.start - 0.05);
    expect(time).toBeLessThan(clicked.end);
    await page.close();
  });

  it('moves the narration to a chapter when its link is followed', async () => {
    const page = await openPage('light');
    const start = Number(await page.$eval('.chapters a[href="#about-the-authors"]', (a) => a.getAttribute('data-start')));
    expect(start).toBeGreaterThan(5);
    await page.click('.chapters a[href="#about-the-authors"]');
    const state = await page.evaluate(() => ({ time: (document.getElementById('narration') as HTMLAudioElement).currentTime, hash: location.hash }));
    expect(Math.abs(state.time - start)).toBeLessThan(0.05);
    expect(state.hash).toBe('#about-the-authors');
    await page.close();
  });
});
