import { describe, expect, it } from 'vitest';
import { applyInsertions, artifactInsertions, parseOperations } from '../../src/formats/pdf/content-stream.js';

const encode = (text: string) => new TextEncoder().encode(text);
const decode = (bytes: Uint8Array) => new TextDecoder('latin1').decode(bytes);
const mark = (text: string) => decode(applyInsertions(encode(text), artifactInsertions(parseOperations(encode(text)))));
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('parseOperations', () => {
  it('skips strings, hex strings, names, arrays and dictionaries', () => {
    const ops = parseOperations(encode('/P <</MCID 3 /Alt (a (nested) \\) Tj)>> BDC BT [(x) -20 <0041>] TJ ET EMC'));
    expect(ops.map((op) => op.operator)).toEqual(['BDC', 'BT', 'TJ', 'ET', 'EMC']);
    expect(ops[0].operands).toContain('/MCID 3');
  });

  it('reads an inline image as one operation', () => {
    const ops = parseOperations(encode('q BI /W 1 /H 1 /BPC 8 /CS /G ID \u00ffEI Q EI Q'));
    expect(ops.map((op) => op.operator)).toEqual(['q', 'BI', 'Q']);
  });
});

describe('artifactInsertions', () => {
  it('wraps a text object painted outside marked content as a pagination artifact', () => {
    expect(squash(mark('q BT /F1 9 Tf <0041> Tj ET Q'))).toBe('q /Artifact <</Type /Pagination>> BDC BT /F1 9 Tf <0041> Tj ET EMC Q');
  });

  it('leaves tagged text and existing artifacts alone', () => {
    const tagged = '/P <</MCID 0>> BDC BT <0041> Tj ET EMC /Artifact BMC BT <0042> Tj ET EMC';
    expect(mark(tagged)).toBe(tagged);
  });

  it('wraps only the unmarked runs of a text object that also holds marked text', () => {
    const out = squash(mark('BT /P <</MCID 0>> BDC <0041> Tj EMC 5 0 Td <0042> Tj ET'));
    expect(out).toBe('BT /P <</MCID 0>> BDC <0041> Tj EMC 5 0 Td /Artifact <</Type /Pagination>> BDC <0042> Tj EMC ET');
  });

  it('wraps unmarked paths and images, but not clipping paths', () => {
    const out = squash(mark('q 0 0 10 10 re W n 1 1 1 rg 0 0 5 5 re f /Im1 Do Q'));
    expect(out).toBe('q 0 0 10 10 re W n 1 1 1 rg /Artifact BMC 0 0 5 5 re f EMC /Artifact BMC /Im1 Do EMC Q');
  });

  it('treats marks without an MCID (right-to-left runs, ActualText spans) as covering nothing', () => {
    const out = squash(mark('BT /ReversedChars BMC /Span <</ActualText <feff0646>>> BDC 3 0 Td <14e0> Tj EMC EMC ET'));
    expect(out).toBe('BT /ReversedChars BMC /Span <</ActualText <feff0646>>> BDC 3 0 Td /Artifact <</Type /Pagination>> BDC <14e0> Tj EMC EMC EMC ET');
    const tagged = '/P <</MCID 4>> BDC BT /ReversedChars BMC <14e0> Tj EMC ET EMC';
    expect(mark(tagged)).toBe(tagged);
  });
});
