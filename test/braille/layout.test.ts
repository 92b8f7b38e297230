import { describe, expect, it } from 'vitest';
import type { Block } from '../../src/formats/braille/blocks.js';
import { fill, layOut } from '../../src/formats/braille/layout.js';
import { paginate } from '../../src/formats/braille/pages.js';
import { chunks } from '../../src/formats/braille/translate.js';

const paragraph = (braille: string, extra: Partial<Block> = {}): Block => ({ text: 'x', braille, table: 'text', format: 'indented', first: 2, runover: 0, before: 0, after: 0, ...extra });

describe('filling lines', () => {
  it('never splits a word: every word of the input is whole on one line', () => {
    const words = Array.from({ length: 200 }, (_, i) => 'ABCDEFGHIJ'.slice(0, 1 + (i * 7) % 10));
    const lines = fill(words, 38, 40, '"');
    expect(lines.join(' ').split(' ')).toEqual(words);
    expect(lines[0].length).toBeLessThanOrEqual(38);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(40);
    // Full lines: the next word would not have fitted.
    lines.slice(0, -1).forEach((line, i) => expect(line.length + 1 + lines[i + 1].split(' ')[0].length).toBeGreaterThan(i === 0 ? 38 : 40));
  });

  it('breaks only a string longer than a line, with the continuation indicator', () => {
    const url = 'X'.repeat(100);
    const lines = fill(['SEE', url], 38, 40, '"');
    expect(lines).toEqual(['SEE', `${'X'.repeat(39)}"`, `${'X'.repeat(39)}"`, 'X'.repeat(22)]);
  });

  it('centres headings with three blank cells each side at least, and indents paragraphs 3-1', () => {
    const rows = layOut(
      [
        { ...paragraph(',HEADING'), format: 'centred', first: 0, keepWithNext: true, after: 1 },
        paragraph(Array.from({ length: 20 }, () => 'WORD').join(' ')),
      ],
      { cells: 40, continuation: '"' },
    );
    const lines = rows.filter((row) => row.kind === 'line').map((row) => (row as { text: string }).text);
    expect(lines[0]).toBe(`${' '.repeat(16)},HEADING`);
    expect(lines[1].startsWith('  WORD')).toBe(true);
    expect(lines[2].startsWith('WORD')).toBe(true);
    expect(rows[1]).toEqual({ kind: 'blank', count: 1 });
  });
});

describe('pages', () => {
  const rows = (count: number) => Array.from({ length: count }, (_, i) => ({ kind: 'line' as const, text: `LINE #${i}`, keepWithNext: false }));

  it('numbers each page at the right of its last line, sharing it with a short line', () => {
    const pages = paginate(rows(60), { cells: 40, lines: 25 });
    expect(pages).toHaveLength(3);
    for (const page of pages) expect(page).toHaveLength(25);
    expect(pages[0][24]).toBe(`LINE #24${' '.repeat(30)}#A`);
    expect(pages[1][0]).toBe('LINE #25');
    expect(pages[2][24]).toBe(`${' '.repeat(38)}#C`);
  });

  it('moves a heading that would end a page to the next one, and drops blank lines at the top', () => {
    const heading = { kind: 'line' as const, text: ',HEAD', keepWithNext: true };
    const pages = paginate([...rows(23), { kind: 'blank', count: 1 }, heading, ...rows(3)], { cells: 40, lines: 25 });
    expect(pages[0].slice(0, 23).every((line) => line.startsWith('LINE'))).toBe(true);
    expect(pages[0][23]).toBe('');
    expect(pages[1][0]).toBe(',HEAD');
  });
});

describe('pieces for liblouis', () => {
  it('cuts long text at spaces under the byte limit and keeps every character', () => {
    const text = Array.from({ length: 500 }, (_, i) => `كلمة${i}`).join(' ');
    const pieces = chunks(text, 800);
    expect(pieces.join(' ')).toBe(text);
    for (const piece of pieces) expect(Buffer.byteLength(piece)).toBeLessThanOrEqual(800);
    expect(chunks('A'.repeat(2000), 800).join('')).toBe('A'.repeat(2000));
  });
});
