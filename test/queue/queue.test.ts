import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { Queue, QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionFor, QUEUE } from '../../src/queue/redis.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/fixtures.js';
import { ARTICLES, queuedBuild, startRedis, startWorker, type WorkerProcess } from './helpers.js';

let redis: Awaited<ReturnType<typeof startRedis>>;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  redis = await startRedis();
});

afterAll(async () => {
  for (const worker of workers) if (worker.child.exitCode === null) worker.child.kill('SIGKILL');
  await redis?.stop();
});

function workspace(articles = ARTICLES): string {
  const work = tempDir('broadside-queue-');
  mkdirSync(path.join(work, 'content'));
  for (const [name, text] of Object.entries(articles)) writeFileSync(path.join(work, 'content', name), text);
  return work;
}

function worker(cwd: string, extra: string[] = []): WorkerProcess {
  const started = startWorker(redis.url, cwd, extra);
  workers.push(started);
  return started;
}

async function stop(started: WorkerProcess): Promise<number | null> {
  if (started.child.exitCode === null) started.child.kill('SIGTERM');
  return started.exited;
}

/** Files a build left half-written: writeFileAtomic's temporaries. */
function temporaries(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true }).filter((entry) => entry.name.endsWith('.tmp')).map((entry) => entry.name);
}

const duration = (file: string) => Number(execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file], { encoding: 'utf8' }));
const pdfText = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

describe('worker mode on a real Redis', () => {
  it('two worker processes build a folder of articles to the same outputs as a local build', async () => {
    const work = workspace();
    const local = runCli(['build', 'content', '--out', 'local', '--json', '--quiet'], { cwd: work });
    expect(local.status).toBe(0);
    const a = worker(work);
    const b = worker(work);
    const queued = await queuedBuild(redis.url, work, ['content', '--out', 'queued']);
    expect(queued.status, queued.stderr).toBe(0);
    expect(queued.report.articles.map((x: { ok: boolean }) => x.ok)).toEqual([true, true]);
    for (const name of ['garden', 'hours']) {
      const manifest = (root: string) => JSON.parse(readFileSync(path.join(work, root, name, 'manifest.json'), 'utf8'));
      expect(manifest('queued')).toEqual(manifest('local'));
      const file = (root: string, f: string) => path.join(work, root, name, f);
      expect(readFileSync(file('queued', `${name}.vtt`), 'utf8')).toBe(readFileSync(file('local', `${name}.vtt`), 'utf8'));
      expect(duration(file('queued', `${name}.mp3`))).toBe(duration(file('local', `${name}.mp3`)));
      expect(pdfText(file('queued', `${name}.pdf`))).toBe(pdfText(file('local', `${name}.pdf`)));
      expect(pdfText(file('queued', `${name}-large-print.pdf`))).toBe(pdfText(file('local', `${name}-large-print.pdf`)));
      // The page, built by whichever worker, plays the narration another one made.
      expect(readFileSync(file('queued', 'index.html'), 'utf8')).toContain(`${name}.vtt`);
    }
    // Both workers took jobs.
    expect(a.log()).toMatch(/built \w+ of/);
    expect(b.log()).toMatch(/built \w+ of/);
    expect(await stop(a)).toBe(0);
    expect(await stop(b)).toBe(0);
  });

  it('a worker killed with -9 mid-job leaves no partial output, and the job completes on another', async () => {
    const work = workspace({ 'hours.md': ARTICLES['hours.md']! });
    // A short lock, so that the dead worker's job is noticed within seconds rather than half a minute.
    const first = worker(work, ['--lock-ms', '3000']);
    const build = queuedBuild(redis.url, work, ['content', '--out', 'out', '--formats', 'audio']);
    await first.waitFor('started audio');
    first.child.kill('SIGKILL');
    await first.exited;
    const second = worker(work, ['--lock-ms', '3000']);
    const done = await build;
    expect(done.status, done.stderr).toBe(0);
    expect(second.log()).toContain('built audio of content/hours.md');
    const folder = path.join(work, 'out', 'hours');
    expect(temporaries(path.join(work, 'out'))).toEqual([]);
    expect(duration(path.join(folder, 'hours.mp3'))).toBeGreaterThan(3);
    expect(await stop(second)).toBe(0);
  });

  it('drains on SIGTERM: the job under way finishes, then the worker exits', async () => {
    const work = workspace({ 'hours.md': ARTICLES['hours.md']! });
    const started = worker(work);
    const build = queuedBuild(redis.url, work, ['content', '--out', 'out', '--formats', 'audio']);
    await started.waitFor('started audio');
    started.child.kill('SIGTERM');
    expect(await started.exited).toBe(0);
    expect(started.log()).toContain('built audio of content/hours.md');
    const done = await build;
    expect(done.status, done.stderr).toBe(0);
  });

  it('reports a job that failed three times with its error', async () => {
    const work = workspace({ 'broken.md': '' });
    writeFileSync(path.join(work, 'content', 'broken.md'), Buffer.from([0x66, 0xff, 0xfe, 0x0a]));
    const started = worker(work);
    const done = await queuedBuild(redis.url, work, ['content', '--out', 'out', '--formats', 'html']);
    expect(done.status).toBe(1);
    expect(done.report.articles[0].error).toMatch(/^content\/broken\.md: .*invalid UTF-8/);
    expect(started.log().match(/✗ content\/broken\.md/g)).toHaveLength(3);
    await stop(started);
  });

  it('refuses a hostile job at once, without retrying it', async () => {
    const work = workspace({});
    const started = worker(work);
    const connection = connectionFor(redis.url, () => undefined);
    const queue = new Queue(QUEUE, { connection });
    const events = new QueueEvents(QUEUE, { connection });
    await events.waitUntilReady();
    const hostile = [
      { version: 1, article: { path: '../../etc/passwd', text: '' }, edition: 'html', out: 'out', options: {} },
      { version: 1, article: { path: 'a.md', text: '' }, edition: 'html', out: '/tmp/elsewhere', options: {} },
      { version: 1, article: { path: 'a.md', text: '' }, edition: 'html', out: 'out', options: { browserPath: '/bin/sh' } },
      { version: 1, article: { path: 'a.md', text: '' }, edition: 'sh -c reboot', out: 'out', options: {} },
    ];
    try {
      for (const [i, data] of hostile.entries()) {
        const job = await queue.add('html', data, { jobId: `hostile-${i}-${Date.now()}`, attempts: 3 });
        await expect(job.waitUntilFinished(events)).rejects.toThrow(/refused a queued job/);
        expect((await queue.getJob(job.id!))!.attemptsMade).toBe(1);
      }
      expect(readdirSync(work)).toEqual(['content']);
    } finally {
      await events.close();
      await queue.close();
      await stop(started);
    }
  });

  it('ends with a clear error and no corrupt output when Redis stops mid-run', async () => {
    const own = await startRedis();
    const work = workspace({ 'hours.md': ARTICLES['hours.md']! });
    const started = startWorker(own.url, work);
    workers.push(started);
    const build = queuedBuild(own.url, work, ['content', '--out', 'out', '--formats', 'audio']);
    await started.waitFor('started audio');
    await own.stop();
    const done = await build;
    expect(done.status).toBe(1);
    expect(done.stderr).toMatch(/lost the connection to Redis at 127\.0\.0\.1:\d+/);
    expect(await started.exited).toBe(1);
    expect(started.log()).toMatch(/lost the connection to Redis/);
    // Whatever was written is whole: no temporaries, and an MP3 there is a complete one.
    const out = path.join(work, 'out');
    if (existsSync(out)) expect(temporaries(out)).toEqual([]);
    const mp3 = path.join(out, 'hours', 'hours.mp3');
    if (existsSync(mp3)) expect(duration(mp3)).toBeGreaterThan(3);
  });
});
