import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BUILT_IN = fileURLToPath(new URL('../styles/', import.meta.url));

/**
 * Absolute path of a stylesheet (or other asset) in styles/. A folder named by
 * BROADSIDE_STYLES is looked in first, so a house style can replace any of the
 * built-in sheets without touching the package.
 */
export function stylePath(name: string): string {
  const custom = process.env.BROADSIDE_STYLES;
  if (custom) {
    const candidate = path.resolve(custom, name);
    if (existsSync(candidate)) return candidate;
  }
  return path.join(BUILT_IN, name);
}
