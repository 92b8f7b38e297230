import type { Edition } from '../../build/types.js';

// Placeholder until the print edition lands.
export const pdfEdition: Edition = {
  id: 'pdf',
  async render() {
    throw new Error('the PDF edition is not implemented yet');
  },
};
