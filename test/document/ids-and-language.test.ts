import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { guessLanguage } from '../../src/document/language.js';
import { slug } from '../../src/document/pipeline.js';
import { readArticle } from '../../src/ingest/index.js';
import { tempDir } from '../helpers/fixtures.js';

describe('heading ids', () => {
  it('keep Arabic words whole (marks such as shadda are part of the word)', () => {
    expect(slug('القراءة تقوّي الذاكرة')).toBe('القراءة-تقوّي-الذاكرة');
    expect(slug('Café — Résumé!')).toBe('cafe-resume');
  });

  it('are given to headings inside containers too', async () => {
    const file = path.join(tempDir(), 'boxed.md');
    writeFileSync(file, '# Boxed\n\nIntro text here.\n\n<aside>\n\n## Inside the box\n\nA note.\n\n</aside>\n\n## After the box\n\nMore.\n');
    const doc = await readArticle(file);
    const ids: string[] = [];
    const walk = (node: { type: string; data?: { hProperties?: { id?: unknown } }; children?: unknown[] }) => {
      if (node.type === 'heading') ids.push(String(node.data?.hProperties?.id));
      for (const child of (node.children ?? []) as (typeof node)[]) walk(child);
    };
    walk(doc.tree);
    expect(ids).toEqual(['boxed', 'inside-the-box', 'after-the-box']);
  });
});

describe('language guess on short text', () => {
  it('does not guess among Latin-script languages from a few words', () => {
    expect(guessLanguage('Hello there, this is a note.')).toBeUndefined();
  });

  it('still tells a short Arabic text', () => {
    expect(guessLanguage('القراءة عادة بسيطة، لكن أثرها كبير في حياة الإنسان.')).toBe('ar');
  });

  it('tells English from a paragraph', () => {
    expect(
      guessLanguage('The council approved the outline plan by seven votes to five in February, and the leader promised a review of the fishing grounds before any foundations are laid.'),
    ).toBe('en');
  });
});
