import type { Heading, Root } from 'mdast';
import type { VFile } from 'vfile';
import { metaOf } from './file-data.js';
import { wordsFor } from './words.js';
import { ABOUT_ID } from './types.js';

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
  const forms = wordsFor<[one: string, many: string]>('about-heading', lang);
  heading.children = [{ type: 'text', value: authorCount === 1 ? forms[0] : forms[1] }];
}
