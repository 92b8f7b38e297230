import { hostname } from 'node:os';
import { access, open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const LOCK_FILE = '.broadside.lock';

interface LockOwner {
  pid: number;
  host: string;
  started: string;
}

/** The owner recorded in a lock file, or undefined when it cannot be read (being written, or garbage). */
async function readOwner(file: string): Promise<LockOwner | undefined> {
  try {
    const owner = JSON.parse(await readFile(file, 'utf8')) as Partial<LockOwner>;
    return typeof owner.pid === 'number' && typeof owner.host === 'string' ? (owner as LockOwner) : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface FolderLock {
  release(): Promise<void>;
}

/**
 * Take the lock of one article's output folder, waiting while another build
 * (in this process or another) holds it. Two builds into the same folder then
 * run one after the other instead of mixing their cache and manifest.
 *
 * A lock left by a build that died (its process is gone) is taken over. The
 * file is created with O_EXCL, so exactly one waiter wins.
 */
export async function lockFolder(folder: string, signal: AbortSignal, onWait?: (owner: LockOwner | undefined) => void): Promise<FolderLock> {
  const file = path.join(folder, LOCK_FILE);
  const me: LockOwner = { pid: process.pid, host: hostname(), started: new Date().toISOString() };
  let told = false;
  let unreadable = 0;
  for (;;) {
    signal.throwIfAborted();
    try {
      const handle = await open(file, 'wx');
      try {
        await handle.writeFile(JSON.stringify(me));
      } finally {
        await handle.close();
      }
      return { release: () => rm(file, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = await readOwner(file);
    unreadable = owner ? 0 : unreadable + 1;
    // Only a lock of this machine can be checked; an unreadable one gets a few seconds to be written.
    const stale = owner ? owner.host === me.host && !alive(owner.pid) : unreadable > 25;
    if (stale) {
      await rm(file, { force: true });
      continue;
    }
    if (!told) onWait?.(owner);
    told = true;
    await sleep(200, undefined, { signal });
  }
}

/**
 * Whether a build that is still running holds this folder's lock. A lock
 * whose owner is gone does not count; one that cannot be read, or was taken
 * on another machine, does.
 */
export async function folderLockedByLiveBuild(folder: string): Promise<boolean> {
  const file = path.join(folder, LOCK_FILE);
  const owner = await readOwner(file);
  if (owner) return owner.host !== hostname() || alive(owner.pid);
  // Unreadable: being written this instant, or garbage. Either way, count it.
  return access(file).then(
    () => true,
    () => false,
  );
}
