import { createHash } from 'node:crypto';
import type { ArticleMetadata } from '../../document/types.js';
import type { AccessibilityMetadata } from './accessibility.js';
import { clock } from './overlay.js';

/** One file of the book, as the package document lists it. */
export interface ManifestItem {
  id: string;
  href: string;
  mediaType: string;
  properties?: string;
  mediaOverlay?: string;
}

export interface PackageOptions {
  meta: ArticleMetadata;
  /** A stable identifier: the same article gives the same one. */
  identifier: string;
  /** The article's input file, for dc:source. */
  source: string;
  /** The print edition the page numbers come from, when there are page numbers. */
  printSource?: string;
  modified: Date;
  items: ManifestItem[];
  /** Ids of the items in reading order. */
  spine: string[];
  accessibility: AccessibilityMetadata;
  /** The overlays' durations by SMIL item id (seconds), when the book has narration. */
  overlays?: Record<string, number>;
  activeClass?: string;
}

const escape = (text: string) => text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/"/gu, '&quot;');

/** A urn:uuid made from the article's bytes and name, so a rebuild keeps the book's identity. */
export function bookIdentifier(...parts: (string | Uint8Array)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  const hex = hash.digest('hex');
  // Shaped as a version-5-style UUID (name-based).
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function meta(property: string, value: string, refines?: string): string {
  return `    <meta property="${property}"${refines ? ` refines="#${refines}"` : ''}>${escape(value)}</meta>`;
}

/** The date as dc:date wants it (W3CDTF). */
function w3cDate(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}$/u.test(iso) ? iso : new Date(iso).toISOString().replace(/\.\d{3}Z$/u, 'Z');
}

function metadata(options: PackageOptions): string[] {
  const { meta: article, accessibility: a11y } = options;
  const lines = [
    `    <dc:identifier id="book-id">${escape(options.identifier)}</dc:identifier>`,
    `    <dc:title id="title">${escape(article.title)}</dc:title>`,
    `    <dc:language>${escape(article.lang)}</dc:language>`,
    ...article.authors.flatMap((name, i) => [`    <dc:creator id="creator-${i + 1}">${escape(name)}</dc:creator>`, meta('role', 'aut', `creator-${i + 1}`).replace('<meta ', '<meta scheme="marc:relators" ')]),
    ...(article.date && !Number.isNaN(new Date(article.date).getTime()) ? [`    <dc:date>${escape(w3cDate(article.date))}</dc:date>`] : []),
    ...(article.description ? [`    <dc:description>${escape(article.description)}</dc:description>`] : []),
    ...article.keywords.map((keyword) => `    <dc:subject>${escape(keyword)}</dc:subject>`),
    `    <dc:source id="article-source">${escape(options.source)}</dc:source>`,
    meta('dcterms:modified', options.modified.toISOString().replace(/\.\d{3}Z$/u, 'Z')),
  ];
  if (options.printSource) {
    // EPUB 3.2 names the source of the page breaks with source-of; EPUB 3.3's pageBreakSource is not yet known to every checker.
    lines.push(`    <dc:source id="print-source">${escape(options.printSource)}</dc:source>`, meta('source-of', 'pagination', 'print-source'));
  }
  lines.push(
    ...a11y.accessMode.map((mode) => meta('schema:accessMode', mode)),
    ...a11y.accessModeSufficient.map((modes) => meta('schema:accessModeSufficient', modes)),
    ...a11y.accessibilityFeature.map((feature) => meta('schema:accessibilityFeature', feature)),
    ...a11y.accessibilityHazard.map((hazard) => meta('schema:accessibilityHazard', hazard)),
    meta('schema:accessibilitySummary', a11y.accessibilitySummary),
  );
  if (a11y.conformsTo) lines.push(meta('dcterms:conformsTo', a11y.conformsTo), meta('a11y:certifiedBy', 'Broadside (automatic checks: EPUBCheck and Ace by DAISY)'));
  if (options.overlays) {
    const total = Object.values(options.overlays).reduce((sum, seconds) => sum + Math.round(seconds * 1000), 0) / 1000;
    lines.push(...Object.entries(options.overlays).map(([id, seconds]) => meta('media:duration', clock(seconds), id)), meta('media:duration', clock(total)));
    if (options.activeClass) lines.push(meta('media:active-class', options.activeClass));
  }
  return lines;
}

/** The package document (content.opf). */
export function packageDocument(options: PackageOptions): string {
  const rtl = options.meta.dir === 'rtl';
  const items = options.items.map(
    (item) =>
      `    <item id="${escape(item.id)}" href="${escape(item.href)}" media-type="${escape(item.mediaType)}"${item.properties ? ` properties="${item.properties}"` : ''}${item.mediaOverlay ? ` media-overlay="${escape(item.mediaOverlay)}"` : ''}/>`,
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id" xml:lang="${escape(options.meta.lang)}"${rtl ? ' dir="rtl"' : ''}>`,
    '  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">',
    ...metadata(options),
    '  </metadata>',
    '  <manifest>',
    ...items,
    '  </manifest>',
    `  <spine${rtl ? ' page-progression-direction="rtl"' : ''}>`,
    ...options.spine.map((id) => `    <itemref idref="${escape(id)}"/>`),
    '  </spine>',
    '</package>',
    '',
  ].join('\n');
}

/** The OCF container file, naming the package document. */
export const CONTAINER = `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="EPUB/content.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
`;
