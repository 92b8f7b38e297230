import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build/build.js';
import { LARGE_PRINT_PT } from '../../src/check/pdf.js';
import { readWithPdfjs } from '../../src/check/pdf-text.js';
import { tempDir } from '../helpers/fixtures.js';

// Footnote numbers, inline and block code, keys, sub- and superscripts, table cells, notes, link addresses,
// and three pages, so that the running head and page numbers print.
const SOURCE = path.resolve('test/fixtures/pdf/small-print.md');

let out: string;
let file: string;

beforeAll(async () => {
  out = tempDir('broadside-large-print-');
  const result = await build({ inputs: [SOURCE], outDir: out, formats: ['pdf'] });
  expect(result.articles[0]?.error).toBeUndefined();
  file = path.join(result.articles[0]!.outDir, 'small-print-large-print.pdf');
}, 300_000);

afterAll(async () => {
  if (out) await rm(out, { recursive: true, force: true });
});

/** Every piece of text pdf.js finds, tagged or not (running heads and page numbers are artifacts), with its size in points. */
async function allText(bytes: Uint8Array): Promise<{ page: number; size: number; text: string }[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdf = await pdfjs.getDocument({ data: bytes, isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  const found: { page: number; size: number; text: string }[] = [];
  for (let number = 1; number <= pdf.numPages; number++) {
    const content = await (await pdf.getPage(number)).getTextContent();
    for (const item of content.items) {
      if ('str' in item && item.str.trim()) found.push({ page: number, size: Math.hypot(item.transform[2]!, item.transform[3]!), text: item.str });
    }
  }
  await pdf.destroy();
  return found;
}

describe('the large-print edition', () => {
  it(`sets every piece of text at ${LARGE_PRINT_PT} pt or more, running heads and page numbers included`, async () => {
    const text = await allText(new Uint8Array(readFileSync(file)));
    expect(new Set(text.map((t) => t.page)).size).toBeGreaterThanOrEqual(3);
    // The kinds of text that printed small before: footnote numbers (15 pt) and the running head (16 pt).
    expect(text.some((t) => t.text.includes('Everything that used to print small') && t.page > 1)).toBe(true);
    expect(text.filter((t) => t.size < LARGE_PRINT_PT - 0.05)).toEqual([]);
  });

  it('passes the check broadside check makes on tagged text', async () => {
    const view = await readWithPdfjs(new Uint8Array(readFileSync(file)));
    expect(view.sizes.length).toBeGreaterThan(50);
    expect(Math.min(...view.sizes.map((s) => s.size))).toBeGreaterThanOrEqual(LARGE_PRINT_PT - 0.05);
  });
});
