import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Root } from 'mdast';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keepAcronymsTogether } from '../../src/document/acronyms.js';
import { DEFAULT_LEXICON_PATH, loadLexicon, markAbbreviations, readLexiconFile } from '../../src/document/lexicon.js';
import type { Lexicon } from '../../src/document/types.js';
import { InputError } from '../../src/common/errors.js';
import { file, html, md } from './helpers.js';

const LEXICON: Lexicon = [
  { term: 'US', expansion: 'United States', say: 'U S' },
  { term: 'IS-K', expansion: 'Islamic State Khorasan Province', say: 'I S K' },
  { term: 'IS', expansion: 'Islamic State' },
  { term: 'TTP', say: 'T T P' },
];

function mark(markdown: string, lexicon = LEXICON): string {
  const tree = md(markdown);
  keepAcronymsTogether()(tree, file());
  markAbbreviations({ lexicon })(tree, file());
  return html(tree);
}

describe('the default lexicon (data/lexicon.yaml)', () => {
  it('parses and holds the required entries with expansion and say', () => {
    const lexicon = readLexiconFile(DEFAULT_LEXICON_PATH);
    const byTerm = new Map(lexicon.map((e) => [e.term, e]));
    for (const term of ['IS-K', 'ISKP', 'ISIS', 'TTP', 'US', 'UN', 'NATO']) expect(byTerm.get(term)?.expansion, term).toBeTruthy();
    expect(byTerm.get('US')?.say).toBe('U S');
    expect(new Set(lexicon.map((e) => e.term)).size).toBe(lexicon.length);
  });
});

describe('marking abbreviations', () => {
  it('marks the first use only, as <abbr title>', () => {
    const out = mark('The US left. Then the US came back.\n\nThe US again.');
    expect(out).toBe('<p>The <abbr title="United States">US</abbr> left. Then the US came back.</p>\n<p>The US again.</p>');
  });

  it('matches whole words, case-sensitively, and not a term inside a hyphenated word', () => {
    const out = mark('Help us, USA, US-led, IS-Khorasan and the ISIS claim; then IS-K and IS.');
    expect(out).toContain('us, USA, <span class="nowrap">US-led</span>, <span class="nowrap">IS-Khorasan</span> and the ISIS claim');
    expect(out).toContain('<span class="nowrap"><abbr title="Islamic State Khorasan Province">IS-K</abbr></span>');
    expect(out).toContain('<abbr title="Islamic State">IS</abbr>.');
  });

  it('skips entries without an expansion, headings, code, link URLs and existing abbreviations', () => {
    const out = mark('# The US\n\nThe TTP and `US` and [a link](https://example.com/US) then <abbr>x</abbr> the US.');
    expect(out).toContain('<h1>The US</h1>');
    expect(out).toContain('The TTP and <code>US</code>');
    expect(out).toContain('href="https://example.com/US"');
    expect(out).toContain('the <abbr title="United States">US</abbr>.');
  });

  it('leaves addresses written out in the text alone', () => {
    // As GFM autolinks, and as the plain text a scraped page gives.
    expect(mark('Read https://example.com/US/IS-K and write to US-desk@example.com before the US vote.')).toContain(
      '>https://example.com/US/IS-K</a> and write to <a href="mailto:US-desk@example.com">US-desk@example.com</a> before the <abbr title="United States">US</abbr> vote.',
    );
    const tree: Root = { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', value: 'Read https://example.com/US/IS-K or US-desk@example.com before the US vote.' }] }] };
    keepAcronymsTogether()(tree, file());
    markAbbreviations({ lexicon: LEXICON })(tree, file());
    expect(html(tree)).toBe('<p>Read https://example.com/US/IS-K or US-desk@example.com before the <abbr title="United States">US</abbr> vote.</p>');
  });

  it('marks inside link text, lists, tables and footnotes in reading order', () => {
    const out = mark('- [the US](https://example.com)\n\n| a |\n|---|\n| IS-K |\n');
    expect(out).toContain('<a href="https://example.com">the <abbr title="United States">US</abbr></a>');
    expect(out).toContain('<abbr title="Islamic State Khorasan Province">IS-K</abbr>');
  });

  it('produces the documented node shape', () => {
    const tree = md('US');
    markAbbreviations({ lexicon: LEXICON })(tree, file());
    // The abbreviation and its text keep their place in the source.
    const position = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 3, offset: 2 } };
    expect((tree.children[0] as { children: unknown[] }).children[0]).toEqual({
      type: 'abbr',
      term: 'US',
      children: [{ type: 'text', value: 'US', position }],
      data: { hName: 'abbr', hProperties: { title: 'United States' } },
      position,
    });
  });
});

describe('lexicon next to the article', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'broadside-lexicon-'));
    await writeFile(path.join(dir, 'lexicon.yaml'), '- term: US\n  expansion: Uncle Sam\n- term: FOO\n  expansion: Folder entry\n');
    await writeFile(path.join(dir, 'story.lexicon.yaml'), '# mine\n- term: US\n  expansion: United States of America\n  say: the States\n- term: BAR\n  expansion: Bar Association\n');
    await writeFile(path.join(dir, 'broken.lexicon.yaml'), '- term: US\n  expansoin: typo\n');
    await writeFile(path.join(dir, 'bad-yaml.lexicon.yaml'), '- term: [unclosed\n');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('layers default < folder lexicon.yaml < <name>.lexicon.yaml, term by term', () => {
    const lexicon = loadLexicon(path.join(dir, 'story.txt'));
    const byTerm = new Map(lexicon.map((e) => [e.term, e]));
    expect(byTerm.get('US')).toEqual({ term: 'US', expansion: 'United States of America', say: 'the States' });
    expect(byTerm.get('FOO')?.expansion).toBe('Folder entry');
    expect(byTerm.get('BAR')?.expansion).toBe('Bar Association');
    expect(byTerm.get('NATO')?.expansion).toBe('North Atlantic Treaty Organization');
  });

  it('the folder lexicon applies to the other articles there', () => {
    const byTerm = new Map(loadLexicon(path.join(dir, 'other.md')).map((e) => [e.term, e]));
    expect(byTerm.get('US')?.expansion).toBe('Uncle Sam');
    expect(byTerm.has('BAR')).toBe(false);
  });

  it('an override changes the page', () => {
    expect(mark('The US.', loadLexicon(path.join(dir, 'story.txt')))).toContain('<abbr title="United States of America">US</abbr>');
  });

  it('a malformed lexicon is a one-line error naming the file and the entry', () => {
    expect(() => loadLexicon(path.join(dir, 'broken.txt'))).toThrow(InputError);
    expect(() => loadLexicon(path.join(dir, 'broken.txt'))).toThrow(/broken\.lexicon\.yaml: lexicon entry 1 has unknown field\(s\) expansoin/);
    expect(() => loadLexicon(path.join(dir, 'bad-yaml.txt'))).toThrow(/bad-yaml\.lexicon\.yaml: lexicon is not valid YAML/);
  });
});
