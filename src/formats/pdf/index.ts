import path from 'node:path';
import { toString } from 'mdast-util-to-string';
import type { Edition, EditionContext } from '../edition.js';
import { writeFileAtomic } from '../../common/write.js';
import { renderPdfs, type PrintVariant } from './render-pdf.js';

const VARIANTS: { variant: PrintVariant; key: string; suffix: string }[] = [
  { variant: 'standard', key: 'pdf', suffix: '' },
  { variant: 'large-print', key: 'largePrintPdf', suffix: '-large-print' },
];

/**
 * The print editions: `<name>.pdf` and `<name>-large-print.pdf`, laid out by
 * Paged.js in the run's shared browser, tagged, and repaired for PDF/UA.
 */
export const pdfEdition: Edition = {
  id: 'pdf',
  // The incremental build reruns this edition only when these change.
  styles: ['print.css', 'large-print.css'],
  reads: ['paper'],
  sameForIdenticalArticles: true,
  async render(context: EditionContext) {
    // Refused before the browser starts: laying out a book-length text would take the run's browser for many minutes.
    const length = characters(toString(context.doc.tree));
    const limit = context.options.maxPrintChars;
    if (length > limit) {
      throw new Error(`the article is ${length} characters, over the print limit of ${limit} (raise it with --max-print-chars or maxPrintChars in the config)`);
    }
    const browser = await context.browser();
    const rendered = await renderPdfs(browser, context.doc, VARIANTS.map(({ variant }) => variant), {
      paper: context.options.paper,
      timeoutMs: context.options.renderTimeoutMs,
      signal: context.signal,
    });
    const outputs: Record<string, string> = {};
    for (const [i, { variant, key, suffix }] of VARIANTS.entries()) {
      const { warnings, bytes } = rendered[i]!;
      for (const { reason, ruleId, place } of warnings) context.warn(`${variant} PDF: ${reason}`, ruleId, place);
      const file = `${context.doc.name}${suffix}.pdf`;
      await writeFileAtomic(path.join(context.outDir, file), bytes);
      outputs[key] = file;
      // The EPUB and the page mark where the standard edition's pages begin.
      if (variant === 'standard') context.shared.printPages = { pages: rendered[i]!.pageStarts };
    }
    return outputs;
  },
};

/** Characters (Unicode code points, not UTF-16 units) in a text. */
function characters(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}
