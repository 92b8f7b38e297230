import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../common/write.js';
import type { BuildMessage } from './messages.js';

/** An edition one article of the run made, as another article would copy it. */
export interface MadeEdition {
  source: string;
  /** The article's output folder and name: its files are `<name>…` there. */
  outDir: string;
  name: string;
  outputs: Record<string, string>;
  shared: Record<string, unknown>;
  /** The warnings its making gave, their file `source`. */
  messages: BuildMessage[];
}

/**
 * Editions made in this run, by everything they were made from. Two articles
 * with the same text, metadata and folder (a copied article, the same
 * handout under two names) make an edition that does not depend on the
 * article's name once: the second copies the first's files under its own
 * name, waiting for them if they are still being made. If the first fails,
 * the second makes its own.
 */
export class RunEditions {
  private readonly made = new Map<string, Promise<MadeEdition>>();

  /** The outputs of the edition under `key`: copied from a twin when there is one (and `copy` manages), else made. */
  async obtain(
    key: string,
    make: () => Promise<MadeEdition>,
    copy: (twin: MadeEdition) => Promise<Record<string, string> | undefined>,
  ): Promise<Record<string, string>> {
    // No await before make() unless there is a twin: two callers cannot both miss it.
    const earlier = this.made.get(key);
    const twin = earlier && (await earlier.catch(() => undefined));
    const copied = twin && (await copy(twin));
    if (copied) return copied;
    const making = make();
    this.made.set(key, making);
    making.catch(() => this.made.get(key) === making && this.made.delete(key));
    return (await making).outputs;
  }
}

/**
 * Copy a twin's files into `outDir` under `name`: `<twin name>.pdf` becomes
 * `<name>.pdf`. Returns the new outputs, or undefined when a file is not
 * named after its article (so a copy could not be named).
 */
export async function copyIdentical(twin: MadeEdition, outDir: string, name: string): Promise<Record<string, string> | undefined> {
  const renamed = Object.entries(twin.outputs).map(([key, file]) => [key, file, file.startsWith(twin.name) ? name + file.slice(twin.name.length) : undefined] as const);
  if (renamed.some(([, , target]) => !target || target.includes('/'))) return undefined;
  for (const [, file, target] of renamed) await writeFileAtomic(path.join(outDir, target!), await readFile(path.join(twin.outDir, file)));
  return Object.fromEntries(renamed.map(([key, , target]) => [key, target!]));
}
