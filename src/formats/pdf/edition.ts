import type { EditionDescriptor } from '../edition.js';

export const pdf: EditionDescriptor = {
  id: 'pdf',
  summary: 'tagged print PDF and its large-print companion',
  outputs: ['pdf', 'largePrintPdf'],
  needs: ['browser'],
  after: [],
  load: () => import('./index.js').then((m) => m.pdfEdition),
};
