import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Lexicon } from '../../document/types.js';
import type { ChosenVoice, Pcm, Synthesizer } from './engines/index.js';
import { mapLimited } from '../../common/map-limited.js';
import { PAUSE, type Utterance } from './script.js';
import type { SpeechCache, StoredClip } from './speech-cache.js';
import { speechText } from './speech-text.js';
import type { ClipSource, PlacedClip, Span, Timeline } from './timeline.js';

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

/** The narration, as a timeline of stored clips, with where each sentence and chapter lies in it. */
export interface Narration {
  timeline: Timeline;
  /** Times on the timeline, in seconds. */
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
  /** Where each utterance's speech is kept; only utterances it lacks reach the engine. */
  cache: SpeechCache;
  /** Simultaneous syntheses. Default: the number of CPU cores. */
  concurrency?: number;
  /** Milliseconds one utterance may take to synthesise; the narration fails, naming the sentence, when it is exceeded. Default: no limit. */
  timeoutMs?: number;
  /** Silence (or room tone, added later) before the first word and after the last, in seconds. */
  headSeconds: number;
  tailSeconds: number;
  /** Shortest stretch encoded as one piece, in seconds (default 20): an edit re-encodes about this much. */
  spanSeconds?: number;
}

/** The part of a clip that is speech: engines pad each utterance with silence of their own, and trimming it makes the pauses and cue times ours. */
function speechBounds(samples: Float32Array, sampleRate: number): { from: number; to: number } {
  const threshold = 10 ** (-48 / 20);
  const margin = Math.round(sampleRate * 0.03);
  let start = 0;
  while (start < samples.length && Math.abs(samples[start]!) < threshold) start++;
  let end = samples.length;
  while (end > start && Math.abs(samples[end - 1]!) < threshold) end--;
  if (end <= start) return { from: 0, to: 0 };
  return { from: Math.max(0, start - margin), to: Math.min(samples.length, end + margin) };
}

/**
 * Speaks every utterance, several at a time, keeping each one's speech in the
 * cache rather than in memory, and lays them end to end with their pauses.
 * Cue and chapter times are sample positions on that timeline, so they are
 * the real timings of the synthesised speech.
 */
export async function narrate(utterances: Utterance[], chosen: ChosenVoice, options: NarrateOptions): Promise<Narration> {
  const concurrency = options.concurrency ?? os.availableParallelism();
  const { cache } = options;
  const texts = utterances.map((utterance) =>
    speechText(utterance.say, { lang: options.lang, lexicon: options.lexicon, charset: chosen.engine.charset, heading: utterance.heading }),
  );
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
  let clips: (StoredClip | undefined)[];
  try {
    clips = await mapLimited(utterances, concurrency, options.signal, async (utterance, index) => {
      const text = texts[index];
      if (!text) return undefined;
      return cache.once(cache.keyOf(text), async () => {
        const stored = await cache.get(text);
        if (stored.rate !== undefined) return stored;
        const pcm = await speak(await (opening ??= open()), text, utterance, options);
        return cache.put(text, pcm, speechBounds(pcm.samples, pcm.sampleRate));
      });
    });
  } finally {
    await synthesizer?.close();
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  }
  return assemble(utterances, clips, cache, options);
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

function assemble(utterances: Utterance[], clips: (StoredClip | undefined)[], source: ClipSource, options: NarrateOptions): Narration {
  const sampleRate = clips.find((clip) => clip && clip.to > clip.from)?.rate ?? 22050;
  const seconds = (samples: number) => samples / sampleRate;
  const lengthOf = (clip: StoredClip | undefined) => (clip ? Math.round(((clip.to - clip.from) * sampleRate) / clip.rate) : 0);
  const pauses = utterances.map((utterance) => Math.round((utterance.pauseMs / 1000) * sampleRate));
  const placed: PlacedClip[] = [];
  const spans: Span[] = [];
  const cues: Cue[] = [];
  const chapters: Chapter[] = [];
  let spanStart = 0;
  let position = Math.round(options.headSeconds * sampleRate);
  let spoken = 0;
  utterances.forEach((utterance, i) => {
    const clip = clips[i];
    const length = lengthOf(clip);
    if (utterance.chapter) chapters.push({ ...utterance.chapter, start: chapters.length ? seconds(position) : 0, end: 0 });
    if (clip && length) placed.push({ ...clip, at: position, length });
    if (utterance.cue && length) cues.push({ ...utterance.cue, start: seconds(position), end: seconds(position + length) });
    position += length;
    spoken += length;
    if (i === utterances.length - 1) return;
    const pause = pauses[i]!;
    // A new span starts in the middle of a pause between sentences, once the current one is long enough.
    // (Joining pieces adds the codec's delay and padding, under 50 ms of silence, to that pause.)
    if (pause >= (PAUSE.sentence / 1000) * sampleRate && position - spanStart >= (options.spanSeconds ?? 20) * sampleRate) {
      const boundary = position + Math.floor(pause / 2);
      spans.push({ start: spanStart, end: boundary });
      spanStart = boundary;
    }
    position += pause;
  });
  const total = position + Math.round(options.tailSeconds * sampleRate);
  spans.push({ start: spanStart, end: total });
  const duration = seconds(total);
  chapters.forEach((chapter, i) => (chapter.end = chapters[i + 1]?.start ?? duration));
  return { timeline: { sampleRate, length: total, clips: placed, spans, source }, cues, chapters, duration, spokenSeconds: seconds(spoken) };
}
