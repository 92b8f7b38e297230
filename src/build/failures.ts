import type { FormatId } from './types.js';

/** Whether `count` moves past `before` within a short grace period. */
export async function changed(count: () => number, before: number): Promise<boolean> {
  for (let i = 0; i < 20 && count() === before; i++) await new Promise((resolve) => setTimeout(resolve, 50));
  return count() !== before;
}

/** The message of anything thrown: Puppeteer sometimes rejects with plain objects. */
function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (error && typeof error === 'object' && 'message' in error) return String((error as { message: unknown }).message);
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}

/** The browser went away under an edition: say so, rather than relay Puppeteer's protocol error. */
export class BrowserDiedError extends Error {
  constructor(cause: unknown) {
    const detail = messageOf(cause).split('\n')[0];
    super(`the browser quit unexpectedly (it crashed or was killed) while rendering, so the print edition was not finished [${detail}]`, { cause });
    this.name = 'BrowserDiedError';
  }
}

export class EditionError extends Error {
  constructor(
    readonly format: FormatId,
    override readonly cause: unknown,
  ) {
    super(messageOf(cause));
  }
}

export function oneLineError(source: string, error: unknown): string {
  const format = error instanceof EditionError ? error.format : undefined;
  const line = messageOf(error).split('\n')[0];
  if (line.startsWith(source)) return line;
  return `${source}: ${format ? `${format} edition: ` : ''}${line}`;
}
