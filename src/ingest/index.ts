import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';
import type { ArticleDocument, InputKind, ReaderResult } from '../document/types.js';
import { normaliseDocument } from '../document/pipeline.js';
import { outputName } from '../common/names.js';
import { decodeText } from './decode.js';
import { InputError } from '../common/errors.js';
import { DEFAULT_MAX_INPUT_BYTES, INPUT_EXTENSIONS, inputKind } from './kinds.js';

export { InputError } from '../common/errors.js';
export { DEFAULT_MAX_INPUT_BYTES, INPUT_EXTENSIONS, inputKind } from './kinds.js';

type Reader = (text: string, file: VFile) => ReaderResult | Promise<ReaderResult>;

/** Each reader loads only when an input of its kind comes (the HTML reader brings jsdom, about a second to load). */
const READERS: Record<InputKind, () => Promise<Reader>> = {
  txt: () => import('./readers/txt.js').then((m) => m.readTxt),
  markdown: () => import('./readers/markdown.js').then((m) => m.readMarkdown),
  html: () => import('./readers/html.js').then((m) => m.readHtml),
};

export interface ReadOptions {
  /** Refuse inputs larger than this many bytes. Default: DEFAULT_MAX_INPUT_BYTES, the build's maxInputBytes. */
  maxBytes?: number;
  /** An extra lexicon file applied to this article, over the default and under the article's own. */
  lexicon?: string;
}

/**
 * Read one article of any supported kind into the normalised document tree.
 * Throws InputError (one line naming the file and the problem) for anything
 * that is not a readable article.
 */
export async function readArticle(source: string, options: ReadOptions = {}): Promise<ArticleDocument> {
  const kind = inputKind(source);
  if (!kind) {
    throw new InputError(source, `unknown input type "${path.extname(source) || '(none)'}"; expected one of ${INPUT_EXTENSIONS.join(', ')}`);
  }
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_INPUT_BYTES;
  let bytes: Uint8Array;
  try {
    // Look before reading: a device, a pipe or a huge file must not be read at all.
    const info = await stat(source);
    if (info.isDirectory()) throw new InputError(source, 'is a folder, not an article');
    if (!info.isFile()) throw new InputError(source, 'is not a regular file (a device, pipe or socket)');
    if (info.size > maxBytes) throw tooBig(source, info.size, maxBytes);
    bytes = await readFile(source);
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(source, 'no such file');
    if (code === 'EISDIR') throw new InputError(source, 'is a folder, not an article');
    if (code === 'EACCES') throw new InputError(source, 'permission denied');
    throw new InputError(source, `cannot read (${code ?? String(error)})`);
  }
  // The file may have grown between the look and the read.
  if (bytes.length > maxBytes) throw tooBig(source, bytes.length, maxBytes);
  const text = decodeText(source, bytes);
  const file = new VFile({ path: source, value: text });
  const read = await (await READERS[kind]())(text, file);
  // Editions name their files after this, so it must be safe as a file name (see outputName).
  const name = outputName(source);
  return normaliseDocument({ source, name, kind, file, read, lexiconFiles: options.lexicon ? [options.lexicon] : [] });
}

function tooBig(source: string, size: number, maxBytes: number): InputError {
  return new InputError(source, `the file is ${size} bytes, over the limit of ${maxBytes} bytes (raise it with --max-input-bytes or maxInputBytes in the config)`);
}
