import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** Where liblouis looks for tables: LOUIS_TABLEPATH when set (its first folder), else Debian's. */
export function tablesFolder(): string {
  return process.env.LOUIS_TABLEPATH?.split(/[,:]/).find(Boolean) ?? '/usr/share/liblouis/tables';
}

export function hasTable(table: string): boolean {
  return existsSync(path.join(tablesFolder(), table));
}

export interface TranslateOptions {
  /** Forward (print to braille) or backward (braille to print). */
  direction: 'forward' | 'backward';
  signal?: AbortSignal;
  /** The child is killed when it takes longer. */
  timeoutMs: number;
  /** Refuse input larger than this many bytes (UTF-8). */
  maxInputBytes: number;
}

/** Unicode braille in and out, whatever display table the language's table brings. */
const DISPLAY = 'unicode.dis';

/**
 * Translates lines with `lou_translate`, one process for all of them: the
 * text goes on stdin (never the command line), each line is translated on
 * its own and comes back as one line of Unicode braille (forward) or print
 * (backward). The child is killed on abort and on timeout, and its output is
 * bounded, so a wedged or runaway translator cannot hang or fill the build.
 */
export function louTranslate(table: string, lines: string[], options: TranslateOptions): Promise<string[]> {
  if (!lines.length) return Promise.resolve([]);
  if (lines.some((line) => /[\n\r]/.test(line))) return Promise.reject(new Error('braille: a line to translate holds a line break'));
  const input = Buffer.from(`${lines.join('\n')}\n`, 'utf8');
  if (input.length > options.maxInputBytes) {
    return Promise.reject(new Error(`braille: ${input.length} bytes to translate, over the limit of ${options.maxInputBytes}`));
  }
  // Forward translation rarely grows text; an undefined character becomes an 8-cell escape of 3 bytes each.
  const maxOutput = input.length * 24 + 65_536;
  return new Promise((resolve, reject) => {
    options.signal?.throwIfAborted();
    const child = spawn('lou_translate', [`--${options.direction}`, `${DISPLAY},${table}`], { stdio: ['pipe', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    let outBytes = 0;
    let stderr = '';
    let failure: Error | undefined;
    const stop = (error: Error) => {
      failure ??= error;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => stop(new Error(`braille: liblouis took longer than ${options.timeoutMs} ms and was stopped`)), options.timeoutMs);
    const onAbort = () => stop(options.signal?.reason instanceof Error ? options.signal.reason : new Error('braille: translation aborted'));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (chunk: Buffer) => {
      outBytes += chunk.length;
      if (outBytes > maxOutput) return stop(new Error(`braille: liblouis wrote more than ${maxOutput} bytes for ${input.length} bytes of text and was stopped`));
      stdout.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 8192) stderr += chunk.toString('utf8');
    });
    child.stdin.on('error', () => undefined);
    child.on('error', (error: NodeJS.ErrnoException) => {
      stop(error.code === 'ENOENT' ? new Error('braille: lou_translate is not installed (Debian: apt-get install liblouis-bin liblouis-data; see scripts/setup.sh)') : error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (failure) return reject(failure);
      // lou_translate exits 0 even when the table does not compile: its message is the only sign.
      const problem = /could not be compiled|Cannot resolve table/.exec(stderr);
      if (code !== 0 || problem) return reject(new Error(`braille: liblouis failed with ${table}: ${lastLine(stderr) || `exit code ${code}`}`));
      const out = Buffer.concat(stdout).toString('utf8').replace(/\n$/, '').split('\n');
      if (out.length !== lines.length) return reject(new Error(`braille: liblouis returned ${out.length} lines for ${lines.length}`));
      resolve(out);
    });
    child.stdin.end(input);
  });
}

function lastLine(text: string): string {
  return text.trim().split('\n').filter((line) => !/deprecated|warnings? issued/.test(line)).pop() ?? '';
}
