import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const HOSTILE_FIXTURES = path.join(ROOT, 'test', 'fixtures', 'hostile');

export function tempDir(prefix = 'broadside-hostile-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

function tool(command: string, args: string[]): string {
  const run = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${run.stderr}`);
  return run.stdout;
}

/** The text of a PDF, by poppler's pdftotext (an independent reader). */
export function pdfText(file: string): string {
  return tool('pdftotext', ['-enc', 'UTF-8', file, '-']);
}

/** pdfinfo's fields (Pages, Tagged, Title…). */
export function pdfInfo(file: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of tool('pdfinfo', [file]).split('\n')) {
    const at = line.indexOf(':');
    if (at > 0) fields[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return fields;
}

/** Duration in seconds and codec of an audio file, by ffprobe. */
export function audioInfo(file: string): { duration: number; codec: string } {
  const json = JSON.parse(tool('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file])) as {
    format: { duration: string };
    streams: { codec_name: string }[];
  };
  return { duration: Number(json.format.duration), codec: json.streams[0]!.codec_name };
}

/** Every file and folder under `dir`, relative, sorted. */
export function listTree(dir: string): string[] {
  const out: string[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const full = path.join(folder, name);
      out.push(path.relative(dir, full));
      if (statSync(full).isDirectory()) walk(full);
    }
  };
  walk(dir);
  return out.sort();
}

export function parseHtml(html: string): Root {
  return fromHtml(html);
}

export function elements(tree: Root, predicate: (node: Element) => boolean = () => true): Element[] {
  const found: Element[] = [];
  visit(tree, 'element', (node) => {
    if (predicate(node)) found.push(node);
  });
  return found;
}

export interface CliProcess {
  pid: number;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
  kill(signal: NodeJS.Signals): void;
  /** Resolves once stderr has printed something matching `pattern`. */
  waitFor(pattern: RegExp): Promise<void>;
}

/** Start the real CLI (compiled dist/) as a separate process, for signals and concurrent runs. */
export function startCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): CliProcess {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'broadside.js'), ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const watchers: { pattern: RegExp; resolve: () => void }[] = [];
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
    for (const watcher of watchers.splice(0)) {
      if (watcher.pattern.test(stderr)) watcher.resolve();
      else watchers.push(watcher);
    }
  });
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return {
    pid: child.pid!,
    done,
    kill: (signal) => child.kill(signal),
    waitFor: (pattern) =>
      new Promise<void>((resolve, reject) => {
        if (pattern.test(stderr)) return resolve();
        watchers.push({ pattern, resolve });
        void done.then(() => reject(new Error(`the CLI ended before printing ${pattern}: ${stderr}`)));
      }),
  };
}

/** Poll `check` until it returns true, or fail after `attempts` tries (a wait, not a timing assertion). */
export async function eventually(check: () => boolean, what: string, attempts = 100, everyMs = 100): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  throw new Error(`gave up waiting for ${what}`);
}

/** The text inside a hast node. */
export function textOf(node: Root | Element): string {
  let text = '';
  visit(node, 'text', (leaf) => {
    text += leaf.value;
  });
  return text;
}
