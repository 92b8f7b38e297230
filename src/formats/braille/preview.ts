import type { ElementContent } from 'hast';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import type { ArticleMetadata } from '../../document/types.js';
import { brfToUnicode } from './ascii.js';
import type { BrailleTables } from './tables.js';

export interface PreviewOptions {
  meta: ArticleMetadata;
  tables: BrailleTables;
  /** The BRF file, relative to the preview. */
  brf: string;
  cells: number;
  lines: number;
}

// Self-contained, so the preview can be mailed or opened from a folder. System colours follow the reader's scheme.
const CSS = `
:root { color-scheme: light dark; }
body { margin: 0 auto; padding: 1rem; max-width: 60rem; font: 1rem/1.5 system-ui, sans-serif; background: Canvas; color: CanvasText; }
h1 { font-size: 1.6rem; line-height: 1.25; }
h2 { font-size: 1.1rem; margin: 1.5rem 0 0.5rem; }
nav ul { display: flex; flex-wrap: wrap; gap: 0.25rem 0.75rem; list-style: none; padding: 0; }
nav a { display: inline-block; min-width: 1.5rem; padding: 0.2rem; }
a:focus-visible, pre:focus-visible { outline: 3px solid; outline-offset: 2px; }
.page { display: block; width: max-content; max-width: 100%; box-sizing: border-box; overflow-x: auto; margin: 0; padding: 0.75rem 1rem;
  border: 1px solid; border-radius: 4px; font: 1.35rem/1.3 "DejaVu Sans", "Segoe UI Symbol", "Apple Braille", sans-serif; white-space: pre; }
`;

/**
 * The braille edition for sighted readers: the same cells as the BRF, in
 * Unicode braille, page by page, each page a labelled section with its
 * braille page number, so a teacher or transcriber can check it by eye.
 */
export function previewHtml(pages: string[][], options: PreviewOptions): string {
  const { meta, tables, brf, cells, lines } = options;
  const title = h('span', { lang: meta.lang, dir: meta.dir }, meta.title);
  const summary = `${pages.length} braille page${pages.length === 1 ? '' : 's'} of ${cells} cells by ${lines} lines, in ${tables.name}, grade ${tables.grade} (liblouis table ${tables.text}).`;
  const sections: ElementContent[] = pages.map((page, i) =>
    h('section', { ariaLabelledBy: `page-${i + 1}` }, [
      h('h2', { id: `page-${i + 1}` }, i === 0 ? 'Braille page 1 (title page)' : `Braille page ${i + 1}`),
      // Focusable, because a page wider than a phone's screen scrolls sideways inside its own box.
      h('pre', { className: ['page'], tabIndex: 0 }, page.map((line) => brfToUnicode(line.padEnd(cells, ' '))).join('\n')),
    ]),
  );
  const tree = h(null, [
    { type: 'doctype' },
    h('html', { lang: 'en' }, [
      h('head', [
        h('meta', { charSet: 'utf-8' }),
        h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
        h('title', `Braille preview: ${meta.title}`),
        h('meta', { name: 'generator', content: 'Broadside' }),
        h('style', CSS),
      ]),
      h('body', [
        h('header', [
          h('h1', ['Braille preview: ', title]),
          h('p', [summary, ' Each cell is shown as its Unicode braille pattern; a blank cell is shown as an empty pattern.']),
          h('p', [h('a', { href: brf }, `Download the file for the embosser (${brf})`)]),
        ]),
        pages.length > 1
          ? h('nav', { ariaLabel: 'Braille pages' }, [h('ul', pages.map((_, i) => h('li', [h('a', { href: `#page-${i + 1}` }, `Page ${i + 1}`)])))])
          : undefined,
        h('main', sections),
        h('footer', [h('p', 'Made with Broadside and liblouis. Emboss the BRF file, not this page.')]),
      ].filter((node) => node !== undefined)),
    ]),
  ]);
  return toHtml(tree);
}
