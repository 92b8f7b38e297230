import type { MessagePort } from 'node:worker_threads';

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

/**
 * The body of a flite worker thread, run from its own source text (see
 * flite.ts), so it uses nothing from outside itself.
 *
 * One flite instance serves every sentence the worker is given: starting
 * flite costs about 45 ms (instantiating 20 MB of WebAssembly, loading the
 * voice), which per sentence was a fifth of all synthesis time. flite runs
 * as its command line does, `flite -voice V -f in.txt out.wav`, against a
 * small WASI of our own in which both files live in memory:
 *
 * - Reading `in.txt` blocks until the pool sends a sentence. Sentences are
 *   separated by a blank line, which flite always takes as an utterance break.
 * - flite speaks an utterance only once it has read the first word of the
 *   next, so after each sentence comes "." (a token with no word, which ends
 *   the utterance before it and says nothing); when flite asks for more text
 *   after that, every sample of the sentence has been written.
 * - flite appends each utterance to `out.wav` by opening it, seeking past the
 *   samples it holds and writing. The first utterance written after a
 *   sentence is handed over is the one before it (the previous "." or, at
 *   the start, the empty file flite creates) and is dropped; every later one
 *   up to the next request for text belongs to the sentence. Only the 44-byte
 *   header is kept; samples go straight to the sentence.
 * - rand()'s state is put back to its start-up value before each sentence is
 *   spoken, so each sentence comes out exactly as a fresh `flite -f` would
 *   say it alone.
 *
 * If flite traps or exits while speaking, that sentence fails and a new
 * instance serves the next ones.
 */
export function fliteWorkerMain(): void {
  const { workerData, parentPort, receiveMessageOnPort } = require('node:worker_threads') as typeof import('node:worker_threads');
  const data = workerData as FliteWorkerData;
  const post = (result: FliteResult, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(result, transfer);
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();

  const nextJob = (): FliteJob => {
    for (;;) {
      const seen = Atomics.load(data.wake, 0);
      const received = receiveMessageOnPort(data.port);
      if (received) return received.message as FliteJob;
      Atomics.wait(data.wake, 0, seen);
    }
  };

  class Exit extends Error {
    constructor(readonly code: number) {
      super(`flite exited with code ${code}`);
    }
  }

  const args = ['flite', '-voice', data.voice, '-f', 'in.txt', 'out.wav'].map((arg) => encoder.encode(`${arg}\0`));
  const IN = 4;
  const ERRNO_BADF = 8;
  const ERRNO_NOENT = 44;

  /** The sentence being spoken: its id, its samples so far (16-bit little-endian), and flite's progress through it. */
  let job: { id: number; chunks: Uint8Array[]; stage: 'speaking' | 'flushing' } | undefined;
  let closing = false;
  /** Utterances flite has written since it was last handed text. */
  let opened = 0;
  let initialRand: Uint8Array | undefined;
  let stderr = '';

  const fail = (id: number, problem: string) => post({ id, error: problem });
  const finish = (rate: number) => {
    const current = job!;
    job = undefined;
    if (opened !== 1) return fail(current.id, `flite wrote ${opened} utterances where one was expected after the sentence`);
    const length = current.chunks.reduce((sum, chunk) => sum + chunk.length, 0);
    const bytes = new Uint8Array(length);
    let at = 0;
    for (const chunk of current.chunks) bytes.set(chunk, at), (at += chunk.length);
    const view = new DataView(bytes.buffer);
    const samples = new Float32Array(length >> 1);
    // As a 16-bit WAVE file is read (wav.ts).
    for (let i = 0; i < samples.length; i++) samples[i] = view.getInt16(2 * i, true) / 32768;
    post({ id: current.id, samples, sampleRate: rate }, [samples.buffer as ArrayBuffer]);
  };

  for (;;) {
    let memory: WebAssembly.Memory | undefined;
    const bytes = () => new Uint8Array(memory!.buffer);
    const view = () => new DataView(memory!.buffer);
    /** The text handed to flite and not yet read. */
    let pending: Uint8Array = new Uint8Array(0);
    let asked = false;
    const header = new Uint8Array(44);
    let wavSize = 0;
    const files = new Map<number, { kind: 'in' } | { kind: 'wav'; at: number; keep: boolean }>();
    let nextFd = IN;

    /** The next text for flite: the sentinel after a sentence, a new sentence, or nothing (end of file) when closing. */
    const refill = (): Uint8Array => {
      if (!asked) {
        asked = true;
        if (data.randState !== null) initialRand = bytes().slice(data.randState, data.randState + 8);
      }
      if (job?.stage === 'speaking') {
        job.stage = 'flushing';
        opened = 0;
        return encoder.encode('.\n\n');
      }
      if (job?.stage === 'flushing') finish(new DataView(header.buffer).getUint32(24, true));
      if (closing) return new Uint8Array(0);
      const next = nextJob();
      if ('close' in next) {
        closing = true;
        return new Uint8Array(0);
      }
      job = { id: next.id, chunks: [], stage: 'speaking' };
      opened = 0;
      // A blank line inside the text would break it into utterances flite could end before the sentinel.
      return encoder.encode(`${next.text.replace(/\s+/gu, ' ').trim()}\n\n`);
    };

    const iovecs = (pointer: number, count: number) =>
      Array.from({ length: count }, (_, i) => ({ at: view().getUint32(pointer + 8 * i, true), length: view().getUint32(pointer + 8 * i + 4, true) }));

    const wasi = {
      args_sizes_get(count: number, size: number) {
        view().setUint32(count, args.length, true);
        view().setUint32(size, args.reduce((sum, arg) => sum + arg.length, 0), true);
        return 0;
      },
      args_get(pointers: number, buffer: number) {
        let at = buffer;
        args.forEach((arg, i) => {
          view().setUint32(pointers + 4 * i, at, true);
          bytes().set(arg, at);
          at += arg.length;
        });
        return 0;
      },
      clock_time_get(_id: number, _precision: bigint, out: number) {
        view().setBigUint64(out, process.hrtime.bigint(), true);
        return 0;
      },
      // One preopened directory, ".", as fd 3.
      fd_prestat_get(fd: number, out: number) {
        if (fd !== 3) return ERRNO_BADF;
        view().setUint8(out, 0);
        view().setUint32(out + 4, 1, true);
        return 0;
      },
      fd_prestat_dir_name(fd: number, path: number) {
        if (fd !== 3) return ERRNO_BADF;
        bytes()[path] = 0x2e;
        return 0;
      },
      fd_fdstat_get(fd: number, out: number) {
        view().setUint8(out, fd === 3 ? 3 : fd <= 2 ? 2 : 4);
        view().setUint16(out + 2, 0, true);
        view().setBigUint64(out + 8, 0xffffffffffffffffn, true);
        view().setBigUint64(out + 16, 0xffffffffffffffffn, true);
        return 0;
      },
      fd_fdstat_set_flags: () => 0,
      path_open(_dir: number, _flags: number, path: number, length: number, openFlags: number, _rights: bigint, _inherited: bigint, _fdFlags: number, out: number) {
        const name = decoder.decode(bytes().subarray(path, path + length));
        const fd = nextFd++;
        if (name === 'in.txt') files.set(fd, { kind: 'in' });
        else if (name === 'out.wav') {
          // O_TRUNC: the empty file flite makes before its first utterance.
          if (openFlags & 8) wavSize = 0;
          opened++;
          const keep = job !== undefined && (job.stage === 'speaking' ? opened > 1 : opened === 1);
          files.set(fd, { kind: 'wav', at: 0, keep });
        } else return ERRNO_NOENT;
        view().setUint32(out, fd, true);
        return 0;
      },
      fd_read(fd: number, vectors: number, count: number, out: number) {
        const file = files.get(fd);
        if (!file) return ERRNO_BADF;
        let total = 0;
        for (const vector of iovecs(vectors, count)) {
          if (file.kind === 'in') {
            // Never blocks once something was read: flite gets what there is.
            if (!pending.length) {
              if (total) break;
              pending = refill();
              if (!pending.length) break;
            }
            const n = Math.min(vector.length, pending.length);
            bytes().set(pending.subarray(0, n), vector.at);
            pending = pending.subarray(n);
            total += n;
            if (n < vector.length) break;
          } else {
            // The header as flite last wrote it; the samples are not kept, and read as silence.
            const n = Math.max(0, Math.min(vector.length, wavSize - file.at));
            const target = bytes();
            for (let i = 0; i < n; i++) target[vector.at + i] = file.at + i < 44 ? header[file.at + i]! : 0;
            file.at += n;
            total += n;
            if (n < vector.length) break;
          }
        }
        view().setUint32(out, total, true);
        return 0;
      },
      fd_write(fd: number, vectors: number, count: number, out: number) {
        const file = files.get(fd);
        let total = 0;
        for (const vector of iovecs(vectors, count)) {
          const chunk = bytes().subarray(vector.at, vector.at + vector.length);
          if (file?.kind === 'wav') {
            if (file.at < 44) header.set(chunk.subarray(0, 44 - file.at), file.at);
            if (file.at + chunk.length > 44 && file.keep && job) job.chunks.push(chunk.slice(Math.max(0, 44 - file.at)));
            file.at += chunk.length;
            wavSize = Math.max(wavSize, file.at);
          } else if (fd === 2) stderr = (stderr + decoder.decode(chunk)).slice(-500);
          total += chunk.length;
        }
        view().setUint32(out, total, true);
        return 0;
      },
      fd_seek(fd: number, offset: bigint, whence: number, out: number) {
        const file = files.get(fd);
        if (!file || file.kind !== 'wav') return ERRNO_BADF;
        file.at = (whence === 0 ? 0 : whence === 1 ? file.at : wavSize) + Number(offset);
        view().setBigUint64(out, BigInt(file.at), true);
        return 0;
      },
      fd_close(fd: number) {
        const file = files.get(fd);
        files.delete(fd);
        // The utterance before the sentence is written: the sentence is spoken next, from rand()'s first state.
        if (file?.kind === 'wav' && job?.stage === 'speaking' && opened === 1 && initialRand && data.randState !== null) {
          bytes().set(initialRand, data.randState);
        }
        return 0;
      },
      proc_exit(code: number): never {
        throw new Exit(code);
      },
    };

    let ended: unknown;
    try {
      const instance = new WebAssembly.Instance(data.module, { wasi_snapshot_preview1: wasi });
      memory = instance.exports.memory as WebAssembly.Memory;
      (instance.exports._start as () => void)();
    } catch (error) {
      ended = error;
    }
    if (closing) return;
    const problem = ended instanceof Exit ? `${ended.message}${stderr ? `: ${stderr.trim().split('\n').pop()}` : ''}` : `flite failed (${String((ended as Error)?.message ?? ended ?? 'it ended early')})`;
    // The sentence in hand fails; one flite could not even start with fails the next, so a broken flite never spins.
    const failed = job?.id ?? (asked ? undefined : nextJob());
    job = undefined;
    if (typeof failed === 'number') fail(failed, problem);
    else if (failed && 'close' in failed) return;
    else if (failed) fail(failed.id, problem);
    stderr = '';
  }
}
