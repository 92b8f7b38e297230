import path from 'node:path';
import { readFileSync } from 'node:fs';
import { PDFDict, PDFDocument, PDFHexString, PDFName, type PDFString } from 'pdf-lib';
import type { Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWithPdfjs } from '../../src/check/pdf-text.js';
import { launchBrowser } from '../../src/common/browser.js';
import { pdfEdition } from '../../src/formats/pdf/index.js';
import { repairOutline } from '../../src/formats/pdf/outline.js';
import { bookmarkTitles, editionContext, fixtureDocument, qpdfJson } from './helpers.js';

// The headings as written: logical order, real letters, no printed link address.
const HEADINGS = [
  '1Panel: لوحة تحكم خوادم لينكس عبر الويب',
  'مقاطع شاشة',
  'تاريخ النجوم',
  'معلومات أمنية عن الخوادم والتحديثات والنسخ الاحتياطية وكل ما يلزم لحماية الموقع من الاختراق',
  'دليل Broadside للطباعة',
];
const PRESENTATION_FORMS = /[\ufb50-\ufdff\ufe70-\ufeff]/u;

let browser: Browser;
const files: Record<string, string> = {};

beforeAll(async () => {
  browser = await launchBrowser();
  const context = editionContext(fixtureDocument('outline-rtl.md', 'ar', 'rtl'), browser);
  const outputs = await pdfEdition.render(context);
  for (const [key, file] of Object.entries(outputs)) files[key] = path.join(context.outDir, file);
}, 300_000);

afterAll(async () => {
  await browser?.close();
});

describe.each(['pdf', 'largePrintPdf'])('the bookmarks of a right-to-left article (%s)', (key) => {
  it('are its headings, in logical order, as qpdf reads them', () => {
    expect(bookmarkTitles(files[key]!)).toEqual(HEADINGS);
    const outline = qpdfJson(files[key]!, 'outlines') as { outlines: { kids: unknown[] }[] };
    // The sections nest under the title, as Chromium made them.
    expect(outline.outlines).toHaveLength(1);
    expect(outline.outlines[0]!.kids).toHaveLength(HEADINGS.length - 1);
  });

  it('are the same to pdf.js, with no presentation forms, written as UTF-16BE text', async () => {
    const view = await readWithPdfjs(new Uint8Array(readFileSync(files[key]!)));
    expect(view.outline.map((o) => o.title)).toEqual(HEADINGS);
    expect(view.outline.filter((o) => PRESENTATION_FORMS.test(o.title))).toEqual([]);
    const pdf = await PDFDocument.load(readFileSync(files[key]!), { updateMetadata: false });
    const raw: string[] = [];
    const visit = (item: PDFDict | undefined): void => {
      for (; item; item = item.lookupMaybe(PDFName.of('Next'), PDFDict)) {
        const title = item.lookup(PDFName.of('Title'));
        raw.push(title instanceof PDFHexString ? title.asString().slice(0, 4).toUpperCase() : String(title));
        visit(item.lookupMaybe(PDFName.of('First'), PDFDict));
      }
    };
    visit(pdf.catalog.lookup(PDFName.of('Outlines'), PDFDict).lookupMaybe(PDFName.of('First'), PDFDict));
    expect(raw).toEqual(HEADINGS.map(() => 'FEFF'));
  });
});

/** A PDF whose outline holds these titles, one level deep, as Chromium writes it. */
async function withOutline(titles: string[]): Promise<PDFDocument> {
  const pdf = await PDFDocument.create();
  pdf.addPage();
  const refs = titles.map(() => pdf.context.nextRef());
  const outlines = pdf.context.obj({ Type: 'Outlines', Count: titles.length, First: refs[0]!, Last: refs[refs.length - 1]! });
  const outlinesRef = pdf.context.register(outlines);
  titles.forEach((title, i) => {
    const item = pdf.context.obj({ Title: PDFHexString.fromText(title), Parent: outlinesRef });
    if (i > 0) item.set(PDFName.of('Prev'), refs[i - 1]!);
    if (i < refs.length - 1) item.set(PDFName.of('Next'), refs[i + 1]!);
    pdf.context.assign(refs[i]!, item);
  });
  pdf.catalog.set(PDFName.of('Outlines'), outlinesRef);
  return pdf;
}

function titlesOf(pdf: PDFDocument): string[] {
  const out: string[] = [];
  const outlines = pdf.catalog.lookup(PDFName.of('Outlines'), PDFDict);
  for (let item = outlines.lookupMaybe(PDFName.of('First'), PDFDict); item; item = item.lookupMaybe(PDFName.of('Next'), PDFDict)) {
    out.push((item.lookup(PDFName.of('Title')) as PDFString | PDFHexString).decodeText());
  }
  return out;
}

describe('repairOutline', () => {
  it('pairs bookmarks with headings in order when there are as many', async () => {
    const pdf = await withOutline(['Threat toTaliban', 'Notes (example.org/notes)']);
    expect(repairOutline(pdf, ['Threat to Taliban', 'Notes'])).toBe(2);
    expect(titlesOf(pdf)).toEqual(['Threat to Taliban', 'Notes']);
  });

  it('passes over a heading Chromium did not bookmark, and leaves a bookmark that is no heading alone', async () => {
    const pdf = await withOutline(['Title', 'قاطع شاشةم', 'Stray', 'ﺗﺎﺭﻳﺦ ﺍﻟﻨﺠﻮﻡ']);
    expect(repairOutline(pdf, ['Title', 'Not laid out', 'مقاطع شاشة', 'تاريخ النجوم'])).toBe(2);
    expect(titlesOf(pdf)).toEqual(['Title', 'مقاطع شاشة', 'Stray', 'تاريخ النجوم']);
  });
});
