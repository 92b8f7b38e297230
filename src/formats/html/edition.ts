import type { EditionDescriptor } from '../edition.js';

export const html: EditionDescriptor = {
  id: 'html',
  summary: 'the accessible web page, linking the other editions',
  outputs: ['html'],
  needs: [],
  // The page links to every other edition and embeds the narration's player: it comes last.
  after: ['*'],
  load: () => import('./index.js').then((m) => m.htmlEdition),
};
