import { readdirSync, readFileSync } from 'node:fs';

/** Environment variable that marks every process started by a test run (inherited by Chromium, TTS engines, ffmpeg). */
export const MARKER_VARIABLE = 'BROADSIDE_TEST_MARKER';

export interface ProcessInfo {
  pid: number;
  ppid: number;
  /** Single-letter state from /proc/PID/stat: R, S, D, Z (zombie), T (stopped)… */
  state: string;
  command: string;
}

function info(pid: number): ProcessInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command sits in parentheses and may itself hold spaces or parentheses.
    const close = stat.lastIndexOf(')');
    const command = stat.slice(stat.indexOf('(') + 1, close);
    const [state, ppid] = stat.slice(close + 2).split(' ');
    return { pid, ppid: Number(ppid), state: state!, command };
  } catch {
    return undefined;
  }
}

function pids(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

/** Every live process whose environment holds `MARKER_VARIABLE=marker`: that is, started under it. */
export function processesMarked(marker: string): ProcessInfo[] {
  const needle = `${MARKER_VARIABLE}=${marker}\0`;
  const found: ProcessInfo[] = [];
  for (const pid of pids()) {
    if (pid === process.pid) continue;
    let environ: string;
    try {
      environ = readFileSync(`/proc/${pid}/environ`, 'utf8');
    } catch {
      continue;
    }
    if (!`${environ}\0`.includes(needle)) continue;
    const process_ = info(pid);
    if (process_) found.push(process_);
  }
  return found;
}

/** The processes below `root` in the process tree (children, their children, …). */
export function descendants(root: number): ProcessInfo[] {
  const all = pids().map(info).filter((p): p is ProcessInfo => p !== undefined);
  const below: ProcessInfo[] = [];
  let frontier = [root];
  while (frontier.length) {
    const children = all.filter((p) => frontier.includes(p.ppid));
    below.push(...children);
    frontier = children.map((p) => p.pid);
  }
  return below;
}

/** Browser and speech-engine processes, by their command name. */
export const ENGINE_COMMAND = /chrom|espeak|festival|text2wave|flite|ffmpeg|sox/i;
