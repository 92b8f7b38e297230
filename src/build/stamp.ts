import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { articleLexiconFiles } from '../document/lexicon-files.js';
import { stylePath } from '../styles.js';
import { VERSION } from '../version.js';
import { ownCodeDigest } from './cache.js';
import type { FormatId } from './types.js';

// Everything here must stay cheap to import: the no-op rebuild runs on it alone.

const DATA = fileURLToPath(new URL('../../data/', import.meta.url));
const BUILT_IN_STYLES = fileURLToPath(new URL('../../styles/', import.meta.url));

function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Digest of every regular file under `folder` (following symbolic links):
 * relative names and contents. 'absent' when the folder cannot be listed.
 */
async function folderDigest(folder: string): Promise<string> {
  let names: string[];
  try {
    names = (await readdir(folder, { recursive: true })).map(String).sort();
  } catch {
    return 'absent';
  }
  const hash = createHash('sha256');
  for (const name of names) {
    const file = path.join(folder, name);
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) continue;
    hash.update(name).update('\0').update(sha256(await readFile(file))).update('\0');
  }
  return hash.digest('hex');
}

/**
 * Digests of the tool's own files that outputs depend on, read at most once
 * per build run (not per process: a preview rebuilds in one process when a
 * style changes).
 */
export class RunDigests {
  private data?: Promise<string>;
  private styles?: Promise<string>;
  private names?: Promise<string[]>;
  private readonly byName = new Map<string, Promise<string>>();

  /** Every file in data/ (the default lexicon, the site-chrome wording the .txt reader drops). */
  dataFiles(): Promise<string> {
    return (this.data ??= folderDigest(DATA));
  }

  /** Every file of the built-in styles and of the BROADSIDE_STYLES folder, and which folder that is. */
  styleFolders(): Promise<string> {
    const custom = process.env.BROADSIDE_STYLES;
    return (this.styles ??= Promise.all([folderDigest(BUILT_IN_STYLES), custom ? folderDigest(path.resolve(custom)) : 'none']).then(
      ([builtIn, override]) => sha256(`${builtIn}\0${custom ? path.resolve(custom) : ''}\0${override}`),
    ));
  }

  /** The names of the stylesheets, for an edition that does not say which it reads. */
  styleNames(): Promise<string[]> {
    return (this.names ??= readdir(stylePath('.')).then((names) => names.sort()));
  }

  /** Digest of one file of styles/ as it resolves (BROADSIDE_STYLES first). */
  style(name: string): Promise<string> {
    let digest = this.byName.get(name);
    if (!digest) {
      digest = readFile(stylePath(name)).then(sha256, () => 'missing');
      this.byName.set(name, digest);
    }
    return digest;
  }
}

/** What, besides the files, an article's outputs depend on. */
export interface StampSettings {
  /** The editions asked for. */
  formats: FormatId[];
  /** The options in force, limits included, timeouts excluded. */
  options: Record<string, unknown>;
  /** The extra lexicon file given in the options or the config, if any. */
  lexicon?: string;
  /** The largest input accepted, in bytes. */
  maxInputBytes: number;
}

/**
 * The input stamp of one article: a digest of everything its outputs are
 * made from, computed without parsing anything: the tool (version, code, data
 * files), the article's path and raw bytes, every lexicon file that applies,
 * the styles, the options and the editions asked for. Undefined when the
 * article cannot be read as it stands (missing, not a file, too large, a
 * lexicon unreadable): the full build then reports the problem.
 */
export async function inputStamp(source: string, settings: StampSettings, digests: RunDigests): Promise<string | undefined> {
  const hash = createHash('sha256');
  const part = (value: string | Uint8Array) => hash.update(value).update('\0');
  part('broadside input stamp 1');
  part(VERSION);
  part(ownCodeDigest());
  part(await digests.dataFiles());
  part(await digests.styleFolders());
  // The path as given is in manifest.json; the resolved one decides which lexicons and images are next to it.
  part(source);
  part(path.resolve(source));
  try {
    const info = await stat(source);
    if (!info.isFile() || info.size > settings.maxInputBytes) return undefined;
    part(await readFile(source));
    // The order matters: a later lexicon wins.
    const lexicons = [...(settings.lexicon ? [settings.lexicon] : []), ...articleLexiconFiles(source)];
    for (const file of lexicons) {
      part(path.resolve(file));
      part(await readFile(file));
    }
  } catch {
    return undefined;
  }
  // Code-unit order, not localeCompare: the stamp must not depend on the machine's locale (nor pay for loading its collation).
  part(JSON.stringify(Object.entries(settings.options).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
  part([...settings.formats].sort().join(','));
  return hash.digest('hex');
}

/** sha256 of a file's text, as recorded for manifest.json. */
export function textDigest(text: string | Uint8Array): string {
  return sha256(text);
}
