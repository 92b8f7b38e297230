import path from 'node:path';
import { toString } from 'mdast-util-to-string';
import { writeFileAtomic } from '../../common/write.js';
import type { Edition, EditionContext } from '../edition.js';
import { documentBlocks } from './blocks.js';
import { layOut } from './layout.js';
import { paginate, toBrf } from './pages.js';
import { previewHtml } from './preview.js';
import { brailleTables } from './tables.js';
import { titlePage } from './title-page.js';
import { reportWarnings, translateBlocks } from './translate.js';
import { checkBrf } from './verify.js';

/** How long liblouis may take for one article before it is stopped: it translates a long article in well under a second. */
const TRANSLATE_TIMEOUT_MS = 60_000;

/**
 * The braille edition: `<name>.brf`, embosser-ready braille ASCII through
 * liblouis in the article's language, laid out to BANA's formats, and
 * `<name>-braille.html`, the same cells in Unicode braille for sighted readers.
 */
export const brailleEdition: Edition = {
  id: 'braille',
  styles: [],
  reads: ['brailleGrade', 'brailleCells', 'brailleLines'],
  async render(context: EditionContext) {
    const { doc, options, signal } = context;
    const { brailleCells: cells, brailleLines: lines } = options;
    const tables = brailleTables(doc.meta.lang, options.brailleGrade);
    // The print limit bounds braille too: both lay out every word of the article.
    const length = [...toString(doc.tree)].length;
    if (length > options.maxPrintChars) {
      throw new Error(`the article is ${length} characters, over the print limit of ${options.maxPrintChars} (raise it with --max-print-chars or maxPrintChars in the config)`);
    }
    const blocks = [...titlePage(doc.meta, tables), ...documentBlocks(doc.tree, tables)];
    const report = await translateBlocks(blocks, tables, { signal, timeoutMs: TRANSLATE_TIMEOUT_MS, maxInputBytes: 8 * options.maxPrintChars + 65_536 });
    for (const { reason, ruleId, place } of reportWarnings(report, tables.text)) context.warn(`braille: ${reason}`, ruleId, place);
    const pages = paginate(layOut(blocks, { cells, continuation: tables.continuation }), { cells, lines });
    const brf = toBrf(pages);
    // The layout guarantees the format; checking it here turns a bug into a clear failure rather than a bad emboss.
    const check = checkBrf(Buffer.from(brf, 'latin1'), { cells, lines });
    if (!check.ok) throw new Error(`the BRF failed its format check: ${check.problems[0].message}`);
    const file = `${doc.name}.brf`;
    const preview = `${doc.name}-braille.html`;
    await writeFileAtomic(path.join(context.outDir, file), Buffer.from(brf, 'latin1'));
    await writeFileAtomic(path.join(context.outDir, preview), previewHtml(pages, { meta: doc.meta, tables, brf: file, cells, lines }));
    return { braille: file, braillePreview: preview };
  },
};
