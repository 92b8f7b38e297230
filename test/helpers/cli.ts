import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './fixtures.js';

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Run the real CLI (the compiled dist/, as `npx broadside` would). `npm test` compiles first. */
export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): CliRun {
  const bin = path.join(ROOT, 'bin', 'broadside.js');
  if (!existsSync(path.join(ROOT, 'dist', 'cli.js'))) throw new Error('dist/ is missing: run `npm test` (it compiles first) or `npm run build`');
  const run = spawnSync(process.execPath, [bin, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    encoding: 'utf8',
    timeout: 600_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}
