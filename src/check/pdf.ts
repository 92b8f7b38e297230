import path from 'node:path';
import { findingsFor, quote } from './finding.js';
import { readCatalog, readPdfBytes, untaggedPaint } from './pdf-read.js';
import { readWithPdfjs, type PdfjsView, type StrayText } from './pdf-text.js';
import { pdffonts, pdfinfo, structText, xmp, type StructText } from './pdf-poppler.js';
import { cellsApart } from './pdf-tables.js';
import type { ArticleFacts, CheckContext, EditionChecker, Finding } from './types.js';
import { inOrderShare, missingWords, plural, runTogether, sameTitle, words } from './words.js';

/** At least this share of the article's words must be in the tags, in order. */
export const MIN_WORD_SHARE = 0.99;
/** Large print: APH's 18 pt (UKAAF asks at least 16, ideally 18). */
export const LARGE_PRINT_PT = 18;

type Make = ReturnType<typeof findingsFor>;

function strayDescription(stray: StrayText[]): string {
  // "3", "Page 3 of 9", "Seite 3 / 9", "- 3 -": a short run of words around the number.
  const isNumber = (s: StrayText) => s.where !== 'body' && /^\D{0,12}\d+(?:\s*(?:of|\/|von|de|sur|di|من)\s*\d+)?\W*$/iu.test(s.text.trim());
  const numbers = stray.filter(isNumber);
  const heads = stray.filter((s) => s.where === 'top' && !isNumber(s));
  const footers = stray.filter((s) => s.where === 'bottom' && !isNumber(s));
  const body = stray.filter((s) => s.where === 'body');
  const distinct = (items: StrayText[], n: number) => quote([...new Set(items.map((s) => s.text))], n).join(', ');
  const parts: string[] = [];
  if (heads.length) parts.push(`running heads at the top of the page (${distinct(heads, 2)})`);
  if (numbers.length) parts.push(`page numbers (${distinct(numbers, 3)})`);
  if (footers.length) parts.push(`footer text (${distinct(footers, 2)})`);
  if (body.length) parts.push(`text in the body (${distinct(body, 2)})`);
  return `${parts.join('; ')}, on ${plural(new Set(stray.map((s) => s.page)).size, 'page')}`;
}

function untaggedFinding(make: Make, paint: ReturnType<typeof untaggedPaint>, view: PdfjsView): Finding {
  if (!paint.total && !view.stray.length) return make.pass('pdf-untagged-content', 'Every painting operation is tagged content or an /Artifact.');
  const kinds = [paint.text && plural(paint.text, 'text operation'), paint.paths && plural(paint.paths, 'path'), paint.images && plural(paint.images, 'image')].filter(Boolean).join(', ');
  const summary = view.stray.length
    ? `Untagged content that is neither tagged nor an /Artifact: ${strayDescription(view.stray)} (${kinds || 'text'} in the content streams).`
    : `${kinds} on ${plural(paint.pages.length, 'page')} (${paint.pages.slice(0, 6).join(', ')}) are neither tagged nor an /Artifact.`;
  return make.fail('pdf-untagged-content', summary, {
    impact: 'A screen reader either skips this content or reads it in the middle of the article — a running head or page number between two halves of a sentence — and PDF/UA checkers fail the file.',
    fix: 'Mark running heads, page numbers and decoration as /Artifact and tag everything else. Broadside’s print editions do this after layout (src/formats/pdf/artifacts.ts): rebuild with `broadside build`. Paged.js’s margin boxes (pagedjs-cli) and Chromium’s plain page.pdf() headers leave them unmarked.',
    examples: quote(view.stray.map((s) => `page ${s.page}, ${s.where}: ${s.text}`), 5),
  });
}

function structureFindings(make: Make, struct: StructText, article: ArticleFacts | undefined, tagged: boolean): Finding[] {
  if (!tagged) return [make.fail('pdf-structure-text', 'No structure text: the PDF has no tags to follow.', {
    impact: 'Readers that follow tags (screen readers, reflow on a phone, accessible-text export, PDF-to-EPUB converters) get nothing or guess the order.',
    fix: 'Make the PDF with tagging on (Broadside’s print editions are tagged).',
  })];
  if (!article) return [make.skip('pdf-structure-text', 'Not compared with the article: no page (index.html with an <article>) beside this PDF.')];
  const found = words(struct.text);
  // Tables cell by cell (pdf-tables.ts): a table turned for the page keeps its cells, not their order.
  const share = inOrderShare(cellsApart(article.outsideCells, article.cells), cellsApart(words(struct.outsideCells), struct.cells.map(words)));
  // A link's printed address is the article's too ("taylorswift" of taylorswift.tumblr.com is not two words joined).
  const joins = runTogether(found, article.words, article.addresses);
  const results: Finding[] = [];
  const pct = (share * 100).toFixed(1);
  if (share >= MIN_WORD_SHARE) results.push(make.pass('pdf-structure-text', `${pct}% of the article’s ${plural(article.words.length, 'word')} are in the tags, in order.`));
  else results.push(make.fail('pdf-structure-text', `Only ${pct}% of the article’s ${plural(article.words.length, 'word')} are in the tags in reading order (at least ${MIN_WORD_SHARE * 100}% expected).`, {
    impact: 'Someone reading by tags — a screen reader, reflow, a converter — hears or sees words missing, joined or in the wrong order.',
    fix: 'Words missing from the tags are usually joined at line ends, drawn as images or outside the tags; right-to-left text must be tagged in logical order with real letters (/ActualText).',
    examples: missingWords(article.words, found).map((w) => `missing: ${w}`),
  }));
  if (!joins.length) results.push(make.pass('pdf-run-together', 'No words run together in the tags.'));
  else results.push(make.fail('pdf-run-together', `${plural(joins.length, 'word')} run together in the tags, where a line ended without a space.`, {
    impact: `A screen reader says “${joins[0]!.joined}” for “${joins[0]!.pair}”; search, copy and reflow join the words too.`,
    fix: 'Every line end inside a paragraph must keep its space in the tagged text (a real space or /ActualText, ISO 32000-1 §14.8.2.5). The article’s source is fine; the print edition must add the breaks.',
    examples: joins.slice(0, 6).map((j) => `“${j.joined}” for “${j.pair}”`),
  }));
  return results;
}

export function bookmarkFinding(make: Make, outline: PdfjsView['outline'], headings: { level: number; text: string }[], from: string): Finding {
  const titles = outline.map((o) => o.title);
  const expected = headings.map((h) => h.text);
  const missing = expected.filter((h) => !titles.some((t) => sameTitle(t, h)));
  const extra = titles.filter((t) => !expected.some((h) => sameTitle(t, h)));
  if (!missing.length && !extra.length && titles.length) return make.pass('pdf-bookmarks', `${plural(titles.length, 'bookmark')}, one for each heading of ${from}.`);
  return make.fail('pdf-bookmarks', titles.length
    ? `Bookmarks and headings differ: ${plural(missing.length, 'heading')} without a bookmark, ${plural(extra.length, 'bookmark')} without a heading (of ${from}).`
    : `No bookmarks, for ${plural(expected.length, 'heading')} in ${from}.`, {
    impact: 'Readers who move through the document by its bookmarks (the sidebar, a screen reader’s list) cannot reach these sections, or reach ones that are not there.',
    fix: 'Bookmarks come from the headings: give each section a real heading in the source (a Markdown “##” line, an <h2>), not bold text.',
    examples: [...quote(missing, 3).map((m) => `no bookmark: ${m}`), ...quote(extra, 3).map((e) => `no heading: ${e}`)],
  });
}

export function largePrintFinding(make: Make, sizes: PdfjsView['sizes']): Finding {
  const total = sizes.reduce((sum, s) => sum + s.chars, 0);
  if (!total) return make.skip('pdf-large-print', 'No tagged text whose size could be measured.');
  const small = sizes.filter((s) => s.size < LARGE_PRINT_PT - 0.05);
  const smallChars = small.reduce((sum, s) => sum + s.chars, 0);
  const smallest = Math.min(...sizes.map((s) => s.size));
  if (!small.length) return make.pass('pdf-large-print', `All tagged text is ${LARGE_PRINT_PT} pt or more (smallest ${smallest.toFixed(1)} pt).`);
  return make.fail('pdf-large-print', `${((smallChars / total) * 100).toFixed(1)}% of the text is under ${LARGE_PRINT_PT} pt (smallest ${smallest.toFixed(1)} pt).`, {
    impact: `Many partially sighted readers cannot read print under ${LARGE_PRINT_PT} pt (APH; UKAAF asks at least 16 pt, ideally 18).`,
    fix: 'Raise the type sizes in styles/large-print.css for what is smaller (captions, footnotes, tables, code), or use the large-print edition rather than a scaled standard PDF.',
    examples: [...new Set(small.map((s) => `${s.size.toFixed(1)} pt`))].slice(0, 5),
  });
}

function metadataFindings(make: Make, info: Record<string, string>, meta: string, catalog: Awaited<ReturnType<typeof readCatalog>>['catalog']): Finding[] {
  const out: Finding[] = [];
  out.push(catalog.marked && catalog.hasStructTree
    ? make.pass('pdf-tagged', 'Tagged: MarkInfo /Marked true and a structure tree.')
    : make.fail('pdf-tagged', `Not tagged (${catalog.marked ? 'no structure tree' : 'no MarkInfo /Marked true'}).`, {
      impact: 'Screen readers get no headings, lists or reading order: they guess from the drawing, often wrongly across columns, heads and footers.',
      fix: 'Make the PDF with tagging on; Broadside’s print editions are tagged (Chromium’s page.pdf({ tagged: true })).',
    }));
  out.push(catalog.lang
    ? make.pass('pdf-lang', `Language /Lang ${catalog.lang}.`)
    : make.fail('pdf-lang', 'No /Lang in the catalog.', {
      impact: 'Screen readers read the text with the reader’s default voice and rules: French read with English pronunciation, Arabic perhaps not at all.',
      fix: 'Give the article its language (`lang:` in front matter, <html lang> in a page); Broadside writes it into /Lang.',
    }));
  const title = info.Title?.trim() || /<dc:title>[\s\S]*?<rdf:li[^>]*>([^<]*)</u.exec(meta)?.[1]?.trim();
  out.push(title && catalog.displayDocTitle
    ? make.pass('pdf-title', `Title “${title}”, shown as the window title (DisplayDocTitle).`)
    : make.fail('pdf-title', title ? `Title “${title}”, but DisplayDocTitle is not set.` : 'No document title.', {
      impact: 'Readers and screen readers announce the file name (such as “out.pdf”) instead of the article’s title.',
      fix: 'Give the article a title and set ViewerPreferences /DisplayDocTitle true (Broadside does both).',
    }));
  const part = /pdfuaid:part(?:>|=["'])\s*(\d)/u.exec(meta)?.[1];
  out.push(part
    ? make.pass('pdf-ua-claim', `Claims PDF/UA-${part} (XMP pdfuaid:part ${part}).`)
    : make.fail('pdf-ua-claim', 'No PDF/UA claim: the XMP has no pdfuaid:part.', {
      impact: 'PDF/UA validators, libraries and some assistive software do not treat the file as accessible PDF, even where it is.',
      fix: 'Once the PDF meets PDF/UA-1, write pdfuaid:part 1 (and dc:title) in its XMP metadata.',
    }));
  return out;
}

async function fontsFinding(make: Make, file: string, signal?: AbortSignal): Promise<Finding> {
  const fonts = await pdffonts(file, signal);
  const loose = fonts.filter((f) => !f.embedded && f.type !== 'Type 3');
  if (!loose.length) return make.pass('pdf-fonts-embedded', `All ${plural(fonts.length, 'font')} embedded.`);
  return make.fail('pdf-fonts-embedded', `${plural(loose.length, 'font')} not embedded: ${loose.map((f) => f.name).join(', ')}.`, {
    impact: 'The text may show in a substitute font, with wrong letters, widths or line breaks, and may not be extractable.',
    fix: 'Embed every font (Chromium embeds web fonts and system fonts it uses; avoid the PDF base-14 fonts).',
  });
}

function isLargePrint(file: string, role?: string): boolean {
  return role === 'largePrintPdf' || /large[-_ ]?print/iu.test(path.basename(file));
}

async function checkPdf(file: string, context: CheckContext): Promise<Finding[]> {
  const large = isLargePrint(file, context.role);
  const make = findingsFor(large ? 'large-print' : 'pdf', file);
  const bytes = await readPdfBytes(file);
  const [info, meta, struct, { catalog, doc }, view] = await Promise.all([
    pdfinfo(file, context.signal),
    xmp(file, context.signal),
    structText(file, context.signal),
    readCatalog(bytes),
    readWithPdfjs(bytes),
  ]);
  const findings = metadataFindings(make, info, meta, catalog);
  const headings = context.article?.headings ?? struct.headings;
  findings.push(bookmarkFinding(make, view.outline, headings, context.article ? 'the page' : 'its structure tree'));
  findings.push(await fontsFinding(make, file, context.signal));
  findings.push(untaggedFinding(make, untaggedPaint(doc), view));
  findings.push(...structureFindings(make, struct, context.article, catalog.hasStructTree));
  if (large) findings.push(largePrintFinding(make, view.sizes));
  const title = info.Title?.trim() || /<dc:title>[\s\S]*?<rdf:li[^>]*>([^<]*)</u.exec(meta)?.[1]?.trim();
  context.record({ edition: large ? 'large-print' : 'pdf', file, title, lang: catalog.lang, sections: view.outline.map((o) => o.title) });
  return findings;
}

export const pdfChecker: EditionChecker = {
  edition: 'pdf',
  accepts: (file) => /\.pdf$/iu.test(file),
  check: checkPdf,
};
