import type { Root, Yaml } from 'mdast';
import type { Point, Position } from 'unist';
import { parse as parseYaml, YAMLParseError } from 'yaml';
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
  // A field's problem is placed at its line, the block's at the block.
  const warn = (reason: string, ruleId: string, place: Point | Position | undefined = block.position) =>
    file.message(reason, { place, ruleId, source: 'broadside' });
  const at = (keys: string[]) => fieldPlace(block, keys);

  let data: unknown;
  try {
    // yaml-1.1 so that `date: 2024-03-01` is a timestamp, the way most static site generators read it.
    data = parseYaml(block.value, { schema: 'yaml-1.1' });
  } catch (error) {
    const place = error instanceof YAMLParseError && error.linePos ? inBlock(block, error.linePos[0].line - 1, error.linePos[0].col) : undefined;
    warn(`Front matter is not valid YAML (${(error as Error).message.split('\n')[0]}); it was ignored`, 'front-matter-yaml', place);
    return {};
  }
  if (data == null) return {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    warn('Front matter is not a list of `key: value` fields; it was ignored', 'front-matter-yaml');
    return {};
  }
  return readFields(data as Record<string, unknown>, warn, at);
}

type Warn = (reason: string, ruleId: string, place?: Point | Position) => void;

/** The fields Broadside reads; one it cannot read is left out with a warning at its line. */
function readFields(fields: Record<string, unknown>, warn: Warn, at: (keys: string[]) => Point | undefined): Partial<ArticleMetadata> {
  const meta: Partial<ArticleMetadata> = {};

  const title = toText(fields.title);
  if (title) meta.title = title;

  const authors = toAuthors(fields.authors ?? fields.author);
  if (authors.length) meta.authors = authors;

  if (fields.date != null) {
    const date = toIsoDate(fields.date);
    if (date) meta.date = date;
    else warn(`Front matter date "${String(fields.date)}" is not a date; use YYYY-MM-DD`, 'front-matter-date', at(['date']));
  }

  const langValue = fields.lang ?? fields.language;
  if (langValue != null) {
    const lang = toLang(langValue);
    if (lang) meta.lang = lang;
    else warn(`Front matter lang "${String(langValue)}" is not a language tag such as en or ar`, 'front-matter-lang', at(['lang', 'language']));
  }

  if (fields.dir != null) {
    const dir = toDir(fields.dir);
    if (dir) meta.dir = dir;
    else warn(`Front matter dir "${String(fields.dir)}" must be ltr or rtl`, 'front-matter-dir', at(['dir']));
  }

  const description = toText(fields.description ?? fields.summary);
  if (description) meta.description = description;

  const keywords = toKeywords(fields.keywords ?? fields.tags);
  if (keywords.length) meta.keywords = keywords;

  return meta;
}

/** A point in the article of a line (0 = the first inside the block) and column of the block's YAML. */
function inBlock(block: Yaml, line: number, column: number): Point | undefined {
  const start = block.position?.start.line;
  // The block's first line is the opening `---`.
  return start === undefined ? undefined : { line: start + 1 + line, column };
}

/** Where the first of these top-level keys is written in the block. */
function fieldPlace(block: Yaml, keys: string[]): Point | undefined {
  const lines = block.value.split(/\r?\n/);
  const index = lines.findIndex((line) => keys.some((key) => line.startsWith(`${key}:`) || line.startsWith(`"${key}":`) || line.startsWith(`'${key}':`)));
  return index < 0 ? undefined : inBlock(block, index, 1);
}
