import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ArticleDocument, ArticleMetadata } from '../document/types.js';
import { writeFileAtomic } from '../common/write.js';

/** manifest.json: what was built from one article (its metadata, less the keywords, and the outputs). */
export interface Manifest extends Omit<ArticleMetadata, 'keywords'> {
  source: string;
  wordCount: number;
  readingMinutes: number;
  outputs: Record<string, string>;
}

export const MANIFEST = 'manifest.json';

/** Outputs recorded by an earlier build into the same folder whose files are still there. */
export async function previousOutputs(outDir: string): Promise<Record<string, string>> {
  try {
    const old = JSON.parse(await readFile(path.join(outDir, MANIFEST), 'utf8')) as Partial<Manifest>;
    return Object.fromEntries(
      Object.entries(old.outputs ?? {}).filter(
        ([, file]) => typeof file === 'string' && !file.includes('..') && existsSync(path.join(outDir, file)),
      ),
    );
  } catch {
    return {};
  }
}

export function manifestFor(doc: ArticleDocument, outputs: Record<string, string>): Manifest {
  const { title, authors, date, lang, dir, description } = doc.meta;
  return {
    source: doc.source,
    title,
    authors,
    date,
    lang,
    dir,
    description,
    wordCount: doc.wordCount,
    readingMinutes: doc.readingMinutes,
    outputs,
  };
}

/** Write manifest.json, unless it already says exactly this (an unchanged rebuild writes nothing); resolves to its text. */
export async function writeManifest(outDir: string, manifest: Manifest): Promise<string> {
  const file = path.join(outDir, MANIFEST);
  const text = `${JSON.stringify(manifest, null, 2)}\n`;
  const old = await readFile(file, 'utf8').catch(() => undefined);
  if (old !== text) await writeFileAtomic(file, text);
  return text;
}
