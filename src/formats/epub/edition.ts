import type { EditionDescriptor } from '../edition.js';

export const epub: EditionDescriptor = {
  id: 'epub',
  summary: 'EPUB 3 talking book: the text with its narration in sync, print page numbers',
  outputs: ['epub'],
  needs: [],
  // It takes the narration and its timings from the audio edition, and the page breaks from the standard PDF.
  after: ['pdf', 'audio'],
  requires: ['audio'],
  load: () => import('./index.js').then((m) => m.epubEdition),
};
