import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import { toString } from 'mdast-util-to-string';
import type { Heading } from 'mdast';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build/build.js';
import type { BuildResult } from '../../src/build/types.js';
import { readArticle } from '../../src/ingest/index.js';
import type { ArticleDocument } from '../../src/document/types.js';
import { printHtml } from '../../src/formats/pdf/print-html.js';
import { printCss } from '../../src/formats/pdf/render-pdf.js';
import { ARTICLE_BASE } from '../../src/formats/pdf/lockdown.js';
import { bodyWords, bookmarkTitles, pdfInfo, printedWords, qpdfJson, structureElements, unmarkedTextOperators } from './helpers.js';
import { selectAll } from './select.js';

const SEED = 'content/is-khorasan.txt';
let result: BuildResult;
let outDir: string;
let doc: ArticleDocument;

// The whole build, as the CLI runs it, on the seed: both print editions from one browser.
beforeAll(async () => {
  outDir = mkdtempSync(path.join(tmpdir(), 'broadside-seed-'));
  result = await build({ inputs: [SEED], outDir, formats: ['pdf'] });
  doc = await readArticle(SEED);
});

describe('the seed through broadside build --formats pdf', () => {
  it('writes both PDFs and lists them in the manifest', () => {
    expect(result.ok, result.articles[0]?.error).toBe(true);
    const article = result.articles[0];
    expect(article.outputs).toMatchObject({ pdf: 'is-khorasan.pdf', largePrintPdf: 'is-khorasan-large-print.pdf' });
    const manifest = readFileSync(path.join(outDir, 'is-khorasan', 'manifest.json'), 'utf8');
    expect(manifest).toContain('is-khorasan.pdf');
    expect(manifest).toContain('is-khorasan-large-print.pdf');
  });

  for (const [label, file] of [
    ['standard', 'is-khorasan.pdf'],
    ['large print', 'is-khorasan-large-print.pdf'],
  ]) {
    describe(label, () => {
      const pdf = () => path.join(outDir, 'is-khorasan', file);

      it('carries the article metadata', () => {
        const info = pdfInfo(pdf());
        expect(info.Title).toBe(doc.meta.title);
        expect(info.Author).toBe(doc.meta.authors.join(', '));
        expect(info.Tagged).toBe('yes');
      });

      it('is one article with one P per paragraph and every heading bookmarked', async () => {
        const tree = fromHtml(printHtml(doc, { css: await printCss('standard', 'a4'), baseUrl: ARTICLE_BASE }));
        const paragraphs = selectAll(tree, 'p').filter((p) => toText(p).trim() !== '');
        const elements = structureElements(pdf());
        expect(elements.filter((name) => name === 'P')).toHaveLength(paragraphs.length);
        expect(elements.filter((name) => name === 'Art')).toHaveLength(1);
        const headings = doc.tree.children.filter((node): node is Heading => node.type === 'heading').map((node) => toString(node));
        expect(bookmarkTitles(pdf())).toEqual(headings);
        expect(unmarkedTextOperators(pdf())).toEqual([]);
        expect(bodyWords(pdf()).words).toEqual(printedWords(tree));
      });

      it('gives each abbreviation its expansion (/E), as the page does with <abbr title>', async () => {
        const tree = fromHtml(printHtml(doc, { css: '', baseUrl: ARTICLE_BASE }));
        const titles = selectAll(tree, 'abbr').map((abbr) => String(abbr.properties.title ?? '')).filter(Boolean);
        const json = qpdfJson(pdf(), 'qpdf') as { qpdf: [unknown, Record<string, { value?: Record<string, unknown> }>] };
        const expansions = Object.values(json.qpdf[1])
          .filter((object) => object.value?.['/Type'] === '/StructElem' && object.value['/E'])
          .map((object) => String(object.value!['/E']).replace(/^u:/, ''));
        expect(titles.length).toBeGreaterThan(0);
        expect(expansions.sort()).toEqual(titles.sort());
      });
    });
  }
});
