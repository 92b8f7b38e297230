import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

/**
 * Call `onChange` (debounced) when any of `files` changes. Watches their
 * folders rather than the files, because editors replace a file on save and a
 * watch on the old inode would go quiet.
 */
export function watchFiles(files: string[], onChange: (file: string) => void, debounceMs = 150): () => void {
  const wanted = new Set(files.map((file) => path.resolve(file)));
  const folders = new Set([...wanted].map((file) => path.dirname(file)));
  let timer: NodeJS.Timeout | undefined;
  let last = '';
  const watchers: FSWatcher[] = [];
  for (const folder of folders) {
    try {
      watchers.push(
        watch(folder, (_event, name) => {
          if (!name) return;
          const file = path.join(folder, name.toString());
          if (!wanted.has(file)) return;
          last = file;
          clearTimeout(timer);
          timer = setTimeout(() => onChange(last), debounceMs);
        }),
      );
    } catch {
      // A folder that vanished cannot be watched; the rest still are.
    }
  }
  return () => {
    clearTimeout(timer);
    for (const watcher of watchers) watcher.close();
  };
}
