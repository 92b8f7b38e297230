import type { Heading, Root } from 'mdast';
import type { VFile } from 'vfile';
import { metaOf } from './file-data.js';
import { ABOUT_ID } from './types.js';

/** "About the authors" in the languages Broadside detects most often; English otherwise. */
const ABOUT_HEADINGS: Record<string, [one: string, many: string]> = {
  en: ['About the author', 'About the authors'],
  fr: ['À propos de l’auteur', 'À propos des auteurs'],
  es: ['Sobre el autor', 'Sobre los autores'],
  pt: ['Sobre o autor', 'Sobre os autores'],
  it: ['L’autore', 'Gli autori'],
  de: ['Über den Autor', 'Über die Autoren'],
  nl: ['Over de auteur', 'Over de auteurs'],
  ar: ['عن الكاتب', 'عن الكتّاب'],
  fa: ['دربارهٔ نویسنده', 'دربارهٔ نویسندگان'],
  ur: ['مصنف کے بارے میں', 'مصنفین کے بارے میں'],
  he: ['על המחבר', 'על המחברים'],
  tr: ['Yazar hakkında', 'Yazarlar hakkında'],
  ru: ['Об авторе', 'Об авторах'],
};

/** The heading of the authors' bio section; its id is fixed so every edition can find it. */
export function aboutHeading(): Heading {
  return { type: 'heading', depth: 2, children: [{ type: 'text', value: 'About the authors' }], data: { hProperties: { id: ABOUT_ID } } };
}

/** Words the bio heading (when there is one) in the article's language, singular for one author. */
export function wordAbout({ heading }: { heading?: Heading }) {
  return (_tree: Root, file: VFile): void => {
    const meta = metaOf(file);
    if (heading) wordAboutHeading(heading, meta.lang, meta.authors.length);
  };
}

/** Word the bio heading in the article's language, singular for one author. */
export function wordAboutHeading(heading: Heading, lang: string, authorCount: number): void {
  const forms = ABOUT_HEADINGS[lang.split('-')[0]] ?? ABOUT_HEADINGS.en;
  heading.children = [{ type: 'text', value: authorCount === 1 ? forms[0] : forms[1] }];
}
