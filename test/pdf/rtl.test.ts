import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'puppeteer';
import { launchBrowser } from '../../src/common/browser.js';
import { pdfEdition } from '../../src/formats/pdf/index.js';
import { bookmarkTitles, editionContext, fixtureDocument, parentTreeProblems, pdfInfo, run, structureElements, unmarkedTextOperators } from './helpers.js';

let browser: Browser;
const files: Record<string, string> = {};

// Arabic is shaped: Chromium nests ReversedChars and ActualText sequences inside the tagged text.
beforeAll(async () => {
  browser = await launchBrowser();
  const context = editionContext(fixtureDocument('arabic.md', 'ar', 'rtl'), browser);
  const outputs = await pdfEdition.render(context);
  for (const [key, file] of Object.entries(outputs)) files[key] = path.join(context.outDir, file);
});

afterAll(async () => {
  await browser?.close();
});

describe.each(['pdf', 'largePrintPdf'])('a right-to-left article (%s)', (key) => {
  it('is tagged Arabic, one article, with its paragraphs and headings', () => {
    expect(pdfInfo(files[key]).Tagged).toBe('yes');
    expect(run('qpdf', ['--qdf', '--object-streams=disable', files[key], '-'])).toMatch(/\/Lang \(ar\)/);
    const elements = structureElements(files[key]);
    expect(elements.filter((name) => name === 'Art')).toHaveLength(1);
    expect(elements.filter((name) => name === 'P')).toHaveLength(3);
    expect(elements.filter((name) => /^H\d$/.test(name))).toEqual(['H1', 'H2']);
    expect(bookmarkTitles(files[key])).toEqual(['الأرشيف', 'كيف تساعد']);
  });

  it('leaves no text outside marked content, and a consistent ParentTree', () => {
    expect(unmarkedTextOperators(files[key])).toEqual([]);
    const { problems, checked, marked } = parentTreeProblems(files[key]);
    expect(problems).toEqual([]);
    expect(checked).toBe(marked);
  });

  it('prints the Arabic words in logical order, and the link target whole', () => {
    // Directional marks aside, and runs of spaces as one: pdftotext adds its own space where a space glyph (a mark and a space) leaves a gap.
    const text = run('pdftotext', [files[key], '-']).replace(/[\u200e\u200f\u202a-\u202e]/g, '').replace(/ {2,}/g, ' ');
    expect(text).toContain('مرحبا بكم في الأرشيف');
    expect(text).toContain('الفقرة الثانية هنا مع رابط الدليل');
    // pdftotext's own bidi reordering moves the brackets of an embedded left-to-right run; the address itself is whole.
    expect(text).toContain('example.org/guide');
  });
});
