import path from 'node:path';
import { toString } from 'mdast-util-to-string';
import type { Heading } from 'mdast';
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import { selectAll } from './select.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'puppeteer';
import { launchBrowser } from '../../src/common/browser.js';
import { pdfEdition } from '../../src/formats/pdf/index.js';
import { printCss } from '../../src/formats/pdf/render-pdf.js';
import { printHtml } from '../../src/formats/pdf/print-html.js';
import { ARTICLE_BASE } from '../../src/formats/pdf/lockdown.js';
import type { ArticleDocument } from '../../src/document/types.js';
import {
  bodyWords,
  bookmarkTitles,
  editionContext,
  handoutDocument,
  imagePlacements,
  parentTreeProblems,
  pdfInfo,
  printedWords,
  qpdfJson,
  run,
  structureElements,
  textSizes,
  unmarkedImages,
  unmarkedTextOperators,
} from './helpers.js';

let browser: Browser;
let doc: ArticleDocument;
let standard: string;
let largePrint: string;
let printTree: ReturnType<typeof fromHtml>;

beforeAll(async () => {
  browser = await launchBrowser();
  doc = handoutDocument();
  const context = editionContext(doc, browser);
  const outputs = await pdfEdition.render(context);
  expect(outputs).toEqual({ pdf: 'handout.pdf', largePrintPdf: 'handout-large-print.pdf' });
  expect(context.warnings).toEqual([]);
  standard = path.join(context.outDir, outputs.pdf);
  largePrint = path.join(context.outDir, outputs.largePrintPdf);
  printTree = fromHtml(printHtml(doc, { css: await printCss('standard', 'a4'), baseUrl: ARTICLE_BASE }));
});

describe('the browser after the editions', () => {
  it('has no tab or browser context left open: the blank first tab was used and closed', async () => {
    expect(await browser.pages()).toEqual([]);
    expect(browser.browserContexts()).toHaveLength(1);
  });
});

afterAll(async () => {
  await browser?.close();
});

function headings(): string[] {
  return doc.tree.children.filter((node): node is Heading => node.type === 'heading').map((node) => toString(node));
}

describe.each([
  ['standard', () => standard],
  ['large print', () => largePrint],
])('the %s edition', (_label, file) => {
  it('is tagged and has the document language', () => {
    expect(pdfInfo(file()).Tagged).toBe('yes');
    const json = qpdfJson(file(), 'qpdf') as { qpdf: [unknown, Record<string, { value?: Record<string, unknown> }>] };
    const objects = json.qpdf[1];
    const catalog = Object.values(objects).find((object) => object.value?.['/Type'] === '/Catalog')!.value!;
    expect(catalog['/Lang']).toBe('u:en-GB');
    expect(catalog['/MarkInfo']).toMatchObject({ '/Marked': true });
    const viewer = catalog['/ViewerPreferences'] as Record<string, unknown> | string;
    const prefs = typeof viewer === 'string' ? objects[`obj:${viewer}`].value! : viewer;
    expect(prefs['/DisplayDocTitle']).toBe(true);
  });

  it('has the title, author, subject and keywords, and XMP with dc:title', () => {
    const info = pdfInfo(file());
    expect(info.Title).toBe('Keeping the Parish Record');
    expect(info.Author).toBe('Ann Lee, Bo Chen');
    expect(info.Subject).toBe('How the parish archive works and how to help.');
    expect(info.Keywords).toContain('archive');
    const xmp = run('pdfinfo', ['-meta', file()]);
    expect(xmp).toMatch(/<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Keeping the Parish Record<\/rdf:li>/);
    // The PDF/UA-1 claim, now that the tag text is mended (docs/pdf.md), with the dates the document information has.
    expect(xmp).toContain('<pdfuaid:part>1</pdfuaid:part>');
    expect(xmp).toContain('<dc:language><rdf:Bag><rdf:li>en-GB</rdf:li></rdf:Bag></dc:language>');
    const created = xmp.match(/<xmp:CreateDate>([^<]+)<\/xmp:CreateDate>/)?.[1];
    const qdf = run('qpdf', ['--qdf', '--object-streams=disable', file(), '-']);
    const infoDate = qdf.match(/\/CreationDate \(D:(\d{14})/)?.[1];
    expect(created?.replace(/\D/g, '').slice(0, 14)).toBe(infoDate);
  });

  it('has a bookmark for every heading, in order', () => {
    expect(bookmarkTitles(file())).toEqual(headings());
  });

  it('paints no text outside marked content or artifacts (margin boxes are artifacts)', () => {
    expect(unmarkedTextOperators(file())).toEqual([]);
  });

  it('reads as one article: no per-page wrappers, one P per paragraph', () => {
    const elements = structureElements(file());
    expect(elements.filter((name) => name === 'Art')).toHaveLength(1);
    expect(elements.filter((name) => name === 'Document')).toHaveLength(1);
    expect(elements).not.toContain('NonStruct');
    const paragraphs = selectAll(printTree, 'p').filter((p) => toText(p).trim() !== '');
    expect(elements.filter((name) => name === 'P')).toHaveLength(paragraphs.length);
    const headingNames = elements.filter((name) => /^H\d$/.test(name));
    expect(headingNames).toEqual(['H1', 'H2', 'H3', 'H3', 'H2']);
  });

  it('has a ParentTree that leads every marked sequence back to its element', () => {
    const { problems, checked, marked } = parentTreeProblems(file());
    expect(problems).toEqual([]);
    expect(checked).toBe(marked);
    expect(checked).toBeGreaterThan(20);
  });

  it('keeps every paragraph whole in structure text, across page breaks and no-break spaces', () => {
    const structText = run('pdfinfo', ['-struct-text', file()]);
    // pdfinfo quotes each marked run's text; joined, a paragraph must come back entire.
    const flat = [...structText.matchAll(/"([^"\n]*)"/g)].map((match) => match[1]).join('').replace(/\s+/g, '');
    for (const paragraph of selectAll(printTree, 'p')) {
      const expected = toText(paragraph).replace(/\s+/g, '');
      if (expected) expect(flat).toContain(expected);
    }
  });

  it("prints the article's words, in order", () => {
    expect(bodyWords(file()).words).toEqual(printedWords(printTree));
  });

  it('has no running head on page 1, the title on later pages, and "Page N of M" footers', () => {
    const { heads, feet } = bodyWords(file());
    const pages = Number(pdfInfo(file()).Pages);
    expect(pages).toBeGreaterThan(1);
    expect(feet).toEqual(Array.from({ length: pages }, (_, i) => `Page ${i + 1} of ${pages}`));
    expect(heads).toEqual(Array.from({ length: pages - 1 }, () => 'Keeping the Parish Record'));
    const firstPage = run('pdftotext', ['-f', '1', '-l', '1', file(), '-']).trim().split('\n');
    expect(firstPage[0]).toBe('Keeping the Parish Record');
    expect(firstPage.filter((line) => line.trim() === 'Keeping the Parish Record')).toHaveLength(1);
  });

  it('embeds every font', () => {
    const lines = run('pdffonts', [file()]).trim().split('\n').slice(2);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line.split(/\s+/).slice(-5)[0], line).toBe('yes');
  });

  it('gives the figure its alt text and makes the alt-less image an artifact', () => {
    const elements = structureElements(file());
    expect(elements.filter((name) => name === 'Figure')).toHaveLength(1);
    const qdfText = run('qpdf', ['--qdf', '--object-streams=disable', file(), '-']);
    expect(qdfText).toContain('/Alt (A gradient chart labelled Kabul, 2021)');
    expect(qdfText).not.toMatch(/\/Alt \(\)/);
    // The chart is painted inside its Figure's marked content, the alt-less rule as an artifact.
    expect(imagePlacements(file())).toEqual({ artifact: 1, marked: 1 });
    expect(unmarkedImages(file())).toEqual([]);
  });

  it('describes every link annotation (/Contents) and ties it into the structure tree', () => {
    const json = qpdfJson(file(), 'qpdf') as { qpdf: [unknown, Record<string, { value?: Record<string, unknown> }>] };
    const links = Object.values(json.qpdf[1]).filter((object) => object.value?.['/Subtype'] === '/Link');
    expect(links.length).toBe(3);
    const contents = links.map((link) => link.value!['/Contents']).sort();
    expect(contents).toEqual(['u:Email keeper@example.org', 'u:Link to https://example.org/catalogue', 'u:Link to https://example.org/volunteer']);
    for (const link of links) expect(typeof link.value!['/StructParent']).toBe('number');
    expect(structureElements(file()).filter((name) => name === 'Link')).toHaveLength(3);
  });

  it('keeps hyphenated acronyms on one line', () => {
    const lines = run('pdftotext', [file(), '-']).split('\n');
    expect(lines.some((line) => /\bIS-K\b/.test(line))).toBe(true);
    expect(lines.some((line) => /(^|\s)IS-$/.test(line.trim()))).toBe(false);
  });

  it('prints link targets after the link text', () => {
    const text = run('pdftotext', [file(), '-']).replace(/\s+/g, ' ');
    expect(text).toContain('county catalogue (example.org/catalogue)');
    expect(text).toContain('keeper@example.org');
  });
});

describe('page size and type size', () => {
  it('is A4 by default', () => {
    expect(pdfInfo(standard)['Page size']).toContain('(A4)');
  });

  it('sets large-print body text at 18 pt or more, headings larger, page numbers as large as the text', () => {
    const sizes = textSizes(largePrint);
    const characters = [...sizes.values()].reduce((a, b) => a + b, 0);
    const belowEighteen = [...sizes].filter(([size]) => size < 18).reduce((sum, [, count]) => sum + count, 0);
    // Only the running head (the title again, an artifact) may be smaller.
    const heads = (Number(pdfInfo(largePrint).Pages) - 1) * 'Keeping the Parish Record'.length;
    expect(belowEighteen).toBeLessThanOrEqual(heads);
    // Even the running head stays at UKAAF's minimum.
    expect(Math.min(...sizes.keys())).toBeGreaterThanOrEqual(16);
    expect(Math.max(...sizes.keys())).toBeGreaterThan(18);
    expect(characters).toBeGreaterThan(1000);
    const footerSizes = run('pdftohtml', ['-xml', '-i', '-zoom', '1', '-stdout', largePrint]);
    const fonts = new Map([...footerSizes.matchAll(/<fontspec id="(\d+)" size="([\d.]+)"/g)].map((m) => [m[1], Number(m[2])]));
    const footer = [...footerSizes.matchAll(/<text [^>]*font="(\d+)"[^>]*>(?:<b>)?Page \d+ of \d+/g)];
    expect(footer.length).toBeGreaterThan(0);
    for (const match of footer) expect(fonts.get(match[1])).toBeGreaterThanOrEqual(18);
  });

  it('sets the standard edition smaller than the large print', () => {
    const sizes = textSizes(standard);
    const [commonest] = [...sizes].sort((a, b) => b[1] - a[1])[0];
    expect(commonest).toBeLessThan(18);
  });
});
