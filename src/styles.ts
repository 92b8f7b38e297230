import { fileURLToPath } from 'node:url';

/** Absolute path of a stylesheet (or other asset) in the package's styles/ folder. */
export function stylePath(name: string): string {
  return fileURLToPath(new URL(`../styles/${name}`, import.meta.url));
}
