import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

const PROBLEMS: Record<string, string> = {
  ENOSPC: 'no space left on the device (the output folder is full)',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the output folder is on a read-only file system',
  EACCES: 'permission denied (the output folder is not writable)',
  EPERM: 'operation not permitted (the output folder is read-only or immutable)',
  ENOTDIR: 'a file stands where a folder is needed',
  EEXIST: 'a file stands where a folder is needed',
  EISDIR: 'a folder stands where the file should go',
  ENAMETOOLONG: 'the name is too long for this file system',
  EMFILE: 'too many open files',
};

/** A file or folder of the output could not be written; the message says which, and why, in one line. */
export class OutputError extends Error {
  constructor(
    readonly target: string,
    readonly code: string | undefined,
    cause: unknown,
  ) {
    const problem = (code && PROBLEMS[code]) ?? (cause instanceof Error ? cause.message.split('\n')[0] : String(cause));
    super(`cannot write ${target}: ${problem}`, { cause });
    this.name = 'OutputError';
  }
}

function outputError(target: string, error: unknown): OutputError {
  if (error instanceof OutputError) return error;
  return new OutputError(target, (error as NodeJS.ErrnoException).code, error);
}

/** Create an output folder (and its parents), with a clear error when the output cannot take it. */
export async function makeOutputFolder(folder: string): Promise<void> {
  try {
    await mkdir(folder, { recursive: true });
  } catch (error) {
    // A recursive mkdir on a read-only mount reports ENOENT; asking the parent gives the real reason.
    const parent = path.dirname(folder);
    const reason = await access(parent, constants.W_OK).then(() => error, (denied: unknown) => ((denied as NodeJS.ErrnoException).code === 'ENOENT' ? error : denied));
    throw outputError(folder, reason);
  }
}

/**
 * Write a file so that readers see either the old content or the new, never a
 * half-written one: write a temporary sibling, then rename it into place. A
 * failure (a full disk half-way) removes the temporary file and leaves the old
 * one as it was.
 */
export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  await makeOutputFolder(path.dirname(target));
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, data);
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw outputError(target, error);
  }
}

/** The name writeFileAtomic gives its temporary files. */
const TEMPORARY = /^\..+\.\d+\.[0-9a-f]{8}\.tmp$/;

/**
 * Remove the temporary files a build that was killed mid-write (kill -9, a
 * lost machine) left in `folder`. Call it only while holding the folder's
 * lock: then nobody else is writing there, and every such file is debris.
 */
export async function sweepTemporaries(folder: string): Promise<void> {
  const names = await readdir(folder).catch(() => [] as string[]);
  await Promise.all(names.filter((name) => TEMPORARY.test(name)).map((name) => rm(path.join(folder, name), { force: true })));
}
