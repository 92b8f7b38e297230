import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Where lexicons are found, apart from reading them, so that the build can stamp them without loading the parser.

/** The default lexicon shipped with Broadside (`data/lexicon.yaml`). */
export const DEFAULT_LEXICON_PATH = fileURLToPath(new URL('../../data/lexicon.yaml', import.meta.url));

/** Where an article's own lexicons may be, whether or not they exist yet, in the order they apply. */
export function articleLexiconPlaces(source: string): string[] {
  const dir = path.dirname(source);
  const name = path.basename(source, path.extname(source));
  return [path.join(dir, 'lexicon.yaml'), path.join(dir, `${name}.lexicon.yaml`)];
}

/** The lexicon files next to an article that exist, in the order they apply. */
export function articleLexiconFiles(source: string): string[] {
  return articleLexiconPlaces(source).filter((file) => existsSync(file));
}
