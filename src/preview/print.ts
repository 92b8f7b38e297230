import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Paper } from '../build/types.js';
import type { ArticleDocument } from '../document/types.js';
import { pagedScriptPath } from '../formats/pdf/paged.js';
import { printHtml } from '../formats/pdf/print-html.js';
import { printCss } from '../formats/pdf/render-pdf.js';

/** Paged.js's polyfill build, which paginates as soon as it loads. */
export function pagedPolyfillPath(): string {
  const polyfill = path.join(path.dirname(pagedScriptPath()), 'paged.polyfill.js');
  if (!existsSync(polyfill)) throw new Error(`Paged.js polyfill missing at ${polyfill}`);
  return polyfill;
}

/**
 * The same print document the PDF is made from, paginated by Paged.js in the
 * reader's own browser.
 */
export async function printPreviewHtml(doc: ArticleDocument, paper: Paper, extra: string): Promise<string> {
  const html = printHtml(doc, { css: await printCss('standard', paper, doc.meta.lang), baseUrl: '/article/' });
  const interface_ = '<style>@media screen { body { background: #6b6b6b; } .pagedjs_page { background: #fff; margin: 1rem auto; box-shadow: 0 0 6px #0006; } }</style>';
  return html.replace('</head>', `${interface_}<script src="/_broadside/paged.polyfill.js"></script></head>`).replace('</body>', `${extra}</body>`);
}
