import { beforeAll, describe, expect, it } from 'vitest';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { readArticle } from '../../src/ingest/index.js';
import { sentencesOf } from '../../src/document/sentences.js';
import { narrationScript, type Utterance } from '../../src/formats/audio/script.js';
import { speechText } from '../../src/formats/audio/speech-text.js';
import type { ArticleDocument } from '../../src/document/types.js';

let doc: ArticleDocument;
let script: Utterance[];
const says = () => script.map((u) => u.say);

beforeAll(async () => {
  doc = await readArticle('test/fixtures/audio/structures.md');
  script = narrationScript(doc);
});

describe('narrationScript', () => {
  it('opens with the title, the authors and the date, spoken naturally', () => {
    expect(says().slice(0, 3)).toEqual(['A Short Guide to Reading Aloud.', 'By Jane Doe.', 'Published 2024-03-05.']);
    expect(speechText(script[2]!.say, { lang: 'en' })).toBe('Published March fifth, twenty twenty-four.');
    expect(script[0]!.chapter).toEqual({ id: 'title', title: 'A Short Guide to Reading Aloud' });
  });

  it('gives every displayed sentence one utterance, in document order, with its id and displayed text', () => {
    const cues = script.filter((u) => u.cue && u.cue.id.startsWith('s-')).map((u) => u.cue);
    const sentences = sentencesOf(doc.tree).map((s) => ({ id: s.data!.hProperties.id, text: toString(s, { includeImageAlt: false }) }));
    expect(cues).toEqual(sentences);
  });

  it('starts a chapter at each top-level heading, with a pause after it', () => {
    const chapters = script.filter((u) => u.chapter).map((u) => u.chapter!.id);
    expect(chapters).toEqual(['title', 'part-ii-lists-and-quotes', 'about-the-authors']);
    const heading = script.find((u) => u.chapter?.id === 'part-ii-lists-and-quotes')!;
    expect(heading.heading).toBe(true);
    expect(heading.pauseMs).toBeGreaterThanOrEqual(1000);
    expect(speechText(heading.say, { lang: 'en', heading: true })).toBe('Part two: Lists and quotes');
  });

  it('reads lists as lists, quotes between announcements, images by alt text, tables row by row, and skips code', () => {
    const s = says();
    expect(s).toContain('List of 3 items.');
    expect(s.indexOf('End of list.')).toBeGreaterThan(s.indexOf('List of 3 items.'));
    expect(s.slice(s.indexOf('Quote:'), s.indexOf('End of quote.') + 1)).toEqual(['Quote:', 'Speak plainly.', 'Then stop.', 'End of quote.']);
    expect(s).toContain('Image: A reader at a lectern.');
    expect(s.join(' ')).not.toContain('decoration');
    expect(s.slice(s.indexOf('Table with 2 columns.'), s.indexOf('Table with 2 columns.') + 9)).toEqual([
      'Table with 2 columns.', 'Name', 'Role', 'Row 1.', 'Name: Ana', 'Role: Reader', 'Row 2.', 'Name: Ben', 'Role: Listener',
    ]);
    expect(s.join(' ')).not.toContain('console.log');
    expect(s).toContain('A code example in JavaScript, 1 line, is not read aloud; see the page.');
  });

  it('captions an image’s description with the id the image has on the page', () => {
    const image = script.find((u) => u.say === 'Image: A reader at a lectern.')!;
    expect(image.cue).toEqual({ id: 'img-1', text: 'Image: A reader at a lectern' });
    let id: unknown;
    visit(doc.tree, 'image', (node) => void (node.alt === 'A reader at a lectern' && (id = node.data?.hProperties?.id)));
    expect(id).toBe('img-1');
  });

  it('reads links as their text only', () => {
    expect(says()).toContain('good links and more');
    expect(says().join(' ')).not.toContain('example.com');
  });

  it('reads "About the authors" last', () => {
    const about = script.findIndex((u) => u.chapter?.id === 'about-the-authors');
    expect(about).toBeGreaterThan(0);
    expect(says().slice(about)).toEqual(['About the authors', 'Jane Doe reads aloud for a living.']);
  });

  it('describes an HTML page’s figure, announces its caption, keeps linked pictures’ words and names code blocks', async () => {
    const page = narrationScript(await readArticle('test/fixtures/audio/figures.html')).map((u) => u.say);
    const image = page.indexOf('Image: A global map of the moon, with dunes in yellow, plains in green and craters in purple across both hemispheres.');
    expect(image).toBeGreaterThan(0);
    expect(page[image + 1]).toBe('Caption: The new map shows six kinds of terrain.');
    expect(page).toContain('The Hydrocarbon Lakes of Titan Water Plumes Above Europa');
    expect(page).toContain('A code example in JSON, 3 lines, is not read aloud; see the page.');
  });
});

describe('the narrator’s words in the article’s language (data/words.yaml, "narration")', () => {
  it('announces a Portuguese article’s lists, tables, quotes and code in Portuguese, and the byline cue shows the page’s word', async () => {
    const { writeFileSync } = await import('node:fs');
    const { tempDir } = await import('../helpers/fixtures.js');
    const file = `${tempDir('broadside-phrases-')}/brincadeiras.md`;
    writeFileSync(file, '---\ntitle: Brincadeiras musicais\nlang: pt\nauthor: [Ana Lima, Rui Sá]\n---\n\n# Brincadeiras musicais\n\nO grupo canta com as crianças.\n\n- Ciranda\n- Roda\n\n> Cantar é brincar.\n\n| Dia | Canção |\n| --- | --- |\n| Segunda | Ciranda |\n\n```js\nplay();\n```\n');
    const pt = narrationScript(await readArticle(file));
    const said = pt.map((u) => u.say);
    expect(said).toContain('Por Ana Lima e Rui Sá.');
    expect(pt.find((u) => u.cue?.id === 'byline-authors')?.cue?.text).toBe('Por Ana Lima e Rui Sá');
    for (const phrase of ['Lista de 2 itens.', 'Fim da lista.', 'Citação:', 'Fim da citação.', 'Tabela com 2 colunas.', 'Linha 1.', 'Um exemplo de código em JavaScript, com 1 linha, não é lido em voz alta; veja a página.']) {
      expect(said).toContain(phrase);
    }
    expect(said.join(' ')).not.toMatch(/List of|End of|Quote|Table with|Row 1|code example/u);
  });
});
