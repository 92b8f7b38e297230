import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import type { ArticleMetadata } from '../../document/types.js';

export interface PdfMetadata extends ArticleMetadata {
  /** Which edition, for the subject line's reader ("Large-print edition"). */
  edition?: string;
  /** When the PDF was made. */
  created: Date;
  producer: string;
}

/**
 * Document information, the XMP packet and the viewer preferences PDF/UA asks
 * for: the title shown instead of the file name, the language, who wrote it.
 */
export function writeMetadata(pdf: PDFDocument, meta: PdfMetadata): void {
  const author = meta.authors.join(', ');
  pdf.setTitle(meta.title, { showInWindowTitleBar: true });
  if (author) pdf.setAuthor(author);
  if (meta.description) pdf.setSubject(meta.description);
  if (meta.keywords.length) pdf.setKeywords(meta.keywords);
  pdf.setLanguage(meta.lang);
  pdf.setProducer(meta.producer);
  pdf.setCreator('Broadside (Paged.js in Chromium)');
  pdf.setCreationDate(meta.created);
  pdf.setModificationDate(meta.created);
  const catalog = pdf.catalog;
  const markInfo = catalog.lookupMaybe(PDFName.of('MarkInfo'), PDFDict) ?? pdf.context.obj({});
  markInfo.set(PDFName.of('Marked'), pdf.context.obj(true));
  catalog.set(PDFName.of('MarkInfo'), markInfo);
  // Struct elements and the XMP packet are PDF 1.7 matters; Skia writes 1.4 in the header.
  catalog.set(PDFName.of('Version'), PDFName.of('1.7'));
  // Tab order follows the structure on every page (PDF/UA 7.18.3).
  for (const page of pdf.getPages()) page.node.set(PDFName.of('Tabs'), PDFName.of('S'));
  const xmp = xmpPacket(meta);
  const stream = pdf.context.stream(new TextEncoder().encode(xmp), { Type: 'Metadata', Subtype: 'XML' });
  catalog.set(PDFName.of('Metadata'), pdf.context.register(stream));
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function xmpPacket(meta: PdfMetadata): string {
  const date = meta.created.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const lang = escapeXml(meta.lang);
  const creators = meta.authors.map((name) => `<rdf:li>${escapeXml(name)}</rdf:li>`).join('');
  const subjects = meta.keywords.map((word) => `<rdf:li>${escapeXml(word)}</rdf:li>`).join('');
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <pdfuaid:part>1</pdfuaid:part>
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(meta.title)}</rdf:li></rdf:Alt></dc:title>
   ${creators ? `<dc:creator><rdf:Seq>${creators}</rdf:Seq></dc:creator>` : ''}
   ${meta.description ? `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(meta.description)}</rdf:li></rdf:Alt></dc:description>` : ''}
   ${subjects ? `<dc:subject><rdf:Bag>${subjects}</rdf:Bag></dc:subject>` : ''}
   <dc:language><rdf:Bag><rdf:li>${lang}</rdf:li></rdf:Bag></dc:language>
   ${meta.keywords.length ? `<pdf:Keywords>${escapeXml(meta.keywords.join(', '))}</pdf:Keywords>` : ''}
   <pdf:Producer>${escapeXml(meta.producer)}</pdf:Producer>
   <xmp:CreatorTool>Broadside (Paged.js in Chromium)</xmp:CreatorTool>
   <xmp:CreateDate>${date}</xmp:CreateDate>
   <xmp:ModifyDate>${date}</xmp:ModifyDate>
   <xmp:MetadataDate>${date}</xmp:MetadataDate>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`.replace(/\n\s*\n/g, '\n');
}
