import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import path from 'node:path';
import { ROOT, tempDir } from '../helpers/fixtures.js';

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A real redis-server of the test's own, on a free loopback port, keeping nothing on disk. */
export async function startRedis(): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const dir = tempDir('broadside-redis-');
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let said = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      said += chunk.toString();
      if (said.includes('Ready to accept connections')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${said}`)));
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGKILL');
      await once(child, 'exit');
    },
  };
}

export interface WorkerProcess {
  child: ChildProcess;
  log: () => string;
  /** Resolves when the worker's log shows `text`. */
  waitFor: (text: string) => Promise<void>;
  exited: Promise<number | null>;
}

/** `broadside worker` as a process of its own, in `cwd` (its input and output root). */
export function startWorker(url: string, cwd: string, extra: string[] = []): WorkerProcess {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'broadside.js'), 'worker', '--redis', url, ...extra], { cwd, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  let said = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  child.stderr!.on('data', (chunk: Buffer) => {
    said += chunk.toString();
    for (const waiter of waiters.filter((w) => said.includes(w.text))) waiter.resolve();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    log: () => said,
    waitFor: (text) => (said.includes(text) ? Promise.resolve() : new Promise((resolve) => waiters.push({ text, resolve }))),
    exited,
  };
}

/** `broadside build … --queue URL --json`, as a process, in `cwd`. */
export function queuedBuild(url: string, cwd: string, args: string[]): Promise<{ status: number | null; report: any; stderr: string }> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'broadside.js'), 'build', ...args, '--queue', url, '--json'], { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => {
    child.once('exit', (status) => {
      let report: unknown;
      try {
        report = JSON.parse(stdout);
      } catch {
        report = undefined;
      }
      resolve({ status, report, stderr });
    });
  });
}

export const ARTICLES: Record<string, string> = {
  'hours.md': '---\ntitle: Opening Hours\nlang: en\n---\n\nThe library opens at nine on weekdays. Bring your card.\n\n## Late returns\n\nBooks returned late pay no fine this term.\n',
  'garden.md': '---\ntitle: The Community Garden\nauthor: Sam Reed\nlang: en\n---\n\nPlots are handed out in March. Each family may ask for one.\n\n## Water\n\nThe tap by the shed runs from April to October.\n',
};
