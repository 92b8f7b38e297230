import type { Charset } from '../speech-text.js';

/** One voice an engine offers on this machine. */
export interface Voice {
  /** Engine id, e.g. `flite`. */
  engine: string;
  /** Voice id as given to `--voice engine:voice`, e.g. `rms`, `ar`. */
  id: string;
  /** BCP 47 language tags the voice speaks (primary subtags suffice). */
  languages: string[];
  /** Human description for `broadside voices`. */
  description: string;
}

/** Mono audio samples in [-1, 1]. */
export interface Pcm {
  sampleRate: number;
  samples: Float32Array;
}

/** A voice ready to speak; holds whatever the engine needs (workers, temp files) until closed. */
export interface Synthesizer {
  synthesize(text: string, signal: AbortSignal): Promise<Pcm>;
  close(): Promise<void>;
}

/**
 * A speech engine. Each one reports only the voices it can actually render to
 * audio files here, so choosing an engine is choosing from `voices()`.
 */
export interface SpeechEngine {
  id: string;
  /** Characters it reads well; the narration text is adapted to it. */
  charset: Charset;
  /** Intelligibility rank for English (lower is better), used when several engines can speak. */
  rank: number;
  /** Where the engine comes from, for messages. */
  provider: string;
  /**
   * Bumped when the engine starts saying the same text differently (another
   * way of running it), so that speech cached from the old way is not mixed
   * with the new.
   */
  revision?: number;
  voices(): Promise<Voice[]>;
  open(voice: Voice, options: { concurrency: number; tempDir: string }): Promise<Synthesizer>;
}
