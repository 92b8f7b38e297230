import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { afterAll, describe, expect, it } from 'vitest';
import { sentenceRanges } from '../../src/document/sentences.js';
import { runCli } from '../helpers/cli.js';
import { FIXTURES, tempDir } from '../helpers/fixtures.js';

/**
 * A real hard-wrapped Markdown article: the Go project's code-of-conduct
 * proposal (golang/proposal, design/13073-code-of-conduct.md, BSD licence,
 * wrapped at 80 columns), most of its sections verbatim. Its real sentences,
 * listed by hand, are in go-code-of-conduct.sentences.json. Before sentences
 * were split on the text as read, the page and the captions made 148
 * "sentences" of its 87, cut at every wrapped line end.
 */
const ARTICLE = path.join(FIXTURES, 'hard-wrapped', 'go-code-of-conduct.md');
const SENTENCES: string[] = JSON.parse(readFileSync(path.join(FIXTURES, 'hard-wrapped', 'go-code-of-conduct.sentences.json'), 'utf8'));

/** Typography curls quotes and may put no-break spaces in; neither makes another sentence. */
const normalise = (text: string) => text.replace(/[‘’]/gu, "'").replace(/[“”]/gu, '"').replace(/\s+/gu, ' ').trim();

/** The page's sentence spans, in document order: [id, text]. */
function pageSentences(html: string): [string, string][] {
  const spans = new JSDOM(html).window.document.querySelectorAll('main span.s[id]');
  return [...spans].map((span) => [span.id, span.textContent ?? '']);
}

/** The caption cues of a WebVTT file: [identifier, text]. */
function cues(vtt: string): [string, string][] {
  return vtt
    .split(/\n\n+/u)
    .slice(1)
    .map((block) => block.split('\n'))
    .filter((lines) => lines[1]?.includes('-->'))
    .map((lines) => [lines[0]!, lines.slice(2).join(' ')]);
}

describe('a hard-wrapped Markdown article', () => {
  const out = tempDir('broadside-wrapped-');
  afterAll(() => rm(out, { recursive: true, force: true }));

  it('has its real sentences as the page spans and as the caption cues (real flite)', () => {
    const run = runCli(['build', ARTICLE, '--out', out, '--formats', 'html,audio', '--voice', 'flite', '--quiet']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const folder = path.join(out, 'go-code-of-conduct');
    const spans = pageSentences(readFileSync(path.join(folder, 'index.html'), 'utf8'));
    expect(spans.map(([, text]) => normalise(text))).toEqual(SENTENCES.map(normalise));
    const captions = cues(readFileSync(path.join(folder, 'go-code-of-conduct.vtt'), 'utf8')).filter(([id]) => id.startsWith('s-'));
    // The same ids, in the same order, with the same words.
    expect(captions.map(([id]) => id)).toEqual(spans.map(([id]) => id));
    expect(captions.map(([, text]) => normalise(text))).toEqual(SENTENCES.map(normalise));
    // About 1 200 words of real synthesis: a minute alone, several on a busy 2-core machine.
  }, 480_000);
});

describe('sentence splitting on the text as read', () => {
  it('never ends a sentence at a source line break, whichever kind', () => {
    const wrapped = 'It is good to be back at the Economic Club of New York to reflect on the\nU.S. outlook. Next\r\none.\u2028And\u2029this.';
    const text = (ranges: [number, number][]) => ranges.map(([start, end]) => wrapped.slice(start, end).replace(/\s/gu, ' '));
    expect(text(sentenceRanges(wrapped))).toEqual([
      'It is good to be back at the Economic Club of New York to reflect on the U.S. outlook.',
      'Next  one.',
      'And this.',
    ]);
  });
});
