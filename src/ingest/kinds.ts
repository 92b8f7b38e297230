import path from 'node:path';
import type { InputKind } from '../document/types.js';
import { OPTION_DEFAULTS } from '../options/schema.js';

// Kept apart from the readers so that listing a folder (and the no-op rebuild) does not load them.
const KINDS: Record<string, InputKind> = {
  '.txt': 'txt',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.html': 'html',
  '.htm': 'html',
};

/** The extensions Broadside reads, for listing a folder and for error messages. */
export const INPUT_EXTENSIONS = Object.keys(KINDS);

export function inputKind(file: string): InputKind | undefined {
  return KINDS[path.extname(file).toLowerCase()];
}

/** The largest input read unless told otherwise, in bytes. */
export const DEFAULT_MAX_INPUT_BYTES = OPTION_DEFAULTS.maxInputBytes;
