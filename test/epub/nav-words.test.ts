import { describe, expect, it } from 'vitest';
import { navWords } from '../../src/formats/epub/nav.js';

describe('the EPUB navigation document’s words (data/words.yaml, epub-nav)', () => {
  it('are in the article’s language, by its primary subtag, and English where there are none', () => {
    expect(navWords('pt-BR').contents).toBe('Índice');
    expect(navWords('ar').pages).toBe('صفحات النسخة المطبوعة');
    expect(navWords('id')).toEqual({ contents: 'Contents', landmarks: 'Landmarks', pages: 'Pages of the print edition', start: 'Start of the article' });
  });
});
