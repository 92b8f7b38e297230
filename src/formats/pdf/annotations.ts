import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';

/**
 * PDF/UA asks every link annotation for a text alternative (/Contents).
 * Chromium writes none; the link's target is the honest description.
 * Returns how many links were described.
 */
export function describeLinks(pdf: PDFDocument): number {
  let described = 0;
  for (const page of pdf.getPages()) {
    const annotations = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    for (const item of annotations?.asArray() ?? []) {
      const annotation = pdf.context.lookup(item);
      if (!(annotation instanceof PDFDict) || annotation.get(PDFName.of('Subtype')) !== PDFName.of('Link')) continue;
      if (annotation.has(PDFName.of('Contents'))) continue;
      annotation.set(PDFName.of('Contents'), PDFHexString.fromText(linkDescription(annotation)));
      described += 1;
    }
  }
  return described;
}

function linkDescription(annotation: PDFDict): string {
  const action = annotation.lookupMaybe(PDFName.of('A'), PDFDict);
  const uri = action?.lookup(PDFName.of('URI'));
  if (uri instanceof PDFString || uri instanceof PDFHexString) {
    const target = uri.decodeText();
    return target.startsWith('mailto:') ? `Email ${target.slice('mailto:'.length)}` : `Link to ${target}`;
  }
  return 'Link to another place in this document';
}
