import type { Root, Yaml } from 'mdast';
import { parse as parseYaml } from 'yaml';
import type { VFile } from 'vfile';
import type { ArticleMetadata } from '../../document/types.js';
import { toAuthors, toDir, toIsoDate, toKeywords, toLang, toText } from './values.js';

/**
 * Read the YAML front matter block (if any) into metadata and remove it from the tree.
 *
 * Fields: `title`; `author` or `authors` (a string, a list, or `{ name }` objects);
 * `date` (any ISO 8601 value, a YAML timestamp, or a plain date such as "1 March 2024");
 * `lang` (or `language`); `dir` (`ltr` or `rtl`); `description` (or `summary`);
 * `keywords` or `tags` (a list or a comma-separated string). Other fields are ignored.
 * A field that cannot be read is left out with a warning, never guessed.
 */
export function readFrontMatter(tree: Root, file: VFile): Partial<ArticleMetadata> {
  const block = tree.children.find((node): node is Yaml => node.type === 'yaml');
  tree.children = tree.children.filter((node) => node.type !== 'yaml');
  if (!block) return {};
  const warn = (reason: string) => file.message(reason, { place: block.position, ruleId: 'front-matter', source: 'broadside' });

  let data: unknown;
  try {
    // yaml-1.1 so that `date: 2024-03-01` is a timestamp, the way most static site generators read it.
    data = parseYaml(block.value, { schema: 'yaml-1.1' });
  } catch (error) {
    warn(`Front matter is not valid YAML (${(error as Error).message.split('\n')[0]}); it was ignored`);
    return {};
  }
  if (data == null) return {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    warn('Front matter is not a list of `key: value` fields; it was ignored');
    return {};
  }
  const fields = data as Record<string, unknown>;
  const meta: Partial<ArticleMetadata> = {};

  const title = toText(fields.title);
  if (title) meta.title = title;

  const authors = toAuthors(fields.authors ?? fields.author);
  if (authors.length) meta.authors = authors;

  if (fields.date != null) {
    const date = toIsoDate(fields.date);
    if (date) meta.date = date;
    else warn(`Front matter date "${String(fields.date)}" is not a date; use YYYY-MM-DD`);
  }

  const langValue = fields.lang ?? fields.language;
  if (langValue != null) {
    const lang = toLang(langValue);
    if (lang) meta.lang = lang;
    else warn(`Front matter lang "${String(langValue)}" is not a language tag such as en or ar`);
  }

  if (fields.dir != null) {
    const dir = toDir(fields.dir);
    if (dir) meta.dir = dir;
    else warn(`Front matter dir "${String(fields.dir)}" must be ltr or rtl`);
  }

  const description = toText(fields.description ?? fields.summary);
  if (description) meta.description = description;

  const keywords = toKeywords(fields.keywords ?? fields.tags);
  if (keywords.length) meta.keywords = keywords;

  return meta;
}
