import type { EditionDescriptor } from '../edition.js';

export const braille: EditionDescriptor = {
  id: 'braille',
  summary: 'embosser-ready braille (BRF) through liblouis, and a preview page',
  outputs: ['braille', 'braillePreview'],
  needs: [],
  after: [],
  load: () => import('./index.js').then((m) => m.brailleEdition),
};
