import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../../build/write.js';
import type { Pcm } from './engines/types.js';

/**
 * The synthesised speech of each utterance, kept beside the outputs so that
 * editing one paragraph re-synthesises only that paragraph's sentences. An
 * entry is keyed by the voice and the exact text the engine was given, and
 * holds the engine's own samples (before trimming and pauses, which are cheap
 * and redone every time). Entries no build used last time are removed.
 */
export class SpeechCache {
  private readonly used = new Set<string>();
  hits = 0;
  misses = 0;

  constructor(
    readonly dir: string,
    private readonly voice: string,
  ) {}

  private key(text: string): string {
    return createHash('sha256').update(this.voice).update('\0').update(text).digest('hex').slice(0, 40);
  }

  async get(text: string): Promise<Pcm | undefined> {
    const key = this.key(text);
    this.used.add(key);
    try {
      const bytes = await readFile(path.join(this.dir, `${key}.pcm`));
      const header = new DataView(bytes.buffer, bytes.byteOffset, 4);
      const samples = new Float32Array(bytes.buffer.slice(bytes.byteOffset + 4, bytes.byteOffset + bytes.length));
      this.hits += 1;
      return { sampleRate: header.getUint32(0, true), samples };
    } catch {
      this.misses += 1;
      return undefined;
    }
  }

  async put(text: string, pcm: Pcm): Promise<void> {
    const key = this.key(text);
    this.used.add(key);
    const bytes = new Uint8Array(4 + pcm.samples.byteLength);
    new DataView(bytes.buffer).setUint32(0, pcm.sampleRate, true);
    bytes.set(new Uint8Array(pcm.samples.buffer, pcm.samples.byteOffset, pcm.samples.byteLength), 4);
    await mkdir(this.dir, { recursive: true });
    await writeFileAtomic(path.join(this.dir, `${key}.pcm`), bytes);
  }

  /** Remove the entries this build did not use, so the cache holds one narration's worth. */
  async prune(): Promise<void> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    await Promise.all(
      names
        .filter((name) => name.endsWith('.pcm') && !this.used.has(name.slice(0, -4)))
        .map((name) => rm(path.join(this.dir, name), { force: true })),
    );
  }
}
