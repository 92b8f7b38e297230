import { createHash } from 'node:crypto';
import { mkdir, open, readdir, readFile, rm, stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import { folderLockedByLiveBuild } from '../../common/lock.js';
import { writeFileAtomic } from '../../common/write.js';
import type { Pcm } from './engines/types.js';
import type { ClipSource } from './timeline.js';

/** Where in a clip the speech is, in its samples; stored with it so that a build finding it need not read the samples. */
export interface StoredClip {
  key: string;
  rate: number;
  from: number;
  to: number;
}

/** A clip file: "BSC1", the sample rate, the speech's first and end sample, then 32-bit float samples. */
const MAGIC = 0x31435342;
const HEADER = 16;

/** In each article's output folder: the keys of the speech cache entries its narration uses. */
export const SPEECH_KEYS = '.broadside-speech-keys.json';

/** Entries younger than this are never pruned: another build may have just made or found them. */
const PRUNE_GRACE_MS = 60_000;

/** Work on a cache entry under way in this process, by folder and key (see SpeechCache.once). */
const underWay = new Map<string, Promise<unknown>>();

/**
 * The synthesised speech of each utterance, kept beside the outputs so that
 * editing one paragraph re-synthesises only that paragraph's sentences. An
 * entry is keyed by the voice and the exact text the engine was given, and
 * holds the engine's own samples (before trimming and pauses, which are cheap
 * and redone every time). The same folder keeps the encoded MP3 of each
 * stretch of the narration (see encode.ts), keyed by its samples and its
 * mastering, so an edit re-encodes only the stretch it touches.
 *
 * One folder serves every article of an output folder: a sentence two
 * articles share, or an article copied or renamed, is spoken once. Each
 * article lists the entries it uses (saveKeys), and pruneSpeechCache()
 * removes the entries no article lists.
 */
export class SpeechCache implements ClipSource {
  private readonly used = new Set<string>();
  hits = 0;
  misses = 0;

  constructor(
    readonly dir: string,
    private readonly voice: string,
  ) {}

  keyOf(text: string): string {
    return createHash('sha256').update(this.voice).update('\0').update(text).digest('hex').slice(0, 40);
  }

  /** Where the stored speech for a text lies, if it is stored (only the header is read); counted as a hit or a miss. */
  async get(text: string): Promise<StoredClip | { key: string; rate?: undefined }> {
    const key = this.keyOf(text);
    this.used.add(key);
    const header = Buffer.alloc(HEADER);
    const file = await open(path.join(this.dir, `${key}.pcm`)).catch(() => undefined);
    try {
      const { bytesRead } = file ? await file.read(header, 0, HEADER, 0) : { bytesRead: 0 };
      if (bytesRead === HEADER && header.readUInt32LE(0) === MAGIC) {
        this.hits += 1;
        await touch(file!);
        return { key, rate: header.readUInt32LE(4), from: header.readUInt32LE(8), to: header.readUInt32LE(12) };
      }
    } finally {
      await file?.close();
    }
    this.misses += 1;
    return { key };
  }

  async read(key: string): Promise<Pcm> {
    const bytes = await readFile(path.join(this.dir, `${key}.pcm`));
    if (bytes.length < HEADER || bytes.readUInt32LE(0) !== MAGIC || (bytes.length - HEADER) % 4) throw new Error(`damaged speech cache entry ${key}`);
    // The file's own bytes when they are aligned for floats (readFile gives a large file its own buffer); a copy otherwise.
    const start = bytes.byteOffset + HEADER;
    const samples = start % 4 ? new Float32Array(bytes.buffer.slice(start, bytes.byteOffset + bytes.length)) : new Float32Array(bytes.buffer, start, (bytes.length - HEADER) / 4);
    return { sampleRate: bytes.readUInt32LE(4), samples };
  }

  /** Stores a text's speech with the part of it that is speech. */
  async put(text: string, pcm: Pcm, speech: { from: number; to: number }): Promise<StoredClip> {
    const key = this.keyOf(text);
    this.used.add(key);
    const bytes = Buffer.alloc(HEADER + pcm.samples.byteLength);
    bytes.writeUInt32LE(MAGIC, 0);
    bytes.writeUInt32LE(pcm.sampleRate, 4);
    bytes.writeUInt32LE(speech.from, 8);
    bytes.writeUInt32LE(speech.to, 12);
    bytes.set(new Uint8Array(pcm.samples.buffer, pcm.samples.byteOffset, pcm.samples.byteLength), HEADER);
    await mkdir(this.dir, { recursive: true });
    await writeFileAtomic(path.join(this.dir, `${key}.pcm`), bytes);
    return { key, rate: pcm.sampleRate, ...speech };
  }

  /** An encoded stretch and what was measured of it, stored under a key made by the encoder. */
  async getPiece<T>(key: string): Promise<{ mp3: Buffer; info: T } | undefined> {
    this.used.add(key);
    try {
      const files = [path.join(this.dir, `${key}.mp3`), path.join(this.dir, `${key}.json`)];
      const [mp3, info] = await Promise.all([readFile(files[0]!), readFile(files[1]!, 'utf8')]);
      await Promise.all(files.map(touch));
      return { mp3, info: JSON.parse(info) as T };
    } catch {
      return undefined;
    }
  }

  async putPiece(key: string, mp3: Uint8Array, info: unknown): Promise<void> {
    this.used.add(key);
    await mkdir(this.dir, { recursive: true });
    // The MP3 first: a piece counts as stored only once its description is there.
    await writeFileAtomic(path.join(this.dir, `${key}.mp3`), mp3);
    await writeFileAtomic(path.join(this.dir, `${key}.json`), JSON.stringify(info));
  }

  /** A small measurement stored under a key made by its user. */
  async getNote<T>(key: string): Promise<T | undefined> {
    this.used.add(key);
    try {
      const file = path.join(this.dir, `${key}.json`);
      const note = JSON.parse(await readFile(file, 'utf8')) as T;
      await touch(file);
      return note;
    } catch {
      return undefined;
    }
  }

  async putNote(key: string, value: unknown): Promise<void> {
    this.used.add(key);
    await mkdir(this.dir, { recursive: true });
    await writeFileAtomic(path.join(this.dir, `${key}.json`), JSON.stringify(value));
  }

  /**
   * Make (or find) an entry once, even when two articles of the run need it
   * at the same moment: the second waits for the first's work. If that work
   * fails, the waiter does its own.
   */
  once<T>(key: string, work: () => Promise<T>): Promise<T> {
    this.used.add(key);
    const id = `${path.resolve(this.dir)}\0${key}`;
    const pending = underWay.get(id) as Promise<T> | undefined;
    if (pending) return pending.catch(() => this.once(key, work));
    const started = work();
    underWay.set(id, started);
    const done = () => void (underWay.get(id) === started && underWay.delete(id));
    started.then(done, done);
    return started;
  }

  /** Record, in the article's output folder, the entries this narration used: pruning keeps them. */
  async saveKeys(articleDir: string): Promise<void> {
    await writeFileAtomic(path.join(articleDir, SPEECH_KEYS), JSON.stringify([...this.used].sort()));
  }
}

/** Marks an entry as just used, so that a prune running in another build at the same moment keeps it. */
async function touch(file: string | { utimes(atime: Date, mtime: Date): Promise<void> }): Promise<void> {
  const now = new Date();
  await (typeof file === 'string' ? utimes(file, now, now) : file.utimes(now, now)).catch(() => undefined);
}

/**
 * Remove from an output folder's shared speech cache the entries that no
 * article in it lists and that nobody used in the last minute. Nothing is
 * removed while another build holds an article folder there (it has not
 * listed its entries yet); the next build prunes instead.
 */
export async function pruneSpeechCache(outRoot: string, cacheDir: string, graceMs = PRUNE_GRACE_MS): Promise<void> {
  const articles = (await readdir(outRoot, { withFileTypes: true }).catch(() => [])).filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'));
  const folders = articles.map((entry) => path.join(outRoot, entry.name));
  if ((await Promise.all(folders.map(folderLockedByLiveBuild))).some(Boolean)) return;
  const keep = new Set<string>();
  for (const folder of folders) {
    const keys = await readFile(path.join(folder, SPEECH_KEYS), 'utf8').then((text) => JSON.parse(text) as unknown, () => []);
    if (Array.isArray(keys)) for (const key of keys) if (typeof key === 'string') keep.add(key);
  }
  const names = await readdir(cacheDir).catch(() => [] as string[]);
  const before = Date.now() - graceMs;
  await Promise.all(
    names
      .filter((name) => /\.(pcm|mp3|json)$/u.test(name) && !keep.has(name.replace(/\.[a-z0-9]+$/u, '')))
      .map(async (name) => {
        const file = path.join(cacheDir, name);
        const info = await stat(file).catch(() => undefined);
        if (info && info.mtimeMs < before) await rm(file, { force: true });
      }),
  );
}
