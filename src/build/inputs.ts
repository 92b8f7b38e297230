import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { inputKind } from '../ingest/kinds.js';

/**
 * Expand the inputs the user named: a folder stands for the articles directly
 * inside it (sorted by name); a file stands for itself, whatever its extension,
 * so that a wrong one gets a clear error later instead of being skipped silently.
 */
export async function expandInputs(inputs: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    let isFolder = false;
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
