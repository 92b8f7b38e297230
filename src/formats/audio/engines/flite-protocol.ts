import type { MessagePort } from 'node:worker_threads';

// What the flite pool (flite.ts) and its workers (flite-worker.ts) say to each other.

/** What a flite worker is started with. */
export interface FliteWorkerData {
  module: WebAssembly.Module;
  voice: string;
  /** Where rand() keeps its state (see flite-rand.ts), or null when unknown. */
  randState: number | null;
  /** Jobs arrive here; the worker reads them synchronously while flite waits for text. */
  port: MessagePort;
  /** Bumped by the pool after each message on `port`, so that the worker can sleep until there is one. */
  wake: Int32Array;
}

/** From the pool: a sentence to speak, or the end. */
export type FliteJob = { id: number; text: string } | { close: true };

/** To the pool: one sentence's samples, or why there are none. */
export type FliteResult = { id: number; samples: Float32Array; sampleRate: number } | { id: number; error: string };
