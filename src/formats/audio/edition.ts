import type { EditionDescriptor } from '../edition.js';

export const audio: EditionDescriptor = {
  id: 'audio',
  summary: 'narrated MP3 with chapters, and WebVTT captions',
  outputs: ['audio', 'captions'],
  needs: ['speech'],
  after: [],
  load: () => import('./index.js').then((m) => m.audioEdition),
};
