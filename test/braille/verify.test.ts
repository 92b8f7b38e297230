import { describe, expect, it } from 'vitest';
import { brailleNumber } from '../../src/formats/braille/ascii.js';
import { checkBrf } from '../../src/formats/braille/verify.js';

/** A BRF of `count` pages of the given size, each numbered at the right of its last line. */
function brf(count: number, { cells = 40, lines = 25, body = ',HELLO _W4' } = {}): string {
  const pages: string[] = [];
  for (let p = 1; p <= count; p++) {
    const rows = [body, ...Array.from({ length: lines - 2 }, () => '')];
    const number = brailleNumber(p);
    rows.push(' '.repeat(cells - number.length) + number);
    pages.push(rows.map((row) => `${row}\r\n`).join(''));
  }
  return pages.join('\f');
}

const bytes = (text: string) => Buffer.from(text, 'latin1');
const rules = (text: string, options = {}) => checkBrf(bytes(text), options).problems.map((problem) => problem.rule);

describe('checkBrf', () => {
  it('passes a well-formed file, with or without a final form feed', () => {
    expect(checkBrf(bytes(brf(3)))).toEqual({ ok: true, pages: 3, problems: [] });
    expect(checkBrf(bytes(`${brf(3)}\f`))).toMatchObject({ ok: true, pages: 3 });
  });

  it('accepts the page number on the first line instead', () => {
    const first = `${' '.repeat(38)}#A\r\n,HELLO\r\n`;
    expect(checkBrf(bytes(first)).ok).toBe(true);
  });

  it('finds bytes that are not braille ASCII: lower case, tabs, UTF-8', () => {
    expect(rules(brf(1, { body: ',hello' }))).toEqual(['brf-bytes', 'brf-bytes', 'brf-bytes', 'brf-bytes', 'brf-bytes']);
    expect(rules(brf(1, { body: 'A\tB' }))).toEqual(['brf-bytes']);
    const problem = checkBrf(Buffer.from(brf(2, { body: '⠁' }), 'utf8')).problems[0];
    expect(problem).toMatchObject({ rule: 'brf-bytes', page: 1, line: 1 });
  });

  it('finds line ends that are not CR LF', () => {
    expect(rules(brf(2).replace(/\r\n/g, '\n'))).toContain('brf-line-end');
    expect(rules(brf(1).replace('\r\n', '\r'))).toContain('brf-line-end');
  });

  it('finds lines and pages over the size', () => {
    expect(rules(brf(1, { body: 'A'.repeat(41) }))).toEqual(['brf-line-length']);
    expect(rules(brf(1, { lines: 26 }))).toEqual(['brf-page-length']);
    expect(rules(brf(2, { cells: 32, lines: 20 }), { cells: 32, lines: 20 })).toEqual([]);
  });

  it('finds missing and out-of-sequence page numbers', () => {
    expect(rules(brf(2).replace('#B', '  '))).toEqual(['brf-page-number']);
    expect(checkBrf(bytes(brf(3).replace('#B', '#C'))).problems[0]).toMatchObject({ rule: 'brf-page-number', page: 2, message: 'page 2 is numbered 3' });
    // A number not at the right margin is not a page number.
    expect(rules(brf(1).replace(`${' '.repeat(38)}#A`, '#A'))).toEqual(['brf-page-number']);
  });

  it('finds an empty file', () => {
    expect(checkBrf(new Uint8Array())).toMatchObject({ ok: false, pages: 0, problems: [{ rule: 'brf-empty' }] });
  });
});
