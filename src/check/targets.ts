import { existsSync, statSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { CHECKERS, checkerFor } from './registry.js';

import { CheckUsageError } from './usage.js';

export { CheckUsageError };

export interface Manifest {
  title?: string;
  lang?: string;
  outputs?: Record<string, string>;
}

/** One thing to check: a built article's folder (its manifest lists the editions) or one file. */
export interface Target {
  target: string;
  kind: 'article' | 'file';
  /** Files with the role manifest.json gives each (html, pdf, largePrintPdf, audio …). */
  files: { file: string; role?: string }[];
  manifest?: Manifest;
  /** The article's page, when there is one beside the files. */
  page?: string;
}

export async function readManifest(folder: string): Promise<Manifest | undefined> {
  try {
    return JSON.parse(await readFile(path.join(folder, 'manifest.json'), 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
}

async function articleTarget(folder: string, manifest: Manifest): Promise<Target> {
  const outputs = Object.entries(manifest.outputs ?? {}).filter(([, file]) => typeof file === 'string' && !file.includes('..'));
  // In the registry's order, so the page (the other editions' yardstick) is reported first.
  const rank = (file: string) => {
    const index = CHECKERS.findIndex((checker) => checker.accepts(file));
    return index < 0 ? CHECKERS.length : index;
  };
  const files = outputs.map(([role, file]) => ({ role, file: path.join(folder, file) })).sort((a, b) => rank(a.file) - rank(b.file));
  const page = files.find((f) => f.role === 'html')?.file ?? (existsSync(path.join(folder, 'index.html')) ? path.join(folder, 'index.html') : undefined);
  return { target: folder, kind: 'article', files, manifest, page };
}

async function fileTarget(file: string): Promise<Target> {
  if (!checkerFor(file)) throw new CheckUsageError(`${file}: not a file check knows (.html, .pdf or .mp3, or a built article's folder)`);
  const folder = path.dirname(file);
  const manifest = await readManifest(folder);
  const role = Object.entries(manifest?.outputs ?? {}).find(([, name]) => path.join(folder, name) === path.normalize(file))?.[0];
  const beside = path.join(folder, manifest?.outputs?.html ?? 'index.html');
  const page = /\.html?$/iu.test(file) ? file : existsSync(beside) ? beside : undefined;
  return { target: file, kind: 'file', files: [{ file, role }], page };
}

/** The targets named by the command line: folders of built articles (or folders of them) and single files. */
export async function resolveTargets(paths: string[]): Promise<Target[]> {
  if (!paths.length) throw new CheckUsageError('check needs at least one path: a built article folder or a .pdf, .html or .mp3 file');
  const targets: Target[] = [];
  for (const given of paths) {
    if (!existsSync(given)) throw new CheckUsageError(`${given}: no such file or folder`);
    if (!statSync(given).isDirectory()) {
      targets.push(await fileTarget(given));
      continue;
    }
    const manifest = await readManifest(given);
    if (manifest) {
      targets.push(await articleTarget(given, manifest));
      continue;
    }
    const inside = (await readdir(given, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => path.join(given, entry.name)).sort();
    const articles = [];
    for (const folder of inside) {
      const found = await readManifest(folder);
      if (found) articles.push(await articleTarget(folder, found));
    }
    if (!articles.length) throw new CheckUsageError(`${given}: no built article here (no manifest.json in it or in its folders)`);
    targets.push(...articles);
  }
  return targets;
}
