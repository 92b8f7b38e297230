import { spawnSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { descendants, ENGINE_COMMAND, MARKER_VARIABLE, processesMarked, type ProcessInfo } from './processes.js';
import { eventually, pdfInfo, startCli, tempDir } from './tools.js';
import { runCli } from '../helpers/cli.js';

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/** An article long enough that laying it out takes a while, so a fault can strike mid-render. */
function longArticle(dir: string, name = 'long-read.md', sections = 150): string {
  const body = Array.from({ length: sections }, (_, i) => `## Part ${i + 1}\n\n${'The harbour council measured the wind across the bay again. '.repeat(12)}`).join('\n\n');
  const file = path.join(dir, name);
  writeFileSync(file, `# A long read\n\n${body}\n`);
  return file;
}

function ourChromium(): ProcessInfo[] {
  return descendants(process.pid).filter((p) => /chrom/i.test(p.command));
}

function leftovers(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.endsWith('.tmp') || name.endsWith('.pdf') || name === '.broadside.lock');
}

function digest(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

const canMount = spawnSync('sh', ['-c', 'd=$(mktemp -d) && mount -t tmpfs -o size=64k tmpfs "$d" && umount "$d"']).status === 0;

function withTmpfs<T>(options: string, run: (dir: string) => Promise<T>): Promise<T> {
  const dir = tempDir('broadside-tmpfs-');
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir]);
  if (mounted.status !== 0) throw new Error(`mount failed: ${mounted.stderr}`);
  return run(dir).finally(() => spawnSync('umount', [dir]));
}

describe('faults: the browser', () => {
  it('killed mid-render: a clear error, no partial PDF, no browser or zombie left', async () => {
    const dir = tempDir();
    const source = longArticle(dir);
    let killed: number | undefined;
    const result = await build({
      inputs: [source],
      outDir: path.join(dir, 'out'),
      formats: ['pdf'],
      onEvent: (event) => {
        if (event.type !== 'edition-start') return;
        // Kill the browser once it is laying the article out: a renderer for each print variant, besides the start page's.
        void eventually(() => ourChromium().filter((p) => cmdline(p.pid).includes('--type=renderer')).length >= 3, 'the renderers')
          .then(() => new Promise((resolve) => setTimeout(resolve, 1500)))
          .then(() => {
          const main = ourChromium().find((p) => p.ppid === process.pid)!;
          killed = main.pid;
          process.kill(main.pid, 'SIGKILL');
        });
      },
    });
    expect(killed).toBeDefined();
    const article = result.articles[0]!;
    expect(article.ok).toBe(false);
    expect(article.error).toMatch(new RegExp(`^${source.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: pdf edition: the browser quit unexpectedly \\(it crashed or was killed\\) while rendering`));
    expect(leftovers(article.outDir)).toEqual([]);
    // Node reaps its own child; the browser's helpers exit with it.
    await eventually(() => ourChromium().every((p) => p.state === 'Z') && !existsSync(`/proc/${killed}`), 'the killed browser to be gone');
    expect(ourChromium().filter((p) => p.ppid === process.pid)).toEqual([]);
  });

  it('hung mid-render: the render timeout ends it with a clear error and nothing is left running', async () => {
    const dir = tempDir();
    const source = longArticle(dir, 'frozen.md', 600);
    const stopped: number[] = [];
    const result = await build({
      inputs: [source],
      outDir: path.join(dir, 'out'),
      formats: ['pdf'],
      renderTimeoutMs: 5000,
      onEvent: (event) => {
        if (event.type !== 'edition-start') return;
        // Freeze the renderers: the browser is alive but the layout never finishes.
        // Once both print variants are laying out (a few seconds into a long layout, even on a busy machine), freeze every renderer: the browser lives, the layout never ends.
        void eventually(() => ourChromium().filter((p) => cmdline(p.pid).includes('--type=renderer')).length >= 3, 'the renderers')
          .then(() => new Promise((resolve) => setTimeout(resolve, 4000)))
          .then(() => {
            for (const p of ourChromium().filter((p) => cmdline(p.pid).includes('--type=renderer'))) {
              process.kill(p.pid, 'SIGSTOP');
              stopped.push(p.pid);
            }
          });
      },
    });
    expect(stopped.length).toBeGreaterThan(0);
    const article = result.articles[0]!;
    // Frozen during layout, the layout limit speaks; frozen later (tagging, printing), the edition's overall limit does.
    expect(article.error).toMatch(/pdf edition: (Paged\.js did not finish laying out the print edition within 5 s|the print edition did not finish rendering within 10 s) \(raise renderTimeoutMs/);
    expect(leftovers(article.outDir)).toEqual([]);
    // The frozen renderers themselves are gone, not left stopped.
    await eventually(() => stopped.every((pid) => !existsSync(`/proc/${pid}`) || readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ')), 'the frozen renderers to be killed');
    await eventually(() => ourChromium().every((p) => p.state === 'Z'), 'the browser to be closed');
    expect(ourChromium().filter((p) => p.ppid === process.pid)).toEqual([]);
  });

  it('the render timeout is a CLI flag with a clear message for a bad value', () => {
    const run = runCli(['build', longArticle(tempDir()), '--render-timeout-ms', '10']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--render-timeout-ms takes a whole number of at least 1000, not "10"');
  });
});

describe('faults: the speech engine', () => {
  it('fails on one sentence: the error names that sentence, and no audio is written', () => {
    const dir = tempDir();
    const bin = path.join(dir, 'bin');
    mkdirSync(bin);
    // The real espeak-ng, except that it fails on one word, as an engine does on input it cannot handle.
    writeFileSync(
      path.join(bin, 'espeak-ng'),
      '#!/bin/sh\ninput=$(cat)\ncase "$input" in *Kraken*) echo "espeak-ng: internal error" >&2; exit 3;; esac\nprintf "%s" "$input" | exec /usr/bin/espeak-ng "$@"\n',
    );
    chmodSync(path.join(bin, 'espeak-ng'), 0o755);
    const source = path.join(dir, 'sea-story.md');
    writeFileSync(source, '# A sea story\n\nThe harbour was calm that morning. Then the Kraken rose from the bay. Everyone ran.\n');
    const run = runCli(['build', source, '--formats', 'audio', '--voice', 'espeak-ng', '--out', path.join(dir, 'out')], {
      env: { PATH: `${bin}:${process.env.PATH}` },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      `✗ ${source}: audio edition: the speech engine failed (espeak-ng exited with code 3: espeak-ng: internal error) on the sentence "Then the Kraken rose from the bay." (sentence s-2)`,
    );
    expect(readdirSync(path.join(dir, 'out', 'sea-story')).filter((name) => /\.(mp3|vtt|tmp)$/.test(name))).toEqual([]);
  });

  it('takes longer than the synthesis timeout: the error names the sentence and the option, and the engine is stopped', async () => {
    const dir = tempDir();
    const source = path.join(dir, 'slow.md');
    writeFileSync(source, '# Slow speech\n\nThis sentence is spoken by festival, which takes longer than a millisecond to start.\n');
    const result = await build({ inputs: [source], outDir: path.join(dir, 'out'), formats: ['audio'], voice: 'festival', synthesisTimeoutMs: 1 });
    const article = result.articles[0]!;
    expect(article.error).toMatch(/audio edition: speech synthesis took longer than 1 ms \(raise --synthesis-timeout-ms or synthesisTimeoutMs\) on the sentence "Slow speech"/);
    await eventually(() => descendants(process.pid).every((p) => !ENGINE_COMMAND.test(p.command) || p.state === 'Z'), 'the engine to stop');
  });
});

describe('faults: the output folder', () => {
  it.skipIf(!canMount)('is full: a clear error naming the file, and no temporary file left', async () => {
    await withTmpfs('size=96k', async (out) => {
      const dir = tempDir();
      const source = longArticle(dir, 'full-disk.md', 40);
      const result = await build({ inputs: [source], outDir: out, formats: ['html', 'pdf'] });
      const article = result.articles[0]!;
      expect(article.error).toMatch(/^.*full-disk\.md: (html|pdf) edition: cannot write .*: no space left on the device \(the output folder is full\)$/);
      expect(readdirSync(path.join(out, 'full-disk')).filter((name) => name.endsWith('.tmp') || name === '.broadside.lock')).toEqual([]);
    });
  });

  it.skipIf(!canMount)('is read-only: a clear error', async () => {
    // As root, chmod does not stop writes; a read-only mount does.
    await withTmpfs('ro,size=64k', async (out) => {
      const source = longArticle(tempDir(), 'read-only.md', 2);
      const result = await build({ inputs: [source], outDir: out, formats: ['html'] });
      expect(result.articles[0]!.error).toBe(`${source}: cannot write ${path.join(out, 'read-only')}: the output folder is on a read-only file system`);
    });
  });

  it('is a file: a clear error, and the CLI exits non-zero', () => {
    const dir = tempDir();
    const notAFolder = path.join(dir, 'out');
    writeFileSync(notAFolder, 'I am a file');
    const source = longArticle(dir, 'blocked.md', 2);
    const run = runCli(['build', source, '--formats', 'html', '--out', notAFolder]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`✗ ${source}: cannot write ${path.join(notAFolder, 'blocked')}: a file stands where a folder is needed`);
  });
});

describe('faults: interruption and concurrency', () => {
  it('Ctrl-C during a build: exit 130, earlier outputs intact, no partial PDF, no browser left', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'out');
    const earlier = path.join(dir, 'earlier.md');
    writeFileSync(earlier, '# Earlier\n\nBuilt before the interruption.\n');
    const first = runCli(['build', earlier, '--formats', 'html,pdf', '--out', out]);
    expect(first.status).toBe(0);
    const before = Object.fromEntries(readdirSync(path.join(out, 'earlier')).map((name) => [name, digest(path.join(out, 'earlier', name))]));

    const marker = randomUUID();
    const cli = startCli(['build', longArticle(dir, 'interrupted.md', 600), '--formats', 'html,pdf', '--out', out, '--verbose'], { env: { [MARKER_VARIABLE]: marker } });
    // Interrupt while the browser lays the article out.
    await eventually(() => descendants(cli.pid).some((p) => cmdline(p.pid).includes('--type=renderer')), 'the browser to render', 1200);
    const browserProcesses = descendants(cli.pid).filter((p) => /chrom/i.test(p.command)).map((p) => p.pid);
    cli.kill('SIGINT');
    const { code, stderr } = await cli.done;
    expect(code).toBe(130);
    expect(stderr).toContain('broadside: interrupted (SIGINT); outputs finished before it are intact');
    const after = Object.fromEntries(readdirSync(path.join(out, 'earlier')).map((name) => [name, digest(path.join(out, 'earlier', name))]));
    expect(after).toEqual(before);
    expect(leftovers(path.join(out, 'interrupted'))).toEqual([]);
    await eventually(() => processesMarked(marker).length === 0, 'every process of the interrupted build to end');
    const stillAlive = (pid: number) => {
      try {
        return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
      } catch {
        return false;
      }
    };
    expect(browserProcesses.length).toBeGreaterThan(0);
    await eventually(() => !browserProcesses.some(stillAlive), 'the browser processes to end');
  });

  it('two builds into the same output at once: both succeed and neither corrupts the other', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'out');
    const source = longArticle(dir, 'shared.md', 20);
    const runs = [0, 1].map(() => startCli(['build', source, '--formats', 'html,pdf', '--out', out, '--force']));
    const results = await Promise.all(runs.map((run) => run.done));
    for (const result of results) {
      expect(result.stderr).toContain('1 built, 0 failed');
      expect(result.code).toBe(0);
    }
    const folder = path.join(out, 'shared');
    const manifest = JSON.parse(readFileSync(path.join(folder, 'manifest.json'), 'utf8')) as { outputs: Record<string, string> };
    expect(Object.keys(manifest.outputs).sort()).toEqual(['html', 'largePrintPdf', 'pdf']);
    for (const file of Object.values(manifest.outputs)) expect(existsSync(path.join(folder, file))).toBe(true);
    expect(pdfInfo(path.join(folder, manifest.outputs.pdf!)).Pages).toMatch(/^\d+$/);
    expect(pdfInfo(path.join(folder, manifest.outputs.largePrintPdf!)).Pages).toMatch(/^\d+$/);
    expect(readFileSync(path.join(folder, 'index.html'), 'utf8')).toMatch(/<\/html>$/);
    JSON.parse(readFileSync(path.join(folder, '.broadside-cache.json'), 'utf8'));
    expect(readdirSync(folder).filter((name) => name.endsWith('.tmp') || name === '.broadside.lock')).toEqual([]);
  });
});
