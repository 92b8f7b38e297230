import type { Edition } from '../../build/types.js';

// Placeholder until the audio edition lands.
export const audioEdition: Edition = {
  id: 'audio',
  async render() {
    throw new Error('the audio edition is not implemented yet');
  },
};
