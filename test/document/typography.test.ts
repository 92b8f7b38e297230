import { toString } from 'mdast-util-to-string';
import { describe, expect, it } from 'vitest';
import { smarten, typography } from '../../src/document/typography.js';
import { file, html, md } from './helpers.js';

describe('smarten', () => {
  it.each([
    ['"Hello," she said.', '\u201CHello,\u201D she said.'],
    ["It's the Taliban's turn", 'It\u2019s the Taliban\u2019s turn'],
    ["'single quotes'", '\u2018single quotes\u2019'],
    ["the '90s were loud", 'the \u201990s were loud'],
    ['(“nested ‘quotes’”)', '(“nested ‘quotes’”)'],
    ['("quoted")', '(\u201Cquoted\u201D)'],
    ['war -- and peace', 'war \u2014 and peace'],
    ['war---and peace', 'war\u2014and peace'],
    ['word--word', 'word\u2014word'],
    ['pages 10--20', 'pages 10\u201320'],
    ['temporary - but for who?', 'temporary \u2013 but for who?'],
    ['Wait...', 'Wait\u2026'],
  ])('%s', (input, output) => {
    expect(smarten(input)).toBe(output);
  });

  it('leaves hyphens in words, numbers and dates alone', () => {
    for (const text of ['IS-K', 'well-established', '2023-12-08', 'COVID-19', 'a -5 degree night']) expect(smarten(text)).toBe(text);
  });

  it('leaves web and e-mail addresses in the text alone', () => {
    expect(smarten('see https://example.com/a--b -- or "www.example.org/it\'s" and me@ex--ample.com')).toBe(
      'see https://example.com/a--b \u2014 or \u201Cwww.example.org/it\'s\u201D and me@ex--ample.com',
    );
  });

  it('uses the quotation marks of the text\'s language', () => {
    expect(smarten('Er sagte "nein" und \'gut\'.', '', { lang: 'de-AT' })).toBe('Er sagte \u201Enein\u201C und \u201Agut\u2018.');
    expect(smarten('Il a dit "non".', '', { lang: 'fr' })).toBe('Il a dit \u00AB\u00A0non\u00A0\u00BB.');
    expect(smarten('Powiedział "nie".', '', { lang: 'pl' })).toBe('Powiedział \u201Enie\u201D.');
    expect(smarten('Он сказал "нет".', '', { lang: 'ru' })).toBe('Он сказал \u00ABнет\u00BB.');
    expect(smarten("It's \"yes\".", '', { lang: 'xx' })).toBe('It\u2019s \u201Cyes\u201D.');
  });

  it('decides a leading quote by the character before it', () => {
    expect(smarten('" rest', 'x')).toBe('\u201D rest');
    expect(smarten('"rest', ' ')).toBe('\u201Crest');
  });
});

describe('typography plugin', () => {
  it('pairs quotes across inline formatting and leaves every kind of code alone', () => {
    const tree = md('"*Emphasised*" -- and `"code" -- here` too.\n\n```\nlet s = "x" -- y;\n```\n');
    typography()(tree, file());
    expect(toString(tree.children[0])).toBe('\u201CEmphasised\u201D \u2014 and "code" -- here too.');
    expect(html(tree)).toContain('let s = "x" -- y;');
  });

  it('leaves a GFM autolink\'s text, which is its address, alone', () => {
    const tree = md('Go to https://example.com/a--b today.');
    typography()(tree, file());
    expect(toString(tree)).toBe('Go to https://example.com/a--b today.');
  });

  it('does not touch link URLs, only link text', () => {
    const tree = md('See ["the report"](https://example.com/a--b?q="x").');
    typography()(tree, file());
    expect(html(tree)).toContain('href="https://example.com/a--b?q=%22x%22"');
    expect(toString(tree)).toBe('See \u201Cthe report\u201D.');
  });

  it('works inside tables, lists, blockquotes and footnotes', () => {
    const tree = md('| a | b |\n|---|---|\n| "x" | it\'s |\n\n- "item"\n\n> "quote"\n\nText[^1].\n\n[^1]: "note"\n');
    typography()(tree, file());
    const text = toString(tree);
    expect(text).not.toMatch(/["']/);
    expect(text).toContain('\u201Cnote\u201D');
  });
});
