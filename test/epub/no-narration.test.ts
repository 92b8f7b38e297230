import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { epubEdition } from '../../src/formats/epub/index.js';
import { epubcheck } from '../../src/formats/epub/verify.js';
import type { EditionContext } from '../../src/formats/edition.js';
import { readArticle } from '../../src/ingest/index.js';
import { FIXTURES, tempDir } from '../helpers/fixtures.js';
import { bookEntries, bookFile } from './helpers.js';

async function renderAlone(source: string, shared: EditionContext['shared'] = {}) {
  const doc = await readArticle(source);
  const outDir = tempDir('broadside-epub-alone-');
  const warnings: string[] = [];
  const written = await epubEdition.render({
    doc,
    outDir,
    outRoot: path.dirname(outDir),
    options: { paper: 'a4', acx: false, renderTimeoutMs: 60_000, synthesisTimeoutMs: 60_000, maxPrintChars: 1e6, maxNarrationChars: 1e6 },
    browser: () => Promise.reject(new Error('the EPUB needs no browser')),
    outputs: {},
    shared,
    signal: new AbortController().signal,
    warn: (message) => warnings.push(message),
  });
  return { outDir, file: path.join(outDir, written.epub!), warnings };
}

describe('an article without narration (the audio edition failed)', () => {
  it('gets an EPUB without overlays, a warning, and still passes EPUBCheck', async () => {
    const { outDir, file, warnings } = await renderAlone(path.join(FIXTURES, 'post.md'));
    expect(warnings.some((w) => /no Media Overlays/u.test(w))).toBe(true);
    expect(warnings.some((w) => /no print page numbers/u.test(w))).toBe(true);
    const names = bookEntries(file).map((entry) => entry.name);
    expect(names).not.toContain('EPUB/article.smil');
    expect(names.some((name) => name.endsWith('.mp3'))).toBe(false);
    const opf = bookFile(file, 'EPUB/content.opf');
    expect(opf).not.toContain('media-overlay');
    expect(opf).not.toContain('synchronizedAudioText');
    expect(opf).not.toContain('<meta property="schema:accessMode">auditory</meta>');
    expect(opf).toContain('It has no narration.');
    // Written whole: no temporary file left beside it.
    expect(readdirSync(outDir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    const checked = await epubcheck(file);
    expect(checked.messages).toEqual([]);
  }, 600_000);

  it('fails with one clear error for an output folder it cannot write, leaving no EPUB', async () => {
    const doc = path.join(FIXTURES, 'rtl-article.md');
    const blocked = path.join(tempDir('broadside-epub-blocked-'), 'file');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(blocked, '');
    const article = await readArticle(doc);
    await expect(
      epubEdition.render({
        doc: article,
        outDir: path.join(blocked, 'out'),
        outRoot: blocked,
        options: { paper: 'a4', acx: false, renderTimeoutMs: 1, synthesisTimeoutMs: 1, maxPrintChars: 1, maxNarrationChars: 1 },
        browser: () => Promise.reject(new Error('no')),
        outputs: {},
        shared: {},
        signal: new AbortController().signal,
        warn: () => undefined,
      }),
    ).rejects.toThrow(/^cannot write \S+: a file stands where a folder is needed$/u);
    expect(existsSync(path.join(blocked, 'out'))).toBe(false);
  });
});
