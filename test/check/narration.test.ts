import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check } from '../../src/check/index.js';
import { pageFacts } from '../../src/check/facts.js';
import type { Finding } from '../../src/check/types.js';
import { buildArticle } from './helpers.js';

/*
 * What the narration says, against what the page shows, on an article shaped like the real pages whose
 * captions held 92–98 % of their words (livescience, the Guardian, a recipe blog): a picture from the web
 * (which the page shows as "Image: …", a link to it) with a figure caption, linked pictures that only had
 * a lazy-loading placeholder (their alt text is the links' words), a word cut by markup ("expand<a>ed</a>"),
 * a code block, an empty link (which the page names by its address) and an undescribed picture. Narrated by flite for real; checked by `broadside check` on the MP3 beside its page.
 */
const SOURCE = 'test/fixtures/audio/figures.html';
let folder: string;
let findings: Finding[];
let vtt: string;
let page: Document;

beforeAll(async () => {
  folder = await buildArticle(SOURCE, ['audio', 'html']);
  const report = await check([path.join(folder, 'figures.mp3')]);
  findings = report.targets.flatMap((t) => t.findings);
  vtt = await readFile(path.join(folder, 'figures.vtt'), 'utf8');
  page = new JSDOM(await readFile(path.join(folder, 'index.html'), 'utf8')).window.document;
}, 600_000);

afterAll(async () => {
  if (folder) await rm(folder, { recursive: true, force: true });
});

const status = (rule: string) => findings.filter((f) => f.rule === rule).map((f) => `${f.status}: ${f.summary} ${(f.examples ?? []).join(', ')}`);

describe('the narration holds the whole article', () => {
  it('captions every word of the page, the image descriptions and the linked pictures’ words included', () => {
    expect(status('captions-text')).toEqual([expect.stringMatching(/^pass: 100\.0%/u)]);
    expect(status('captions-timing')).toEqual([expect.stringMatching(/^pass/u)]);
  });

  it('describes the picture as an image, captioned, with a cue named by the element the page shows for it', () => {
    const cue = /\n(img-1)\n[\d:.]+ --> [\d:.]+\n(.*)\n/u.exec(vtt);
    expect(cue?.[2]).toBe('Image: A global map of the moon, with dunes in yellow, plains in green and craters in purple across both hemispheres.');
    expect(page.getElementById('img-1')?.textContent).toMatch(/^Image: A global map of the moon/u);
    expect(vtt).toContain('\nThe Hydrocarbon Lakes of Titan Water Plumes Above Europa\n');
    expect(vtt).not.toContain('terrain"');
  });

  it('does not count the page’s own labels: the name it gives an empty link, “Image” for an undescribed picture', () => {
    const named = page.querySelector('a[data-name-from]');
    expect(named?.textContent?.trim()).toBe('2hXQPDr');
    expect(vtt).not.toContain('2hXQPDr');
    expect(page.querySelector('a[href$="legend.png"]')?.textContent).toBe('Image');
  });

  it('has one chapter per section of the page', async () => {
    expect(status('audio-chapters')).toEqual([expect.stringMatching(/^pass: 3 chapters, one per section/u)]);
    const facts = await pageFacts(path.join(folder, 'index.html'));
    expect(facts!.headings.filter((h) => h.level === 2).map((h) => h.text)).toEqual(['How the map was made', 'Related reading']);
  });

  it('meets the podcast loudness on the final MP3', () => {
    expect(status('audio-loudness')).toEqual([expect.stringMatching(/^pass/u)]);
  });
});
