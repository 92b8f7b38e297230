import { readFile } from 'node:fs/promises';
import type { Heading, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { readArticle } from '../../src/ingest/index.js';
import { readScrapedText, readTxt } from '../../src/ingest/readers/txt.js';
import { loadChromeRules } from '../../src/ingest/txt/site-lines.js';

const SEED = 'content/is-khorasan.txt';
const FIXTURE = 'test/fixtures/harbour-wind-farm.txt';

async function read(path: string) {
  const text = await readFile(path, 'utf8');
  return { text, result: readTxt(text, new VFile({ path, value: text })) };
}

const texts = (tree: Root, type: string) => tree.children.filter((n) => n.type === type).map((n) => toString(n));
const normalise = (s: string) => s.replace(/[\s\u00A0]+/g, ' ').trim();

describe('readTxt on the seed (content/is-khorasan.txt)', () => {
  it('finds the title, date and authors', async () => {
    const { result } = await read(SEED);
    expect(result.meta).toEqual({ title: 'IS-Khorasan: A Solemn Threat to Taliban', date: '2023-12-08', authors: ['Asma Hussain', 'Ismail Ahmad'] });
    const first = result.tree.children[0] as Heading;
    expect(first.type).toBe('heading');
    expect(first.depth).toBe(1);
    expect(toString(first)).toBe('IS-Khorasan: A Solemn Threat to Taliban');
  });

  it('keeps all nine body paragraphs, in order and whole', async () => {
    const { text, result } = await read(SEED);
    const paragraphs = texts(result.tree, 'paragraph');
    expect(paragraphs).toHaveLength(9);
    const sourceParagraphs = text
      .split(/\n\s*\n/)
      .map((b) => b.trim())
      .filter((b) => b.split(/\s+/).length > 40 && !b.startsWith('The Authors'));
    expect(sourceParagraphs).toHaveLength(9);
    expect(paragraphs.map(normalise)).toEqual(sourceParagraphs.map(normalise));
    expect(paragraphs[0]).toMatch(/^Every war, whether inter or intrastate/);
    expect(paragraphs[8]).toMatch(/neutralize IS-K in Afghanistan\.$/);
  });

  it('puts the bio in `about`, not in the body, without the label or the dangling contact stub', async () => {
    const { result } = await read(SEED);
    expect(result.about).toHaveLength(1);
    const bio = toString(result.about![0]);
    expect(bio).toBe('Asma Hussain and Ismail Ahmad are the MPhil scholars at National Defence University Islamabad, at the Department of Peace and Conflict Studies.');
    expect(texts(result.tree, 'paragraph').join('\n')).not.toContain('MPhil');
  });

  it('drops every line of site chrome', async () => {
    const { result } = await read(SEED);
    const all = toString(result.tree) + toString({ type: 'root', children: result.about ?? [] });
    for (const chrome of ['Please enter your comment', 'Please enter your name here', 'Related Articles', 'Media Partner', 'Latest Posts', 'Get in Touch', 'reached at', 'Friday, December 8']) {
      expect(all).not.toContain(chrome);
    }
  });
});

describe('the seed without any known wording', () => {
  it('still finds the article and drops the chrome, by shape and position alone', async () => {
    const text = await readFile(SEED, 'utf8');
    const none = { ...loadChromeRules(), phrases: new Set<string>(), prefixes: [], patterns: [], endMarkers: new Set<string>(), endPatterns: [], socialWords: new Set<string>() };
    const result = readScrapedText(text, new VFile({ path: SEED, value: text }), none);
    expect(result.meta).toEqual({ title: 'IS-Khorasan: A Solemn Threat to Taliban', date: '2023-12-08', authors: ['Asma Hussain', 'Ismail Ahmad'] });
    expect(texts(result.tree, 'paragraph')).toHaveLength(9);
    expect(result.about).toHaveLength(1);
    const all = toString(result.tree);
    for (const chrome of ['Please enter', 'Related Articles', 'Media Partner', 'Latest Posts', 'Get in Touch']) expect(all).not.toContain(chrome);
  });
});

describe('readTxt on a news page with different chrome (test/fixtures/harbour-wind-farm.txt)', () => {
  it('finds the title under a menu and breadcrumbs, the byline and the labelled date', async () => {
    const { result } = await read(FIXTURE);
    expect(result.meta).toEqual({ title: 'Wind Farm Plan Splits a Harbour Town', date: '2024-03-03', authors: ['Jane Doe', 'Tom Okafor'] });
  });

  it('turns ALL-CAPS, underlined and short lines into a heading outline that never skips', async () => {
    const { result } = await read(FIXTURE);
    const headings = result.tree.children.filter((n): n is Heading => n.type === 'heading').map((h) => [h.depth, toString(h)]);
    expect(headings).toEqual([
      [1, 'Wind Farm Plan Splits a Harbour Town'],
      [2, 'THE COUNCIL VOTE'],
      [3, 'What Fishermen Say'],
      [4, 'On the Quay'],
      [2, 'LOOKING AHEAD'],
    ]);
  });

  it('keeps the body paragraphs and the bio, and nothing of the chrome', async () => {
    const { result } = await read(FIXTURE);
    const paragraphs = texts(result.tree, 'paragraph');
    expect(paragraphs).toHaveLength(7);
    expect(paragraphs[0]).toMatch(/^When the council first unveiled/);
    expect(paragraphs[6]).toMatch(/before the final vote\.$/);
    expect(result.about?.map((n) => toString(n))).toEqual(["Jane Doe is the Chronicle's environment reporter. Tom Okafor covers the fishing industry from Newlyn."]);
    const all = toString(result.tree);
    for (const chrome of ['Coastline Chronicle', 'Home', 'Search', 'Share', 'Subscribe', 'newsletter', 'cookies', 'You May Also Like', 'Solar Panels', 'Leave a Reply', 'Required fields', 'Post Comment', 'All rights reserved', 'Privacy Policy', 'Tags:', 'min read', 'About the authors']) {
      expect(all).not.toContain(chrome);
    }
  });
});

describe('the seed through the whole ingest and normalisation', () => {
  it('gives the acceptance metadata and a clean, marked-up tree', async () => {
    const doc = await readArticle(SEED);
    expect(doc.meta.title).toBe('IS-Khorasan: A Solemn Threat to Taliban');
    expect(doc.meta.date).toBe('2023-12-08');
    expect(doc.meta.authors).toEqual(['Asma Hussain', 'Ismail Ahmad']);
    expect(doc.meta.lang).toBe('en');
    expect(doc.meta.dir).toBe('ltr');
    expect(doc.meta.description.length).toBeLessThanOrEqual(160);
    expect(doc.meta.description).toMatch(/^Every war, whether inter or intrastate posses horrific consequences\./);
    const text = toString(doc.tree);
    expect(text).not.toContain('\u00A0');
    expect(text).toContain('Taliban\u2019s government');
    expect(text).not.toContain("'");
    const h1s = doc.tree.children.filter((n) => n.type === 'heading' && n.depth === 1);
    expect(h1s).toHaveLength(1);
    const about = doc.tree.children.findIndex((n) => n.type === 'heading' && n.data?.hProperties?.id === 'about-the-authors');
    expect(about).toBe(10);
    expect(doc.lexicon.find((e) => e.term === 'IS-K')?.say).toBe('I S K');
  });
});
