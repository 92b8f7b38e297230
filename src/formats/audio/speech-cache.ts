import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../../build/write.js';
import type { Pcm } from './engines/types.js';
import type { ClipSource } from './timeline.js';

/**
 * The synthesised speech of each utterance, kept beside the outputs so that
 * editing one paragraph re-synthesises only that paragraph's sentences. An
 * entry is keyed by the voice and the exact text the engine was given, and
 * holds the engine's own samples (before trimming and pauses, which are cheap
 * and redone every time). The same folder keeps the encoded MP3 of each
 * stretch of the narration (see encode.ts), keyed by its samples and its
 * mastering, so an edit re-encodes only the stretch it touches.
 *
 * Entries that no build used last time are removed by prune().
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

  /** The stored speech for a text, if any; counted as a hit or a miss. */
  async get(text: string): Promise<{ key: string; pcm?: Pcm }> {
    const key = this.keyOf(text);
    this.used.add(key);
    const pcm = await this.read(key).catch(() => undefined);
    if (pcm) this.hits += 1;
    else this.misses += 1;
    return { key, pcm };
  }

  async read(key: string): Promise<Pcm> {
    const bytes = await readFile(path.join(this.dir, `${key}.pcm`));
    if (bytes.length < 4 || (bytes.length - 4) % 4) throw new Error(`damaged speech cache entry ${key}`);
    const header = new DataView(bytes.buffer, bytes.byteOffset, 4);
    const samples = new Float32Array(bytes.buffer.slice(bytes.byteOffset + 4, bytes.byteOffset + bytes.length));
    return { sampleRate: header.getUint32(0, true), samples };
  }

  async put(text: string, pcm: Pcm): Promise<string> {
    const key = this.keyOf(text);
    this.used.add(key);
    const bytes = new Uint8Array(4 + pcm.samples.byteLength);
    new DataView(bytes.buffer).setUint32(0, pcm.sampleRate, true);
    bytes.set(new Uint8Array(pcm.samples.buffer, pcm.samples.byteOffset, pcm.samples.byteLength), 4);
    await mkdir(this.dir, { recursive: true });
    await writeFileAtomic(path.join(this.dir, `${key}.pcm`), bytes);
    return key;
  }

  /** An encoded stretch and what was measured of it, stored under a key made by the encoder. */
  async getPiece<T>(key: string): Promise<{ mp3: Buffer; info: T } | undefined> {
    this.used.add(key);
    try {
      const [mp3, info] = await Promise.all([readFile(path.join(this.dir, `${key}.mp3`)), readFile(path.join(this.dir, `${key}.json`), 'utf8')]);
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
      return JSON.parse(await readFile(path.join(this.dir, `${key}.json`), 'utf8')) as T;
    } catch {
      return undefined;
    }
  }

  async putNote(key: string, value: unknown): Promise<void> {
    this.used.add(key);
    await mkdir(this.dir, { recursive: true });
    await writeFileAtomic(path.join(this.dir, `${key}.json`), JSON.stringify(value));
  }

  /** Remove the entries this build did not use, so the cache holds one narration's worth. */
  async prune(): Promise<void> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    await Promise.all(
      names
        .filter((name) => /\.(pcm|mp3|json)$/u.test(name) && !this.used.has(name.replace(/\.[a-z0-9]+$/u, '')))
        .map((name) => rm(path.join(this.dir, name), { force: true })),
    );
  }
}
