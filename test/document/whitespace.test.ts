import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { describe, expect, it } from 'vitest';
import { normaliseWhitespace } from '../../src/document/whitespace.js';
import { file, md } from './helpers.js';

const para = (value: string): Root => ({ type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', value }] }] });
const clean = (value: string) => {
  const tree = para(value);
  normaliseWhitespace()(tree, file());
  return toString(tree);
};

describe('stray no-break spaces', () => {
  it('removes them at paragraph ends and turns them into spaces around words (as in the seed)', () => {
    expect(clean('political instability.\u00A0')).toBe('political instability.');
    expect(clean('\u00A0Start')).toBe('Start');
    expect(clean('The\u00A0Salafi\u00A0radicalized group')).toBe('The Salafi radicalized group');
    expect(clean('of\u00A0 Salafism\u00A0 and')).toBe('of Salafism and');
    expect(clean('two\u00A0\u00A0spaces')).toBe('two spaces');
    expect(clean('line end\u00A0\nnext')).toBe('line end\nnext');
  });

  it('keeps the ones typography wants: numbers, short abbreviations, French punctuation', () => {
    for (const text of ['10\u00A0km', 'page\u00A05', 'Mr.\u00A0Smith', 'Quoi\u00A0?', '\u00AB\u00A0Bonjour\u00A0\u00BB']) expect(clean(text)).toBe(text);
  });

  it('removes zero-width characters', () => {
    expect(clean('Tali\u200Bban\uFEFF')).toBe('Taliban');
  });

  it('does not glue words to code at a block edge, and leaves code alone', () => {
    const tree = md('`x`\u00A0 then\n\n```\na\u00A0\u00A0b\n```\n');
    normaliseWhitespace()(tree, file());
    expect(toString(tree.children[0])).toBe('x then');
    expect(toString(tree.children[1])).toBe('a\u00A0\u00A0b');
  });
});
