import { execFile } from 'node:child_process';

/** A command-line tool's result; never throws for a non-zero exit, so the check can say what the tool said. */
export interface ToolRun {
  ok: boolean;
  stdout: string;
  stderr: string;
}

/** Run an independent reader (pdfinfo, pdffonts, ffprobe, ffmpeg …) and collect its output. */
export function tool(command: string, args: string[], signal?: AbortSignal): Promise<ToolRun> {
  return new Promise((resolve) => {
    execFile(command, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, signal }, (error, stdout, stderr) => {
      const missing = (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
      resolve({ ok: !error, stdout: String(stdout ?? ''), stderr: missing ? `${command} is not installed` : String(stderr ?? error?.message ?? '') });
    });
  });
}

/** The first line of a tool's complaint, for a one-line summary. */
export function firstLine(text: string): string {
  return text.split('\n').find((line) => line.trim())?.trim() ?? 'no output';
}
