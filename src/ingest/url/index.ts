import type { ArticleDocument } from '../../document/types.js';
import { InputError } from '../../common/errors.js';
import { readArticle, type ReadOptions } from '../index.js';
import { DEFAULT_MAX_INPUT_BYTES } from '../kinds.js';
import { DEFAULT_FETCH_TIMEOUT_MS, FetchError } from './fetch.js';
import { stagePage } from './stage.js';

export interface WebReadOptions extends ReadOptions {
  /** Milliseconds one fetch may take (the page, or one image), redirects included. Default 30 000. */
  timeoutMs?: number;
  /** Fetch from loopback, private and link-local addresses too: all (true), or only these IP addresses. Default false. */
  allowPrivateNetwork?: boolean | string[];
  signal?: AbortSignal;
}

export interface WebArticle {
  doc: ArticleDocument;
  /** Removes the fetched page and images; call it once every edition is built. */
  dispose(): Promise<void>;
}

/**
 * Read an article from a web address: fetch the page and its images under
 * the fetch rules into a private folder, and read that as a saved page. The
 * document names the address as its source; its images resolve in the
 * folder. Throws InputError, one line naming the address and the problem.
 */
export async function readWebArticle(address: string, options: WebReadOptions = {}): Promise<WebArticle> {
  if (!/^https?:\/\//iu.test(address)) throw new InputError(address, 'only http and https addresses can be fetched');
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_INPUT_BYTES;
  let staged;
  try {
    new URL(address);
    staged = await stagePage(address, {
      maxBytes,
      timeoutMs: options.timeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS,
      allowPrivateNetwork: options.allowPrivateNetwork,
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof FetchError) throw new InputError(address, error.message);
    if (error instanceof TypeError && (error as { code?: string }).code === 'ERR_INVALID_URL') throw new InputError(address, 'not a valid web address');
    throw error;
  }
  try {
    // The body was held to maxBytes; written back as UTF-8 it may be a little longer.
    const doc = await readArticle(staged.file, { maxBytes: maxBytes * 4, lexicon: options.lexicon });
    doc.source = address;
    doc.folder = staged.folder;
    // Placed at the line of the page as the server sent it (the saved copy is written anew).
    for (const { reason, place } of staged.warnings) doc.file.message(reason, { place, ruleId: 'fetch', source: 'broadside' });
    return { doc, dispose: staged.dispose };
  } catch (error) {
    await staged.dispose();
    // The reader names the saved copy; the user named the address.
    if (error instanceof InputError) throw new InputError(address, error.problem);
    throw error;
  }
}
