import { randomUUID } from 'node:crypto';
import { ENGINE_COMMAND, MARKER_VARIABLE, processesMarked } from './processes.js';

/**
 * Marks every process the test run starts (test workers inherit the variable,
 * and so do the browsers and speech engines they start), then, after the
 * whole suite, fails the run if any Chromium or TTS process is still there.
 * The marker scopes the check to this run, so other builds on the machine do
 * not count.
 */
export default function setup(): () => Promise<void> {
  const marker = randomUUID();
  process.env[MARKER_VARIABLE] = marker;
  return async () => {
    // Give processes killed at the very end of the last test a moment to be reaped.
    let left = processesMarked(marker).filter((p) => ENGINE_COMMAND.test(p.command));
    for (let attempt = 0; left.length && attempt < 20; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      left = processesMarked(marker).filter((p) => ENGINE_COMMAND.test(p.command));
    }
    if (!left.length) return;
    const list = left.map((p) => `${p.pid} ${p.command} (${p.state})`).join(', ');
    for (const p of left) {
      try {
        process.kill(p.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    // Vitest prints an error thrown here but still exits 0, so fail the run ourselves.
    process.stderr.write(`\nFAIL: browser or speech-engine processes were left running after the test suite: ${list}\n`);
    process.exit(1);
  };
}
