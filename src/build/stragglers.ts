import { readdirSync, readFileSync } from 'node:fs';

/**
 * Kill what is left of a browser that had to be killed: Chromium's crash
 * handler runs in its own session, outside the browser's process group, and
 * can outlive a killed browser. Its command line names the browser's profile
 * folder, which is unique to this launch. Linux only (reads /proc); elsewhere
 * it does nothing.
 */
export function killStragglers(spawnArgs: readonly string[]): void {
  const profile = spawnArgs.find((arg) => arg.startsWith('--user-data-dir='))?.slice('--user-data-dir='.length);
  if (!profile || process.platform !== 'linux') return;
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return;
  }
  for (const pid of pids) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(profile)) process.kill(Number(pid), 'SIGKILL');
    } catch {
      // Gone already, or not ours to read.
    }
  }
}
