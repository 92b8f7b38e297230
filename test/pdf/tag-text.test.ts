import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build/build.js';
import type { BuildResult } from '../../src/build/types.js';
import {
  articleWordsOf,
  comparableWords,
  orderedSimilarity,
  popplerStructureText,
  runTogetherWords,
  wordCoverage,
} from '../../src/formats/pdf/verify.js';
import { readWithPdfjs } from '../../src/formats/pdf/verify-pdfjs.js';
import { run, skeleton } from './helpers.js';

// Real articles, Latin and Arabic, and one Markdown article with every shape the print edition draws.
const ARTICLES = [
  { input: 'content/is-khorasan.txt', name: 'is-khorasan', script: 'latin' },
  { input: 'test/fixtures/pdf/real-news-1.html', name: 'real-news-1', script: 'latin' },
  { input: 'test/fixtures/pdf/real-news-2.html', name: 'real-news-2', script: 'latin' },
  { input: 'test/fixtures/pdf/shapes.md', name: 'shapes', script: 'latin' },
  { input: 'test/fixtures/pdf/udhr-ar.md', name: 'udhr-ar', script: 'arabic' },
] as const;

let outDir: string;
let result: BuildResult;

beforeAll(async () => {
  outDir = mkdtempSync(path.join(tmpdir(), 'broadside-tags-'));
  result = await build({ inputs: ARTICLES.map((article) => article.input), outDir, formats: ['html', 'pdf'] });
}, 600_000);

describe.each(ARTICLES)('$name', ({ name, script }) => {
  const dir = () => path.join(outDir, name);
  const article = () => articleWordsOf(path.join(dir(), 'index.html'));

  it('builds', () => {
    const built = result.articles.find((entry) => entry.outputs?.pdf === `${name}.pdf`);
    expect(built?.error).toBeUndefined();
  });

  describe.each(['', '-large-print'])('%s PDF', (suffix) => {
    const pdf = () => path.join(dir(), `${name}${suffix}.pdf`);

    it('reads, in Poppler\'s structure text, as the article: no words run together, in order, every word', async () => {
      const words = await article();
      const tagged = comparableWords(await popplerStructureText(pdf()));
      expect(runTogetherWords(tagged, words)).toEqual([]);
      expect(orderedSimilarity(tagged, words)).toBeGreaterThanOrEqual(0.99);
      expect(wordCoverage(skeleton(tagged), skeleton(words)).missing).toEqual([]);
    });

    it('holds the article\'s words in its layout text (pdftotext)', async () => {
      const words = await article();
      const text = comparableWords(run('pdftotext', [pdf(), '-']));
      const coverage = wordCoverage(skeleton(text), skeleton(words));
      // pdftotext orders by position and mis-joins some Arabic marks drawn after their letters (docs/pdf.md, known limits).
      if (script === 'latin') expect(coverage.missing).toEqual([]);
      else expect(coverage.share).toBeGreaterThanOrEqual(0.9);
    });

    it.runIf(script === 'latin')('reads the same in pdf.js, as laid out and in tag order', async () => {
      const words = await article();
      const read = await readWithPdfjs(pdf());
      const tagged = comparableWords(read.tagged);
      expect(runTogetherWords(tagged, words)).toEqual([]);
      expect(orderedSimilarity(tagged, words)).toBeGreaterThanOrEqual(0.99);
      expect(wordCoverage(comparableWords(read.layout), words).share).toBeGreaterThanOrEqual(0.99);
    });

    it.runIf(script === 'arabic')('gives real letters, not presentation forms, in its structure text', async () => {
      const text = await popplerStructureText(pdf());
      const arabic = text.match(/[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff]/gu) ?? [];
      // Lam-alef too: the ligature reads as lam, its invisible companion as alef (docs/pdf.md).
      const forms = arabic.filter((char) => /[\ufb50-\ufdff\ufe70-\ufeff]/u.test(char));
      expect(arabic.length).toBeGreaterThan(5000);
      expect(forms).toEqual([]);
    });
  });
});

describe('images in the Markdown article', () => {
  const pdf = () => path.join(outDir, 'shapes', 'shapes.pdf');

  it('makes each loaded image with alt text a Figure with that /Alt, and leaves no broken image', async () => {
    const read = await readWithPdfjs(pdf());
    const figures = read.elements.filter((element) => element.role === 'Figure');
    expect(figures.map((figure) => figure.alt)).toEqual(["A gradient chart labelled Kabul, 2021", "The archive's front door"]);
  });

  it('prints the alt text of the image that could not be loaded, as tagged text, and says so', async () => {
    expect(await popplerStructureText(pdf())).toContain('A photograph of the lock at dawn');
    const warnings = result.articles.find((entry) => entry.outputs?.pdf === 'shapes.pdf')?.warnings ?? [];
    expect(warnings.join('\n')).toMatch(/missing-photo\.jpg could not be loaded; it is left out/);
  });
});

describe('the PDF/UA claim', () => {
  it('is in the XMP of every PDF, with the title and language', () => {
    const qdf = run('qpdf', ['--qdf', '--object-streams=disable', path.join(outDir, 'udhr-ar', 'udhr-ar.pdf'), '-']);
    expect(qdf).toContain('<pdfuaid:part>1</pdfuaid:part>');
    expect(qdf).toMatch(/<dc:title><rdf:Alt><rdf:li xml:lang="x-default">الإعلان العالمي لحقوق الإنسان<\/rdf:li>/);
    expect(qdf).toContain('<dc:language><rdf:Bag><rdf:li>ar</rdf:li></rdf:Bag></dc:language>');
    expect(readFileSync(path.join(outDir, 'udhr-ar', 'udhr-ar.pdf')).length).toBeGreaterThan(0);
  });
});
