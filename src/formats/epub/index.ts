import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ElementContent } from 'hast';
import { visit } from 'unist-util-visit';
import type { ArticleDocument } from '../../document/types.js';
import type { AudioHandoff, Edition, EditionContext } from '../edition.js';
import { writeFileAtomic } from '../../common/write.js';
import { accessibilityMetadata, type BookFacts } from './accessibility.js';
import { ACTIVE_CLASS, BOOK_CSS } from './book-css.js';
import { ARTICLE_ID, bookBody } from './content.js';
import { bookImages } from './images.js';
import { navDocument } from './nav.js';
import { mediaOverlay, type Overlay } from './overlay.js';
import { bookIdentifier, CONTAINER, packageDocument, type ManifestItem } from './package.js';
import { xhtmlDocument } from './xhtml.js';
import { zip, type ZipEntry } from './zip.js';

/** Names inside the book's EPUB/ folder. */
export const BOOK = { content: 'article.xhtml', nav: 'nav.xhtml', css: 'book.css', smil: 'article.smil', audioDir: 'audio' } as const;

/** What one walk over the content finds: the ids the overlay may point at, and the facts the metadata states. */
function survey(body: ElementContent[]) {
  const ids = new Set<string>();
  const sentences: string[] = [];
  const counts = { tables: 0, footnotes: 0, headings: 0, code: 0 };
  visit({ type: 'root', children: body }, 'element', (node) => {
    const id = node.properties?.id;
    if (typeof id === 'string') ids.add(id);
    const classes = node.properties?.className;
    if (node.tagName === 'span' && Array.isArray(classes) && classes.includes('s') && typeof id === 'string') sentences.push(id);
    if (node.tagName === 'table') counts.tables += 1;
    if (node.properties?.['epub:type'] === 'footnote') counts.footnotes += 1;
    if (/^h[1-6]$/u.test(node.tagName)) counts.headings += 1;
    if (node.tagName === 'pre') counts.code += 1;
  });
  return { ids, sentences, ...counts };
}

async function narrationOf(doc: ArticleDocument, outDir: string, audio: AudioHandoff | undefined, warn: EditionContext['warn']): Promise<{ audio: AudioHandoff; mp3: Buffer } | undefined> {
  const missing = 'the EPUB has no Media Overlays (no synchronised narration)';
  if (!audio?.cues) {
    warn(`epub: the narration was not made (the audio edition failed), so ${missing}`, 'epub-no-narration');
    return undefined;
  }
  const mp3 = await readFile(path.join(outDir, audio.mp3)).catch(() => undefined);
  if (!mp3) {
    warn(`epub: the narration ${audio.mp3} is missing, so ${missing}`, 'epub-no-narration');
    return undefined;
  }
  return { audio, mp3 };
}

/**
 * The EPUB 3 talking book: `<name>.epub`, one XHTML content document made
 * from the same tree as the web page, the navigation document (contents,
 * landmarks, the print edition's page list), and the narration as a Media
 * Overlay synchronised sentence by sentence with the captions' timings.
 */
export const epubEdition: Edition = {
  id: 'epub',
  styles: [],
  reads: [],
  // It reads the narration's files; the print page breaks come as a hand-off, so a print style that moves no
  // page break leaves the EPUB as it was.
  readsOtherEditions: ['audio'],
  async render({ doc, outDir, outputs, shared, warn }) {
    const { lang, dir, title } = doc.meta;
    const body = bookBody(doc, { printPages: shared.printPages });
    if (!shared.printPages) warn(`epub: the print edition was not built in this run, so the EPUB has no print page numbers`, 'epub-no-page-numbers');
    const images = await bookImages(body, path.dirname(path.resolve(doc.source)), ({ reason, ruleId, place }) => warn(`epub: ${reason}`, ruleId, place));
    const found = survey(body);
    const narration = await narrationOf(doc, outDir, shared.audio, warn);
    const mp3Href = narration ? `${BOOK.audioDir}/${doc.name}.mp3` : '';
    const overlay: Overlay | undefined = narration ? mediaOverlay(narration.audio, { content: BOOK.content, section: ARTICLE_ID, audio: mp3Href, ids: found.ids }) : undefined;
    const narrated = new Set(overlay?.clips.map((clip) => clip.id));
    const pages = (shared.printPages?.pages ?? []).map((start) => start.page);
    const facts: BookFacts = {
      images: images.shown,
      imagesWithAlt: images.withAlt,
      overlays: Boolean(overlay?.clips.length),
      everySentenceNarrated: found.sentences.every((id) => narrated.has(id)),
      unspokenParts: found.code,
      printPages: pages.length,
      printSource: pages.length ? outputs.pdf : undefined,
      tables: found.tables,
      footnotes: found.footnotes,
      headings: found.headings,
      readWarnings: doc.file.messages.length,
    };
    const withOverlay = facts.overlays && overlay && narration;
    const items: ManifestItem[] = [
      { id: 'nav', href: BOOK.nav, mediaType: 'application/xhtml+xml', properties: 'nav' },
      { id: 'content', href: BOOK.content, mediaType: 'application/xhtml+xml', mediaOverlay: withOverlay ? 'overlay' : undefined },
      { id: 'css', href: BOOK.css, mediaType: 'text/css' },
      ...images.images.map((image, i) => ({ id: `image-${i + 1}`, href: image.href, mediaType: image.mediaType })),
    ];
    if (withOverlay) items.push({ id: 'overlay', href: BOOK.smil, mediaType: 'application/smil+xml' }, { id: 'narration', href: mp3Href, mediaType: 'audio/mpeg' });
    const opf = packageDocument({
      meta: doc.meta,
      identifier: bookIdentifier(doc.name, String(doc.file.value)),
      source: path.basename(doc.source),
      printSource: facts.printSource,
      modified: new Date(),
      items,
      spine: ['content'],
      accessibility: accessibilityMetadata(facts),
      overlays: withOverlay ? { overlay: overlay.duration } : undefined,
      activeClass: withOverlay ? ACTIVE_CLASS : undefined,
    });
    const entries: ZipEntry[] = [
      { name: 'mimetype', data: 'application/epub+zip', store: true },
      { name: 'META-INF/container.xml', data: CONTAINER },
      { name: 'EPUB/content.opf', data: opf },
      { name: `EPUB/${BOOK.nav}`, data: navDocument(doc, { content: BOOK.content, pages, stylesheet: BOOK.css }) },
      { name: `EPUB/${BOOK.content}`, data: xhtmlDocument({ lang, dir, title, stylesheets: [BOOK.css], body }) },
      { name: `EPUB/${BOOK.css}`, data: BOOK_CSS },
      ...images.images.map((image) => ({ name: `EPUB/${image.href}`, data: image.data, store: image.mediaType !== 'image/svg+xml' })),
    ];
    if (withOverlay) entries.push({ name: `EPUB/${BOOK.smil}`, data: overlay.smil }, { name: `EPUB/${mp3Href}`, data: narration.mp3, store: true });
    const file = `${doc.name}.epub`;
    await writeFileAtomic(path.join(outDir, file), zip(entries));
    return { epub: file };
  },
};
