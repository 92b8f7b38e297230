import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunEditions, type MadeEdition } from '../../src/build/twins.js';
import { build } from '../../src/index.js';
import { FIXTURES, tempDir } from '../helpers/fixtures.js';

describe('identical articles in one run', () => {
  it('lay out the print editions once: the copy has its own names, and the same bytes', async () => {
    const work = tempDir();
    const folder = path.join(work, 'in');
    mkdirSync(folder);
    cpSync(path.join(FIXTURES, 'images'), path.join(folder, 'images'), { recursive: true });
    for (const name of ['spring.md', 'spring-copy.md']) cpSync(path.join(FIXTURES, 'post.md'), path.join(folder, name));
    const out = path.join(work, 'out');

    const run = await build({ inputs: [folder], outDir: out, formats: ['pdf'] });
    expect(run.ok).toBe(true);
    const first = run.articles.find((article) => article.source.endsWith('spring.md'));
    const copy = run.articles.find((article) => article.source.endsWith('spring-copy.md'));
    expect(first!.outputs).toEqual({ pdf: 'spring.pdf', largePrintPdf: 'spring-large-print.pdf' });
    expect(copy!.outputs).toEqual({ pdf: 'spring-copy.pdf', largePrintPdf: 'spring-copy-large-print.pdf' });
    // Chromium stamps each PDF it prints with its own creation time and ID, so equal bytes mean one layout, copied.
    for (const [a, b] of [['spring/spring.pdf', 'spring-copy/spring-copy.pdf'], ['spring/spring-large-print.pdf', 'spring-copy/spring-copy-large-print.pdf']]) {
      expect(readFileSync(path.join(out, b!)).equals(readFileSync(path.join(out, a!)))).toBe(true);
    }
    expect(execFileSync('pdfinfo', [path.join(out, 'spring-copy', 'spring-copy.pdf')], { encoding: 'utf8' })).toMatch(/^Tagged:\s+yes$/m);
  });

  it('make an edition once while a twin waits, and a twin whose maker failed makes its own', async () => {
    const editions = new RunEditions();
    let made = 0;
    const make = (name: string) => async () => {
      made += 1;
      await new Promise((resolve) => setTimeout(resolve, 50));
      return { source: `${name}.md`, outDir: '/nowhere', name, outputs: { pdf: `${name}.pdf` }, shared: {}, warnings: [] };
    };
    const copy = async (twin: MadeEdition) => ({ pdf: `copy-of-${twin.outputs.pdf}` });
    expect(await Promise.all([editions.obtain('k', make('a'), copy), editions.obtain('k', make('b'), copy)])).toEqual([{ pdf: 'a.pdf' }, { pdf: 'copy-of-a.pdf' }]);
    expect(made).toBe(1);
    const failing = editions.obtain('f', () => Promise.reject(new Error('browser died')), copy);
    const waiting = editions.obtain('f', make('c'), copy);
    await expect(failing).rejects.toThrow('browser died');
    expect(await waiting).toEqual({ pdf: 'c.pdf' });
    // A copy that cannot be made (copy answers undefined) is made instead.
    expect(await editions.obtain('k', make('d'), async () => undefined)).toEqual({ pdf: 'd.pdf' });
    expect(made).toBe(3);
  });
});
