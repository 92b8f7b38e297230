import type { ConnectionOptions } from 'bullmq';

/** The queue's name in Redis. */
export const QUEUE = 'broadside';

/** How long a lost Redis connection is retried before the build or the worker gives up. */
const GIVE_UP_MS = 10_000;

/** Redis went away and did not come back: the queue cannot go on. */
export class RedisLostError extends Error {
  constructor(host: string) {
    super(`lost the connection to Redis at ${host} and could not get it back within ${GIVE_UP_MS / 1000} s`);
    this.name = 'RedisLostError';
  }
}

/**
 * Connection options for BullMQ from a `redis://` or `rediss://` address.
 * A dropped connection is retried for a few seconds, then `onGiveUp` is told,
 * so that a stopped Redis ends the run with a clear error instead of a hang.
 */
export function connectionFor(url: string, onGiveUp: (error: Error) => void): ConnectionOptions {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`"${url}" is not a Redis address (expected redis://host:port)`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') throw new Error(`"${url}" is not a Redis address (expected redis://host:port)`);
  const waitMs = 500;
  return {
    host: parsed.hostname.replace(/^\[|\]$/g, ''),
    port: Number(parsed.port || 6379),
    username: decodeURIComponent(parsed.username) || undefined,
    password: decodeURIComponent(parsed.password) || undefined,
    db: Number(parsed.pathname.slice(1) || 0),
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
    // BullMQ's blocking commands need this.
    maxRetriesPerRequest: null,
    // `times` counts the attempts since the connection was last up.
    retryStrategy: (times: number) => {
      if (times * waitMs > GIVE_UP_MS) {
        onGiveUp(new RedisLostError(parsed.host));
        return null;
      }
      return waitMs;
    },
  };
}
