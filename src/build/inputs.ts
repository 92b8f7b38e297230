import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ArticleDocument } from '../document/types.js';
import { inputKind } from '../ingest/kinds.js';
import { isWebAddress } from '../common/names.js';
import type { BuildOptions } from './types.js';

/**
 * Expand the inputs the user named: a folder stands for the articles directly
 * inside it (sorted by name); a file stands for itself, whatever its extension,
 * so that a wrong one gets a clear error later instead of being skipped silently.
 */
export async function expandInputs(inputs: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    let isFolder = false;
    if (isWebAddress(input)) {
      files.push(input);
      continue;
    }
    try {
      isFolder = (await stat(input)).isDirectory();
    } catch {
      // A missing path is reported by the reader, with the rest of the run going on.
    }
    if (!isFolder) {
      files.push(input);
      continue;
    }
    const entries = await readdir(input, { withFileTypes: true });
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.isFile() && !entry.name.startsWith('.') && inputKind(entry.name)) files.push(path.join(input, entry.name));
    }
  }
  return files;
}

/**
 * Read one input: a file, or a web page fetched (with its images) into a
 * private folder that `keep` is given to remove once the editions are built.
 * The readers load only now, so that listing inputs stays cheap.
 */
export async function readInput(source: string, options: BuildOptions, signal: AbortSignal, keep: (dispose: () => Promise<void>) => void): Promise<ArticleDocument> {
  const read = { maxBytes: options.maxInputBytes, lexicon: options.lexicon };
  if (!isWebAddress(source)) return (await import('../ingest/index.js')).readArticle(source, read);
  const { readWebArticle } = await import('../ingest/url/index.js');
  const web = await readWebArticle(source, { ...read, timeoutMs: options.fetchTimeoutMs, allowPrivateNetwork: options.allowPrivateNetwork, signal });
  keep(web.dispose);
  return web.doc;
}
