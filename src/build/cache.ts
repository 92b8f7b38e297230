import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { VERSION } from '../version.js';
import { writeFileAtomic } from '../common/write.js';
import type { BuildMessage, FormatId } from './types.js';

/** What one edition produced last time, and under which key. */
export interface CacheRecord {
  key: string;
  outputs: Record<string, string>;
  /** What the edition handed later editions through EditionContext.shared. */
  shared: Record<string, unknown>;
}

/**
 * What a whole article was built from last time (see stamp.ts), and what that
 * build produced: when the stamp still matches, nothing is parsed or rendered.
 */
export interface StampRecord {
  /** The input stamp: a digest of everything the article's outputs are made from. */
  key: string;
  /** The outputs the build reported, as in manifest.json. */
  outputs: Record<string, string>;
  /** The warnings reading the article raised, told again on a rebuild that reads nothing. */
  messages: BuildMessage[];
  /** sha256 of the manifest.json that build wrote. */
  manifest: string;
}

interface CacheFile {
  version: string;
  stamp?: StampRecord;
  editions: Partial<Record<FormatId, CacheRecord>>;
}

export const CACHE_FILE = '.broadside-cache.json';

/**
 * Per-article record of the editions built into one output folder, so that an
 * unchanged edition is not rebuilt. Kept beside the outputs (not in the
 * manifest, whose shape is public).
 */
export class EditionCache {
  private constructor(
    private readonly file: string,
    private readonly data: CacheFile,
  ) {}

  static async open(outDir: string): Promise<EditionCache> {
    const file = path.join(outDir, CACHE_FILE);
    let data: CacheFile = { version: VERSION, editions: {} };
    try {
      const parsed = JSON.parse(await readFile(file, 'utf8')) as CacheFile;
      if (parsed.version === VERSION && parsed.editions) data = parsed;
    } catch {
      // No cache yet, or an unreadable one: everything is rebuilt.
    }
    return new EditionCache(file, data);
  }

  /** The record for an edition, when its key matches and all its files are still there. */
  hit(format: FormatId, key: string, outDir: string): CacheRecord | undefined {
    const record = this.data.editions[format];
    if (!record || record.key !== key) return undefined;
    const present = Object.values(record.outputs).every((file) => existsSync(path.join(outDir, file)));
    return present ? record : undefined;
  }

  /** The outputs an edition's record lists (none without a record). */
  outputsOf(format: FormatId): Record<string, string> {
    return this.data.editions[format]?.outputs ?? {};
  }

  /** The outputs in `outputs` that an edition other than `format` wrote, or only those of `from`. */
  othersOutputs(format: FormatId, outputs: Record<string, string>, from?: readonly FormatId[]): Record<string, string> {
    const own = new Set(Object.keys(this.data.editions[format]?.outputs ?? {}));
    const theirs = from && new Set(from.flatMap((other) => Object.keys(this.data.editions[other]?.outputs ?? {})));
    return Object.fromEntries(Object.entries(outputs).filter(([name]) => !own.has(name) && (!theirs || theirs.has(name))).sort(([a], [b]) => a.localeCompare(b)));
  }

  /**
   * What the editions outside `formats` handed on when they were last built,
   * where their files are still among `outputs`: a build of some editions
   * (the page alone, or one edition of a queued job) sees what the others
   * left, as a build of them all would.
   */
  handoffsOutside(formats: readonly FormatId[], outputs: Record<string, string>): Record<string, unknown> {
    const present = new Set(Object.values(outputs));
    const handed: Record<string, unknown> = {};
    for (const [format, record] of Object.entries(this.data.editions)) {
      if (!record || formats.includes(format)) continue;
      if (Object.values(record.outputs).every((file) => present.has(file))) Object.assign(handed, record.shared);
    }
    return handed;
  }

  set(format: FormatId, record: CacheRecord): void {
    this.data.editions[format] = record;
  }

  /** The whole article's record from its last complete build, if any. */
  get stamp(): StampRecord | undefined {
    return this.data.stamp;
  }

  /** Record (or, with undefined, forget) what the whole article was built from. */
  setStamp(record: StampRecord | undefined): void {
    if (record) this.data.stamp = record;
    else delete this.data.stamp;
  }

  async save(): Promise<void> {
    const text = `${JSON.stringify(this.data, null, 2)}\n`;
    const old = await readFile(this.file, 'utf8').catch(() => undefined);
    if (old !== text) await writeFileAtomic(this.file, text);
  }
}

let codeDigest: string | undefined;

/**
 * Digest of Broadside's own code (names, sizes and modification times of the
 * modules next to this one), so that a changed build of the tool rebuilds
 * everything even when the version number did not move. Once per process: the
 * code that runs is the code that was loaded.
 */
export function ownCodeDigest(): string {
  if (codeDigest) return codeDigest;
  const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
  const hash = createHash('sha256');
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.(js|ts)$/.test(entry.name)) continue;
    const file = path.join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name);
    const info = statSync(file);
    hash.update(`${file.slice(root.length + 1)}\0${info.size}\0${info.mtimeMs}\0`);
  }
  codeDigest = hash.digest('hex');
  return codeDigest;
}

/**
 * The key of one edition of one article: the tool's version, code and data
 * files, the article's bytes, the lexicon in force, the options that edition
 * reads, the styles it uses (name and digest), and anything earlier editions
 * handed it.
 */
export function editionKey(parts: {
  format: FormatId;
  /** Digest of the tool's data files (data/), which the readers use. */
  data: string;
  sourceBytes: Uint8Array;
  lexicon: unknown;
  options: unknown;
  styles: [name: string, digest: string][];
  upstream: unknown;
}): string {
  const hash = createHash('sha256');
  hash.update(VERSION).update('\0').update(ownCodeDigest()).update('\0').update(parts.data).update('\0').update(parts.format).update('\0');
  hash.update(parts.sourceBytes).update('\0');
  hash.update(JSON.stringify(parts.lexicon)).update('\0');
  hash.update(JSON.stringify(parts.options)).update('\0');
  for (const [name, digest] of parts.styles) hash.update(name).update(digest);
  hash.update(JSON.stringify(parts.upstream ?? null));
  return hash.digest('hex');
}
