import { cpSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { ROOT, tempDir } from '../helpers/fixtures.js';

const ARTICLE = `---
title: A Short Handout
author: Sam Reed
date: 2025-03-01
lang: en
---

The library opens at nine on weekdays. Bring your card.

## Late returns

Books returned late pay no fine this term.
`;

describe('incremental rebuilds across editions', () => {
  it('rebuilds only the PDFs when a print style changes, and nothing when nothing changed', () => {
    const work = tempDir();
    const styles = path.join(work, 'styles');
    cpSync(path.join(ROOT, 'styles'), styles, { recursive: true });
    const article = path.join(work, 'handout.md');
    writeFileSync(article, ARTICLE);
    const out = path.join(work, 'out');
    const env = { BROADSIDE_STYLES: styles };
    const build = () => JSON.parse(runCli(['build', article, '--out', out, '--json', '--quiet'], { env }).stdout).articles[0];

    const first = build();
    expect(first).toMatchObject({ ok: true, unchanged: [] });
    expect(Object.keys(first.outputs).sort()).toEqual(['audio', 'braille', 'braillePreview', 'captions', 'epub', 'html', 'largePrintPdf', 'pdf']);
    const folder = path.join(out, 'handout');
    const mtime = (file: string) => statSync(path.join(folder, file)).mtimeMs;
    const before = Object.fromEntries(['handout.pdf', 'handout-large-print.pdf', 'handout.mp3', 'handout.vtt', 'index.html', 'manifest.json'].map((f) => [f, mtime(f)]));

    const again = build();
    expect(again.unchanged.sort()).toEqual(['audio', 'braille', 'epub', 'html', 'pdf']);
    for (const [file, time] of Object.entries(before)) expect(mtime(file), file).toBe(time);

    writeFileSync(path.join(styles, 'print.css'), `${readFileSync(path.join(styles, 'print.css'), 'utf8')}\np { letter-spacing: 0.01em; }\n`);
    const restyled = build();
    // The EPUB and the page take the print page breaks from the print edition, which this change moves none of.
    expect(restyled.unchanged.sort()).toEqual(['audio', 'braille', 'epub', 'html']);
    expect(Object.keys(restyled.timings).sort()).toEqual(['pdf']);
    expect(mtime('handout.pdf')).toBeGreaterThan(before['handout.pdf']);
    expect(mtime('handout.mp3')).toBe(before['handout.mp3']);
    expect(mtime('index.html')).toBe(before['index.html']);

    // A style that moves the page breaks: the page list of the EPUB and of the web page moves with them.
    writeFileSync(path.join(styles, 'print.css'), `${readFileSync(path.join(styles, 'print.css'), 'utf8')}\np { font-size: 72pt; }\n`);
    const repaged = build();
    expect(Object.keys(repaged.timings).sort()).toEqual(['epub', 'html', 'pdf']);
  });
});
