import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';

/**
 * Give Chromium's bookmarks the headings' own text. Chromium titles each
 * bookmark with the heading as laid out, so a heading that wraps loses the
 * space at the line break ("Threat toTaliban"). Bookmarks are matched to the
 * headings in order, ignoring white space; one that matches nothing is left alone.
 * Returns the titles that were repaired.
 */
export function repairOutline(pdf: PDFDocument, headings: string[]): number {
  const outlines = pdf.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  if (!outlines) return 0;
  const squash = (text: string) => text.replace(/\s+/g, '');
  let next = 0;
  let repaired = 0;
  const visit = (item: PDFDict | undefined): void => {
    for (let current = item; current; current = current.lookupMaybe(PDFName.of('Next'), PDFDict)) {
      const title = current.lookup(PDFName.of('Title'));
      const text = title instanceof PDFString || title instanceof PDFHexString ? title.decodeText() : '';
      const found = headings.findIndex((heading, index) => index >= next && squash(heading) === squash(text));
      if (found >= 0) {
        next = found + 1;
        if (headings[found] !== text) {
          current.set(PDFName.of('Title'), PDFHexString.fromText(headings[found]));
          repaired += 1;
        }
      }
      visit(current.lookupMaybe(PDFName.of('First'), PDFDict));
    }
  };
  visit(outlines.lookupMaybe(PDFName.of('First'), PDFDict));
  return repaired;
}
