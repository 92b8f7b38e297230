import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pageFacts } from '../../src/check/facts.js';
import { build } from '../../src/index.js';
import { tempDir } from '../helpers/fixtures.js';

// The words the page adds (a picture's label, the footnotes' heading, a table's name, the footnotes' way back,
// a task box's name) are in the article's language, and `check` still counts only the article's own words.
const ARTICLE = `---
title: Brincadeiras musicais
lang: pt
---

# Brincadeiras musicais

O grupo canta com as crianças todas as semanas.[^1]

![Crianças a cantar numa roda](https://example.org/roda.jpg)

| Dia | Canção |
| --- | --- |
| Segunda | Ciranda |

- [x] Ensaiar a ciranda
- [ ] Gravar o disco

[^1]: O grupo chama-se Serelepe.
`;

describe('the page speaks the article’s language', () => {
  it('labels pictures, tables, notes and task boxes in Portuguese, and check reads past the labels', async () => {
    const dir = tempDir('broadside-page-words-');
    const input = path.join(dir, 'brincadeiras.md');
    writeFileSync(input, ARTICLE);
    const result = await build({ inputs: [input], outDir: path.join(dir, 'out'), formats: ['html'] });
    expect(result.articles.map((a) => a.error ?? 'ok')).toEqual(['ok']);
    const file = path.join(dir, 'out', 'brincadeiras', 'index.html');
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('>Imagem: Crianças a cantar numa roda</a>');
    expect(html).toMatch(/<h2[^>]*>Notas<\/h2>/u);
    expect(html).toContain('Voltar à referência 1');
    expect(html).toContain('>Tabela 1</caption>');
    expect(html).toContain('aria-label="Feito"');
    expect(html).toContain('aria-label="Por fazer"');
    for (const english of ['Image:', 'Footnotes', 'Back to reference', 'Table 1', 'Not done']) expect(html).not.toContain(english);
    const facts = await pageFacts(file);
    // The printed page shows the label too, so the words compared with the PDF keep it; the narration does not say it.
    expect(facts?.words).toContain('imagem');
    expect(facts?.spokenWords).toContain('crianças');
    expect(facts?.spokenWords).not.toContain('imagem');
  });
});
