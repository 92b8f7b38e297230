import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const SEED = path.join(ROOT, 'content', 'is-khorasan.txt');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures');

export function tempDir(prefix = 'broadside-test-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}
