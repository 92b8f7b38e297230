import { describe, expect, it } from 'vitest';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { collapseSpaces } from '../../src/formats/pdf/line-end-spaces.js';
import { parseCMap } from '../../src/formats/pdf/to-unicode.js';
import { comparableWords, orderedSimilarity, runTogetherWords, structureTextBlocks, wordCoverage } from '../../src/formats/pdf/verify.js';

describe('the measuring helpers', () => {
  const article = comparableWords('Usually, when the war ends the very first effect is anarchy.');

  it('finds words run together, and only those', () => {
    const pdf = comparableWords('Usually, when the warends the very first effect isanarchy.');
    expect(runTogetherWords(pdf, article)).toEqual(['warends', 'isanarchy']);
    expect(runTogetherWords(article, article)).toEqual([]);
  });

  it('measures order and coverage', () => {
    expect(orderedSimilarity(article, article)).toBe(1);
    expect(orderedSimilarity([...article].reverse(), article)).toBeLessThan(0.5);
    expect(wordCoverage(article.slice(1), article).missing).toEqual(['Usually']);
  });

  it('folds presentation forms and drops directional controls', () => {
    expect(comparableWords('\ufedf\ufe8e \u202aword\u202c')).toEqual(['لا', 'word']);
  });

  it('reads Poppler structure text a block per line, an inline element after a table as a block of its own', () => {
    const output = ['Document', '  Art', '    P (block)', '      "one "', '      Span (inline)', '        "two"', '    Table (block)', '      TR', '        TD:', '          "bridge"', '    Code (inline)', '      "const"'].join('\n');
    expect(structureTextBlocks(output).split('\n')).toEqual(['one two', 'bridge', 'const']);
  });
});

describe('collapsing the print text as CSS would', () => {
  const collapse = (html: string) => {
    const tree = fromHtml(html, { fragment: true });
    collapseSpaces(tree);
    return toHtml(tree);
  };

  it('leaves one space between words, none at block edges or between blocks', () => {
    expect(collapse('<div>\n  <p>  one\n two <em> three</em></p>\n<p>four  </p></div>')).toBe('<div><p>one two <em>three</em></p><p>four</p></div>');
  });

  it('moves the space out of a no-wrap span, takes out soft hyphens, and marks pre line breaks with a space', () => {
    expect(collapse('<p>a<abbr> US</abbr> b con\u00adsider</p>')).toBe('<p>a <abbr>US</abbr> b consider</p>');
    expect(collapse('<pre>f();\ng();</pre>')).toBe('<pre>f(); \ng();</pre>');
  });
});

describe('ToUnicode maps', () => {
  it('reads bfchar and bfrange entries', () => {
    const map = parseCMap('2 beginbfchar\n<0003> <0020>\n<14F5> <FEFB>\nendbfchar\n1 beginbfrange\n<1484> <1486> <FE8A>\nendbfrange');
    expect(map.get('0003')).toBe(' ');
    expect(map.get('1486')).toBe('\ufe8c');
    expect(map.get('14F5')).toBe('\ufefb');
  });
});
