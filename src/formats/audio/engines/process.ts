import { spawn } from 'node:child_process';

export interface RunResult {
  stdout: Buffer;
  stderr: string;
}

/**
 * Runs a program to completion, collecting its output. The child is killed
 * when the signal aborts, so no process outlives a cancelled build.
 */
export function run(command: string, args: string[], options: { input?: string | Buffer; signal?: AbortSignal } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    options.signal?.throwIfAborted();
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], signal: options.signal, killSignal: 'SIGKILL' });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.stdin.on('error', () => undefined);
    child.on('error', reject);
    child.on('close', (code) => {
      const err = Buffer.concat(stderr).toString('utf8');
      if (code === 0) resolve({ stdout: Buffer.concat(stdout), stderr: err });
      else reject(new Error(`${command} exited with code ${code}: ${err.trim().split('\n').pop() ?? ''}`));
    });
    child.stdin.end(options.input ?? '');
  });
}

/** Whether a program can be started at all (it is on PATH). */
export async function hasProgram(command: string, args: string[] = ['--version']): Promise<boolean> {
  try {
    await run(command, args);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ENOENT' && !String(error).includes('ENOENT');
  }
}
