import type { Pcm } from './engines/types.js';

/** Where the samples of a stored clip come from (the speech cache). */
export interface ClipSource {
  read(key: string): Promise<Pcm>;
}

/** One utterance's speech, placed on the narration's timeline. */
export interface PlacedClip {
  /** The stored clip (speech cache key). */
  key: string;
  /** The stored clip's sample rate, and the part of it that is used (trimmed of the engine's own silence), in its samples. */
  rate: number;
  from: number;
  to: number;
  /** Where it starts on the timeline, and how long it lasts there, in timeline samples. */
  at: number;
  length: number;
}

/** A stretch of the timeline mastered and encoded as one piece; boundaries fall in pauses. */
export interface Span {
  start: number;
  end: number;
}

/**
 * The narration as a plan rather than a signal: which clip sounds where, with
 * silence between. Nothing longer than one span is ever held in memory, so a
 * narration of hours needs no more memory than a minute of it.
 */
export interface Timeline {
  sampleRate: number;
  /** Samples. */
  length: number;
  /** In timeline order. */
  clips: PlacedClip[];
  /** Cover the timeline in order, without gaps. */
  spans: Span[];
  source: ClipSource;
}

/** Linear-interpolation resampling, only for clips whose rate differs from the narration's (engines keep one rate per voice). */
export function resampleLinear(samples: Float32Array, from: number, to: number, length = Math.round((samples.length * to) / from)): Float32Array {
  if (from === to && length === samples.length) return samples;
  const out = new Float32Array(length);
  const step = samples.length / Math.max(1, length);
  for (let i = 0; i < out.length; i++) {
    const x = i * step;
    const left = Math.floor(x);
    const frac = x - left;
    out[i] = (samples[left] ?? 0) * (1 - frac) + (samples[left + 1] ?? samples[left] ?? 0) * frac;
  }
  return out;
}

/** The samples of one stretch of the timeline: the clips in it, read from their store, and silence. */
export async function renderSpan(timeline: Timeline, span: Span): Promise<Float32Array> {
  const out = new Float32Array(span.end - span.start);
  for (const clip of timeline.clips) {
    if (clip.at + clip.length <= span.start || clip.at >= span.end) continue;
    const pcm = await timeline.source.read(clip.key);
    const used = resampleLinear(pcm.samples.subarray(clip.from, clip.to), clip.rate, timeline.sampleRate, clip.length);
    const skip = Math.max(0, span.start - clip.at);
    const take = Math.min(clip.length, span.end - clip.at);
    out.set(used.subarray(skip, take), clip.at + skip - span.start);
  }
  return out;
}

/** The whole timeline in memory: for tests and short narrations only. */
export async function renderAll(timeline: Timeline): Promise<Float32Array> {
  return renderSpan(timeline, { start: 0, end: timeline.length });
}
