import type { Point, Position } from 'unist';
import { VFile } from 'vfile';

type VFileMessage = ReturnType<VFile['message']>;

/**
 * A problem the build met, as plain data (a vfile message's fields): it goes
 * into the result, the --json report, the build cache and queue jobs, and the
 * CLI prints it with vfile-reporter. Every one has a rule id (docs/building.md
 * lists them) and, where there is one, a place in the article's source.
 */
export interface BuildMessage {
  /** The article (its source as given) or, for a run's housekeeping, the output folder. */
  file: string;
  reason: string;
  ruleId: string;
  /** Always 'broadside'. */
  source: string;
  /** Where in the file, when the problem has a place there. */
  line?: number;
  column?: number;
}

/** A vfile message's fields as a BuildMessage. */
export function fromVFileMessage(file: string, message: VFileMessage): BuildMessage {
  return {
    file,
    reason: message.reason,
    ruleId: message.ruleId ?? 'unnamed',
    source: message.source ?? 'broadside',
    ...(message.line === undefined ? {} : { line: message.line, column: message.column ?? 1 }),
  };
}

/** A warning with a rule id, at `place` in `file` when it has one. */
export function buildMessage(file: string, reason: string, ruleId: string, place?: Point | Position): BuildMessage {
  // Call sites written before rule ids began their text with the article's name; it is the message's file now.
  const own = reason.startsWith(`${file}: `) ? reason.slice(file.length + 2) : reason;
  return fromVFileMessage(file, new VFile({ path: file }).message(own, { place, ruleId, source: 'broadside' }));
}

/** The message as one line, as `warnings` and the plain log have it. */
export function messageLine(message: BuildMessage): string {
  if (message.line === undefined) return `${message.file}: ${message.reason}`;
  return `${message.file}:${message.line}:${message.column ?? 1}: warning: ${message.reason}`;
}
