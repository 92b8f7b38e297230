import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { EPub } from 'epub2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import type { BuildResult } from '../../src/index.js';
import { ace, epubcheck } from '../../src/formats/epub/verify.js';
import { type Browser, describeViolations, launchBrowser, runAxe } from '../helpers/browser.js';
import { FIXTURES, SEED, tempDir } from '../helpers/fixtures.js';
import { bookEntries, bookFile, clockSeconds, letters, mp3Duration, pdfPageText, pdfPages, smil, vttCues, xml } from './helpers.js';

/** The seed and one article of each kind: Markdown with footnotes, a table and images; a saved page; a scraped page; Arabic. */
const ARTICLES = [
  SEED,
  path.join(FIXTURES, 'post.md'),
  path.join(FIXTURES, 'saved-page.html'),
  path.join(FIXTURES, 'harbour-wind-farm.txt'),
  path.join(FIXTURES, 'rtl-article.md'),
];

let out: string;
let result: BuildResult;
let browser: Browser | undefined;

const nameOf = (source: string) => path.basename(source, path.extname(source));
const folderOf = (source: string) => path.join(out, nameOf(source));
const epubOf = (source: string) => path.join(folderOf(source), `${nameOf(source)}.epub`);

beforeAll(async () => {
  out = tempDir('broadside-epub-');
  // The default build: every edition, so the EPUB gets the narration and the print page breaks.
  result = await build({ inputs: ARTICLES, outDir: out });
}, 1_200_000);

afterAll(async () => {
  await browser?.close();
});

describe.each(ARTICLES.map((source) => [nameOf(source), source]))('the EPUB of %s', (_name, source) => {
  it('is built, listed in manifest.json and linked from the page', () => {
    const article = result.articles.find((a) => a.source === source)!;
    expect(article.error).toBeUndefined();
    const manifest = JSON.parse(readFileSync(path.join(folderOf(source), 'manifest.json'), 'utf8')) as { outputs: Record<string, string> };
    expect(manifest.outputs.epub).toBe(`${nameOf(source)}.epub`);
    expect(readFileSync(path.join(folderOf(source), 'index.html'), 'utf8')).toContain(`href="${nameOf(source)}.epub"`);
  });

  it('is a valid OCF archive: mimetype first and stored', () => {
    const entries = bookEntries(epubOf(source));
    expect(entries[0]).toEqual({ name: 'mimetype', method: 'stor' });
    expect(bookFile(epubOf(source), 'mimetype')).toBe('application/epub+zip');
  });

  it('passes EPUBCheck with 0 errors and 0 warnings', async () => {
    const checked = await epubcheck(epubOf(source));
    expect(checked.messages).toEqual([]);
    expect(checked.errors + checked.warnings).toBe(0);
  }, 600_000);

  it('passes Ace by DAISY with 0 violations', async () => {
    const checked = await ace(epubOf(source));
    expect(checked.violations).toEqual([]);
    expect(checked.outcome).toBe('pass');
  }, 600_000);

  it('has a Media Overlay matching the narration: one clip per sentence, the captions\' times, inside the MP3', () => {
    const book = epubOf(source);
    const content = xml(bookFile(book, 'EPUB/article.xhtml'));
    const overlay = smil(bookFile(book, 'EPUB/article.smil'));
    const cues = vttCues(readFileSync(path.join(folderOf(source), `${nameOf(source)}.vtt`), 'utf8'));
    const duration = mp3Duration(path.join(folderOf(source), `${nameOf(source)}.mp3`));
    const pars = Array.from(overlay.getElementsByTagName('par')).map((par) => {
      const text = par.getElementsByTagName('text')[0]!.getAttribute('src')!;
      const audio = par.getElementsByTagName('audio')[0]!;
      return { id: text.split('#')[1]!, file: text.split('#')[0], start: clockSeconds(audio.getAttribute('clipBegin')!), end: clockSeconds(audio.getAttribute('clipEnd')!) };
    });
    expect(pars.length).toBeGreaterThan(5);
    // Every sentence of the text has exactly one clip.
    const sentences = Array.from(content.querySelectorAll('span.s[id]'), (span) => span.id);
    expect(sentences.length).toBeGreaterThan(5);
    for (const id of sentences) expect(pars.filter((par) => par.id === id).length, id).toBe(1);
    // Headings are pars of their own.
    for (const heading of Array.from(content.querySelectorAll('h2, h3'))) {
      if (heading.closest('section.footnotes')) continue;
      const ids = Array.from(heading.querySelectorAll('span.s[id]'), (span) => span.id);
      expect(ids.length, heading.textContent ?? '').toBeGreaterThan(0);
      for (const id of ids) expect(pars.some((par) => par.id === id)).toBe(true);
    }
    let previous = 0;
    for (const par of pars) {
      expect(par.file).toBe('article.xhtml');
      expect(content.getElementById(par.id), par.id).not.toBeNull();
      expect(par.start).toBeGreaterThanOrEqual(previous);
      expect(par.end).toBeGreaterThan(par.start);
      expect(par.end).toBeLessThanOrEqual(duration + 0.001);
      previous = par.start;
      // The same times as the WebVTT captions, to the millisecond.
      const cue = cues.get(par.id);
      expect(cue, par.id).toBeDefined();
      expect(Math.abs(cue![0] - par.start)).toBeLessThan(0.0005);
      expect(Math.abs(cue![1] - par.end)).toBeLessThan(0.0005);
    }
    const opf = bookFile(book, 'EPUB/content.opf');
    const total = clockSeconds(/<meta property="media:duration">([^<]+)</u.exec(opf)![1]!);
    const sum = pars.reduce((s, par) => s + (par.end - par.start), 0);
    expect(Math.abs(total - sum)).toBeLessThan(0.01);
    expect(opf).toContain('<meta property="media:active-class">-epub-media-overlay-active</meta>');
    expect(bookFile(book, 'EPUB/book.css')).toContain('.-epub-media-overlay-active');
  });

  it('has a page list with a marker for every page of the PDF, before the first words of its page', () => {
    const book = epubOf(source);
    const pdf = path.join(folderOf(source), `${nameOf(source)}.pdf`);
    const pages = pdfPages(pdf);
    const nav = xml(bookFile(book, 'EPUB/nav.xhtml'));
    const list = nav.querySelector('nav[*|type="page-list"], nav[role="doc-pagelist"]')!;
    expect(list).not.toBeNull();
    const links = Array.from(list.querySelectorAll('a'));
    expect(links.map((a) => a.textContent)).toEqual(Array.from({ length: pages }, (_, i) => String(i + 1)));
    const content = bookFile(book, 'EPUB/article.xhtml');
    const document = xml(content);
    const title = letters(document.querySelector('h1')!.textContent ?? '');
    for (let page = 1; page <= pages; page++) {
      const marker = document.getElementById(`print-page-${page}`)!;
      expect(marker.getAttribute('role')).toBe('doc-pagebreak');
      expect(marker.getAttributeNS('http://www.idpf.org/2007/ops', 'type')).toBe('pagebreak');
      expect(marker.getAttribute('title')).toBe(String(page));
      expect(links[page - 1]!.getAttribute('href')).toBe(`article.xhtml#print-page-${page}`);
      // The text after the marker, as letters, against the page's first letters as pdftotext reads them (less the running head).
      const at = content.indexOf(`id="print-page-${page}"`);
      const after = letters(content.slice(content.indexOf('>', at) + 1).replace(/<[^>]*>/gu, ' ').replace(/&amp;/gu, '&'));
      let printed = letters(pdfPageText(pdf, page));
      if (page > 1 && printed.startsWith(title) && !after.startsWith(title)) printed = printed.slice(title.length);
      const first = printed.slice(0, 12);
      expect(after.slice(0, first.length), `page ${page}`).toBe(first);
    }
  });

  it('opens in an independent reader (epub2): spine, nav and overlays', async () => {
    const book = await EPub.createAsync(epubOf(source));
    expect(book.metadata.title).toBeTruthy();
    expect(book.flow.map((item: { href?: string }) => item.href)).toEqual(['EPUB/article.xhtml']);
    const items = Object.values(book.manifest as Record<string, { id?: string; href?: string; properties?: string; 'media-overlay'?: string }>);
    const nav = items.find((item) => String(item.properties ?? '').includes('nav'));
    expect(nav).toBeDefined();
    const [navBytes] = await book.getFileAsync(nav!.id!);
    expect(navBytes.toString('utf8')).toContain('epub:type="toc"');
    const content = items.find((item) => item.href === 'EPUB/article.xhtml')!;
    expect(content['media-overlay']).toBe('overlay');
    const [overlay, type] = await book.getFileAsync('overlay');
    expect(type).toBe('application/smil+xml');
    expect(overlay.toString('utf8')).toContain('<par ');
    const [audio, audioType] = await book.getFileAsync('narration');
    expect(audioType).toBe('audio/mpeg');
    expect(audio.length).toBe(readFileSync(path.join(folderOf(source), `${nameOf(source)}.mp3`)).length);
  });

  it('states its accessibility in the package metadata', () => {
    const opf = bookFile(epubOf(source), 'EPUB/content.opf');
    const values = (property: string) => Array.from(opf.matchAll(new RegExp(`<meta property="${property}">([^<]*)</meta>`, 'gu')), (m) => m[1]);
    expect(values('schema:accessMode')).toEqual(expect.arrayContaining(['textual', 'auditory']));
    expect(values('schema:accessibilityFeature')).toEqual(
      expect.arrayContaining(['structuralNavigation', 'tableOfContents', 'readingOrder', 'synchronizedAudioText', 'pageNavigation', 'printPageNumbers', 'displayTransformability']),
    );
    expect(values('schema:accessibilityHazard')).toEqual(['none']);
    expect(values('schema:accessibilitySummary')[0]).toMatch(/narration synchronised with the text/u);
    expect(opf).toMatch(/<dc:title id="title">[^<]+<\/dc:title>/u);
    expect(opf).toMatch(/<dc:language>[a-z]{2}/u);
    expect(opf).toMatch(/<dc:source id="article-source">/u);
    expect(opf).toContain('property="source-of" refines="#print-source">pagination</meta>');
    const content = bookFile(epubOf(source), 'EPUB/article.xhtml');
    expect(content).not.toMatch(/<script/iu);
  });
});

describe('the EPUB of the Markdown post', () => {
  const post = path.join(FIXTURES, 'post.md');
  it('keeps the footnotes, abbreviations, tables with headers and images', () => {
    const content = xml(bookFile(epubOf(post), 'EPUB/article.xhtml'));
    const refs = Array.from(content.querySelectorAll('a[role="doc-noteref"]'));
    expect(refs.length).toBe(2);
    for (const ref of refs) {
      expect(ref.getAttributeNS('http://www.idpf.org/2007/ops', 'type')).toBe('noteref');
      const note = content.getElementById(ref.getAttribute('href')!.slice(1))!;
      expect(note.localName).toBe('aside');
      expect(note.getAttribute('role')).toBe('doc-footnote');
      expect(note.getAttributeNS('http://www.idpf.org/2007/ops', 'type')).toBe('footnote');
    }
    expect(content.querySelector('abbr[title="Global Positioning System"]')).not.toBeNull();
    expect(content.querySelectorAll('table th').length).toBe(5);
    const images = Array.from(content.querySelectorAll('img'));
    expect(images.map((img) => img.getAttribute('src'))).toEqual(['images/image-1.png', 'images/image-2.jpg']);
    expect(images[0]!.getAttribute('alt')).toMatch(/^Map of the 9.4 km route/u);
  });

  it('claims no alternative text nor conformance, since one image has no alt text', () => {
    const opf = bookFile(epubOf(post), 'EPUB/content.opf');
    expect(opf).toContain('<meta property="schema:accessMode">visual</meta>');
    expect(opf).not.toContain('alternativeText');
    expect(opf).not.toContain('dcterms:conformsTo');
    expect(opf).toContain('1 of its 2 images has no text alternative');
  });
});

describe('the EPUB of the Arabic article', () => {
  const arabic = path.join(FIXTURES, 'rtl-article.md');
  it('reads right to left', () => {
    const opf = bookFile(epubOf(arabic), 'EPUB/content.opf');
    expect(opf).toContain('<spine page-progression-direction="rtl">');
    expect(opf).toContain('<dc:language>ar</dc:language>');
    for (const file of ['EPUB/article.xhtml', 'EPUB/nav.xhtml']) expect(bookFile(epubOf(arabic), file)).toMatch(/<html [^>]*lang="ar"[^>]*dir="rtl"/u);
  });
});

describe('the web page', () => {
  it('carries the same page-break markers as the book, and has no axe violations', async () => {
    browser = await launchBrowser();
    for (const source of [path.join(FIXTURES, 'post.md'), path.join(FIXTURES, 'rtl-article.md')]) {
      const html = readFileSync(path.join(folderOf(source), 'index.html'), 'utf8');
      const pages = pdfPages(path.join(folderOf(source), `${nameOf(source)}.pdf`));
      for (let n = 1; n <= pages; n++) expect(html).toMatch(new RegExp(`<span id="print-page-${n}" role="doc-pagebreak" title="[^"]+${n}" class="print-page" data-page="${n}"></span>`, 'u'));
      const page = await browser.newPage();
      await page.goto(pathToFileURL(path.join(folderOf(source), 'index.html')).href);
      const violations = await runAxe(page);
      expect(violations, describeViolations(violations)).toEqual([]);
      await page.close();
    }
  });
});

it('the build wrote no temporary files', () => {
  for (const source of ARTICLES) expect(existsSync(epubOf(source))).toBe(true);
});
