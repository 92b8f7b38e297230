import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import type { FliteJob, FliteResult, FliteWorkerData } from './flite-protocol.js';
import { FliteExit, InMemoryWasi, type FliteFiles } from './flite-wasi.js';

/*
 * A flite worker thread (started by flite.ts).
 *
 * One flite instance serves every sentence the worker is given: starting
 * flite costs about 45 ms (instantiating 20 MB of WebAssembly, loading the
 * voice), which per sentence was a fifth of all synthesis time. flite runs
 * as its command line does, `flite -voice V -f in.txt out.wav`, against a
 * small WASI of our own in which both files live in memory (flite-wasi.ts):
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
 *   up to the next request for text belongs to the sentence.
 * - rand()'s state is put back to its start-up value before each sentence is
 *   spoken, so each sentence comes out exactly as a fresh `flite -f` would
 *   say it alone.
 *
 * If flite traps or exits while speaking, that sentence fails and a new
 * instance serves the next ones.
 */

const encoder = new TextEncoder();

/** The sentence being spoken: its id, its samples so far (16-bit little-endian), and flite's progress through it. */
interface Sentence {
  id: number;
  chunks: Uint8Array[];
  stage: 'speaking' | 'flushing';
}

/** What the worker knows across flite instances: the sentence in hand and where flite is with it. */
class Speaker implements FliteFiles {
  sentence: Sentence | undefined;
  closing = false;
  /** Whether the current instance has asked for text yet. */
  asked = false;
  wasi!: InMemoryWasi;
  /** Utterances flite has written since it was last handed text. */
  private opened = 0;
  private initialRand: Uint8Array | undefined;

  constructor(
    private readonly data: FliteWorkerData,
    private readonly post: (result: FliteResult, transfer?: ArrayBuffer[]) => void,
  ) {}

  /** Blocks until the pool sends something. */
  nextJob(): FliteJob {
    for (;;) {
      const seen = Atomics.load(this.data.wake, 0);
      const received = receiveMessageOnPort(this.data.port);
      if (received) return received.message as FliteJob;
      Atomics.wait(this.data.wake, 0, seen);
    }
  }

  /** The next text for flite: the sentinel after a sentence, a new sentence, or nothing (end of file) when closing. */
  nextText(): Uint8Array {
    const { randState } = this.data;
    if (!this.asked) {
      this.asked = true;
      if (randState !== null) this.initialRand = this.wasi.bytes().slice(randState, randState + 8);
    }
    if (this.sentence?.stage === 'speaking') {
      this.sentence.stage = 'flushing';
      this.opened = 0;
      return encoder.encode('.\n\n');
    }
    if (this.sentence?.stage === 'flushing') this.finish();
    if (this.closing) return new Uint8Array(0);
    const next = this.nextJob();
    if ('close' in next) {
      this.closing = true;
      return new Uint8Array(0);
    }
    this.sentence = { id: next.id, chunks: [], stage: 'speaking' };
    this.opened = 0;
    // A blank line inside the text would break it into utterances flite could end before the sentinel.
    return encoder.encode(`${next.text.replace(/\s+/gu, ' ').trim()}\n\n`);
  }

  openedWav(): boolean {
    this.opened++;
    const sentence = this.sentence;
    return sentence !== undefined && (sentence.stage === 'speaking' ? this.opened > 1 : this.opened === 1);
  }

  samples(chunk: Uint8Array): void {
    this.sentence?.chunks.push(chunk);
  }

  /** The utterance before the sentence is written: the sentence is spoken next, from rand()'s first state. */
  closedWav(): void {
    const { randState } = this.data;
    if (this.sentence?.stage === 'speaking' && this.opened === 1 && this.initialRand && randState !== null) {
      this.wasi.bytes().set(this.initialRand, randState);
    }
  }

  fail(id: number, problem: string): void {
    this.post({ id, error: problem });
  }

  private finish(): void {
    const current = this.sentence!;
    this.sentence = undefined;
    if (this.opened !== 1) return this.fail(current.id, `flite wrote ${this.opened} utterances where one was expected after the sentence`);
    const length = current.chunks.reduce((sum, chunk) => sum + chunk.length, 0);
    const bytes = new Uint8Array(length);
    let at = 0;
    for (const chunk of current.chunks) bytes.set(chunk, at), (at += chunk.length);
    const view = new DataView(bytes.buffer);
    const samples = new Float32Array(length >> 1);
    // As a 16-bit WAVE file is read (wav.ts).
    for (let i = 0; i < samples.length; i++) samples[i] = view.getInt16(2 * i, true) / 32768;
    this.post({ id: current.id, samples, sampleRate: this.wasi.sampleRate() }, [samples.buffer as ArrayBuffer]);
  }
}

/** Runs one flite instance until it ends; resolves to why it ended, or undefined when the pool closed it. */
function runInstance(speaker: Speaker, data: FliteWorkerData): unknown {
  const wasi = new InMemoryWasi(['flite', '-voice', data.voice, '-f', 'in.txt', 'out.wav'], speaker);
  speaker.wasi = wasi;
  speaker.asked = false;
  try {
    const instance = new WebAssembly.Instance(data.module, { wasi_snapshot_preview1: wasi.imports() });
    wasi.memory = instance.exports.memory as WebAssembly.Memory;
    (instance.exports._start as () => void)();
    return undefined;
  } catch (error) {
    return error;
  }
}

function problemOf(ended: unknown, stderr: string): string {
  if (ended instanceof FliteExit) return `${ended.message}${stderr ? `: ${stderr.trim().split('\n').pop()}` : ''}`;
  return `flite failed (${String((ended as Error)?.message ?? ended ?? 'it ended early')})`;
}

function serve(data: FliteWorkerData): void {
  const speaker = new Speaker(data, (result, transfer = []) => parentPort!.postMessage(result, transfer));
  for (;;) {
    const ended = runInstance(speaker, data);
    if (speaker.closing) return;
    const problem = problemOf(ended, speaker.wasi.stderr);
    // The sentence in hand fails; one flite could not even start with fails the next, so a broken flite never spins.
    const failed = speaker.sentence?.id ?? (speaker.asked ? undefined : speaker.nextJob());
    speaker.sentence = undefined;
    if (typeof failed === 'number') speaker.fail(failed, problem);
    else if (failed && 'close' in failed) return;
    else if (failed) speaker.fail(failed.id, problem);
  }
}

if (parentPort) serve(workerData as FliteWorkerData);
