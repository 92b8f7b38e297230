import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { toHtml } from 'hast-util-to-html';
import type { Edition } from '../edition.js';
import { writeFileAtomic } from '../../common/write.js';
import { stylePath } from '../../styles.js';
import { copyLocalImages } from './assets.js';
import { page } from './page.js';
import { writePlayerAssets } from './player.js';

export const PAGE = 'index.html';
export const PAGE_CSS = 'web.css';

/** The accessible web page: index.html and its stylesheet. */
export const htmlEdition: Edition = {
  id: 'html',
  styles: ['web.css', 'readalong.js', 'readalong.css'],
  reads: [],
  readsOtherEditions: true,
  async render({ doc, outDir, outputs, shared, warn }) {
    const css = await readFile(stylePath('web.css'));
    await writeFileAtomic(path.join(outDir, PAGE_CSS), css);
    const audio = shared.audio;
    const readAlong = audio ? await writePlayerAssets(outDir) : undefined;
    const tree = page(doc, {
      stylesheet: PAGE_CSS,
      editions: outputs,
      audio,
      script: readAlong?.script,
      extraStylesheet: readAlong?.stylesheet,
      printPages: shared.printPages,
    });
    await copyLocalImages(tree, doc.folder ?? path.dirname(path.resolve(doc.source)), outDir, (message, place) => warn(`page: ${message}`, 'page-image', place));
    await writeFileAtomic(path.join(outDir, PAGE), toHtml(tree));
    return { html: PAGE };
  },
};
