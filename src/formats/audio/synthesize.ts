import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Lexicon } from '../../document/types.js';
import type { ChosenVoice, Pcm, Synthesizer } from './engines/index.js';
import type { Utterance } from './script.js';
import type { SpeechCache } from './speech-cache.js';
import { speechText } from './speech-text.js';

export interface Cue {
  id: string;
  text: string;
  /** Seconds from the start of the audio. */
  start: number;
  end: number;
}

export interface Chapter {
  id: string;
  title: string;
  start: number;
  end: number;
}

/** The narration as one signal, with where each sentence and chapter lies in it. */
export interface Narration {
  pcm: Pcm;
  cues: Cue[];
  chapters: Chapter[];
  /** Seconds. */
  duration: number;
  /** Seconds of audio the engine produced, before pauses were added; for real-time factors. */
  spokenSeconds: number;
}

export interface NarrateOptions {
  lang: string;
  lexicon: Lexicon;
  signal: AbortSignal;
  /** Simultaneous syntheses. Default: the number of CPU cores. */
  concurrency?: number;
  /** Milliseconds one utterance may take to synthesise; the narration fails, naming the sentence, when it is exceeded. Default: no limit. */
  timeoutMs?: number;
  /** Speech already synthesised, by text; only utterances it lacks reach the engine. */
  cache?: SpeechCache;
  /** Silence (or room tone, added later) before the first word and after the last, in seconds. */
  headSeconds: number;
  tailSeconds: number;
}

/** Runs `task` over `items` with at most `limit` in flight, keeping results in order; stops at the first failure. */
async function mapLimited<T, R>(items: T[], limit: number, signal: AbortSignal, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  // After a failure the other lanes take no new work, so no engine process starts once the narration has failed.
  let failed = false;
  const lane = async () => {
    while (next < items.length && !failed) {
      signal.throwIfAborted();
      const index = next++;
      try {
        results[index] = await task(items[index]!);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

/** Engines pad each utterance with silence of their own; trimming it makes the pauses and cue times ours. */
function trimSilence(samples: Float32Array, sampleRate: number): Float32Array {
  const threshold = 10 ** (-48 / 20);
  const margin = Math.round(sampleRate * 0.03);
  let start = 0;
  while (start < samples.length && Math.abs(samples[start]!) < threshold) start++;
  let end = samples.length;
  while (end > start && Math.abs(samples[end - 1]!) < threshold) end--;
  if (end <= start) return samples.subarray(0, 0);
  return samples.subarray(Math.max(0, start - margin), Math.min(samples.length, end + margin));
}

function resampleLinear(pcm: Pcm, rate: number): Float32Array {
  if (pcm.sampleRate === rate) return pcm.samples;
  const out = new Float32Array(Math.round((pcm.samples.length * rate) / pcm.sampleRate));
  const step = pcm.sampleRate / rate;
  for (let i = 0; i < out.length; i++) {
    const x = i * step;
    const left = Math.floor(x);
    const frac = x - left;
    out[i] = (pcm.samples[left] ?? 0) * (1 - frac) + (pcm.samples[left + 1] ?? pcm.samples[left] ?? 0) * frac;
  }
  return out;
}

/**
 * Speaks every utterance, several at a time, and lays them end to end with
 * their pauses. Cue and chapter times are sample positions in the result, so
 * they are the real timings of the synthesised speech.
 */
export async function narrate(utterances: Utterance[], chosen: ChosenVoice, options: NarrateOptions): Promise<Narration> {
  const concurrency = options.concurrency ?? os.availableParallelism();
  const { cache } = options;
  const texts = utterances.map((utterance) =>
    speechText(utterance.say, { lang: options.lang, lexicon: options.lexicon, charset: chosen.engine.charset, heading: utterance.heading }),
  );
  const cached = await Promise.all(texts.map((text) => (text && cache ? cache.get(text) : undefined)));
  // The engine starts only when something is left to say (starting flite's workers costs time).
  let tempDir: string | undefined;
  let synthesizer: Synthesizer | undefined;
  const open = async (): Promise<Synthesizer> => {
    if (synthesizer) return synthesizer;
    tempDir = await mkdtemp(path.join(os.tmpdir(), 'broadside-tts-'));
    synthesizer = await chosen.engine.open(chosen.voice, { concurrency, tempDir });
    return synthesizer;
  };
  let opening: Promise<Synthesizer> | undefined;
  let clips: Pcm[];
  try {
    clips = await mapLimited([...utterances.keys()], concurrency, options.signal, async (index) => {
      const utterance = utterances[index]!;
      const text = texts[index];
      if (!text) return { sampleRate: 0, samples: new Float32Array(0) };
      const hit = cached[index];
      if (hit) return hit;
      const pcm = await speak(await (opening ??= open()), text, utterance, options);
      await cache?.put(text, pcm);
      return pcm;
    });
  } finally {
    await synthesizer?.close();
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  }
  await cache?.prune();
  return assemble(utterances, clips, options);
}

/** A sentence the engine could not speak, named so that the author can find it. */
export class SentenceError extends Error {
  constructor(utterance: Utterance, problem: string, cause?: unknown) {
    const text = utterance.cue?.text ?? utterance.say;
    const quoted = text.length > 80 ? `${text.slice(0, 77)}…` : text;
    const where = utterance.cue?.id ? ` (sentence ${utterance.cue.id})` : '';
    super(`${problem} on the sentence "${quoted}"${where}`, { cause });
    this.name = 'SentenceError';
  }
}

/** One utterance, bounded by the synthesis timeout; any failure names the sentence. */
async function speak(synthesizer: Synthesizer, text: string, utterance: Utterance, options: NarrateOptions): Promise<Pcm> {
  const limit = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    if (!options.timeoutMs) return;
    timer = setTimeout(() => {
      const error = new SentenceError(utterance, `speech synthesis took longer than ${options.timeoutMs} ms (raise --synthesis-timeout-ms or synthesisTimeoutMs)`);
      // Engines kill their process on abort, so a hung engine does not outlive the timeout.
      limit.abort(error);
      reject(error);
    }, options.timeoutMs);
  });
  const spoken = synthesizer.synthesize(text, AbortSignal.any([options.signal, limit.signal]));
  spoken.catch(() => undefined);
  try {
    return await Promise.race([spoken, timedOut]);
  } catch (error) {
    if (options.signal.aborted || error instanceof SentenceError) throw error;
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new SentenceError(utterance, `the speech engine failed (${detail})`, error);
  } finally {
    clearTimeout(timer);
  }
}

function assemble(utterances: Utterance[], clips: Pcm[], options: NarrateOptions): Narration {
  const sampleRate = clips.find((clip) => clip.sampleRate)?.sampleRate ?? 22050;
  const trimmed = clips.map((clip) => (clip.sampleRate ? trimSilence(resampleLinear(clip, sampleRate), sampleRate) : clip.samples));
  const seconds = (samples: number) => samples / sampleRate;
  const head = Math.round(options.headSeconds * sampleRate);
  const pauses = utterances.map((utterance) => Math.round((utterance.pauseMs / 1000) * sampleRate));
  const total = head + trimmed.reduce((sum, clip, i) => sum + clip.length + (i < trimmed.length - 1 ? pauses[i]! : 0), 0) + Math.round(options.tailSeconds * sampleRate);
  const samples = new Float32Array(total);
  const cues: Cue[] = [];
  const chapters: Chapter[] = [];
  let position = head;
  utterances.forEach((utterance, i) => {
    const clip = trimmed[i]!;
    if (utterance.chapter) chapters.push({ ...utterance.chapter, start: chapters.length ? seconds(position) : 0, end: 0 });
    samples.set(clip, position);
    if (utterance.cue && clip.length) cues.push({ ...utterance.cue, start: seconds(position), end: seconds(position + clip.length) });
    position += clip.length;
    if (i < utterances.length - 1) position += pauses[i]!;
  });
  const duration = seconds(total);
  chapters.forEach((chapter, i) => (chapter.end = chapters[i + 1]?.start ?? duration));
  return { pcm: { sampleRate, samples }, cues, chapters, duration, spokenSeconds: seconds(trimmed.reduce((sum, clip) => sum + clip.length, 0)) };
}
