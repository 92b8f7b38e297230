import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunEditions, type MadeEdition } from '../../src/build/identical.js';
import { build } from '../../src/index.js';
import { FIXTURES, tempDir } from '../helpers/fixtures.js';

describe('identical articles in one run', () => {
  it('lay out the print editions once: each keeps its own names, with the same bytes and the same warnings under its own name', async () => {
    const work = tempDir();
    const folder = path.join(work, 'in');
    mkdirSync(folder);
    cpSync(path.join(FIXTURES, 'images'), path.join(folder, 'images'), { recursive: true });
    // A picture that is not there: the print edition warns about it, and the copied article must warn too.
    const text = `${readFileSync(path.join(FIXTURES, 'post.md'), 'utf8')}\n![A picture that is not there](images/missing.png)\n`;
    for (const name of ['spring.md', 'spring-copy.md']) writeFileSync(path.join(folder, name), text);
    const out = path.join(work, 'out');

    const run = await build({ inputs: [folder], outDir: out, formats: ['pdf'] });
    expect(run.ok).toBe(true);
    // Which of the two is laid out and which copied depends on the order of the run; the test holds either way.
    const spring = run.articles.find((article) => article.source.endsWith('spring.md'));
    const springCopy = run.articles.find((article) => article.source.endsWith('spring-copy.md'));
    expect(spring!.outputs).toEqual({ pdf: 'spring.pdf', largePrintPdf: 'spring-large-print.pdf' });
    expect(springCopy!.outputs).toEqual({ pdf: 'spring-copy.pdf', largePrintPdf: 'spring-copy-large-print.pdf' });
    // Chromium stamps each PDF it prints with its own creation time and ID, so equal bytes mean one layout, copied.
    for (const [a, b] of [['spring/spring.pdf', 'spring-copy/spring-copy.pdf'], ['spring/spring-large-print.pdf', 'spring-copy/spring-copy-large-print.pdf']]) {
      expect(readFileSync(path.join(out, b!)).equals(readFileSync(path.join(out, a!)))).toBe(true);
    }
    expect(execFileSync('pdfinfo', [path.join(out, 'spring-copy', 'spring-copy.pdf')], { encoding: 'utf8' })).toMatch(/^Tagged:\s+yes$/m);
    // The layout's warnings are the copy's too, under its own name.
    // Each keeps its place in the source (the missing image's line), which the two files share.
    const printWarnings = (article: typeof spring) =>
      article!.messages.filter((message) => message.file === article!.source && / PDF: /.test(message.reason)).map(({ reason, ruleId, line, column }) => ({ reason, ruleId, line, column }));
    for (const article of [spring, springCopy]) expect(printWarnings(article).some((message) => message.reason.includes('missing.png') && message.ruleId === 'pdf-image-missing' && message.line)).toBe(true);
    expect(printWarnings(springCopy)).toEqual(printWarnings(spring));
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
