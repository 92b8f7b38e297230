import { createHash } from 'node:crypto';
import { mapLimited } from '../../common/map-limited.js';
import { LoudnessMeter, loudnessOf, type Loudness, type MeterState } from './loudness.js';
import { addRoomTone, gainAndLimit, type MasteringTarget } from './master.js';
import type { SpeechCache } from './speech-cache.js';
import { renderSpan, type Span, type Timeline } from './timeline.js';

/** Gains move in steps of this many dB, so that a small edit keeps the gain and with it every untouched piece. */
export const GAIN_STEP = 0.5;

export const quantise = (db: number) => Math.round(db / GAIN_STEP) * GAIN_STEP;
export const levelOf = (measured: Loudness, target: MasteringTarget) => (target.level === 'lufs' ? measured.integrated : measured.rms);

/** The narration being mastered, and what every step needs of it. */
export interface Plan {
  timeline: Timeline;
  target: MasteringTarget;
  store: SpeechCache;
  signal: AbortSignal;
  lanes: number;
  /** Each span's recipe (see recipe()). */
  recipes: string[];
  /** Where the limiter holds true peaks before encoding (dBTP): MP3 encoding adds up to about a decibel. */
  ceiling: number;
  /** What the encoder takes off the level (dB; see Toolkit.loss). */
  loss: number;
}

/**
 * What a span's samples are made of: its length, and each clip in it with its
 * stored key, the part used and where it sits. Equal recipes give equal
 * samples, so a span's measurements and encoding can be found again without
 * reading a single sample.
 */
export function recipe(timeline: Timeline, span: Span): string {
  const parts: unknown[] = [timeline.sampleRate, span.end - span.start];
  for (const clip of timeline.clips) {
    if (clip.at + clip.length <= span.start || clip.at >= span.end) continue;
    parts.push([clip.key, clip.rate, clip.from, clip.to, clip.at - span.start, clip.length]);
  }
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 40);
}

/** A span's samples at a gain, through the true-peak limiter (and with room tone where the target asks for it). */
export async function master(plan: Plan, index: number, gainDb: number, limit = plan.ceiling): Promise<Float32Array> {
  const { timeline, target, recipes } = plan;
  const mastered = gainAndLimit(await renderSpan(timeline, timeline.spans[index]!), timeline.sampleRate, gainDb, limit);
  if (target.roomTone !== undefined) addRoomTone(mastered, target.roomTone, Number.parseInt(recipes[index]!.slice(0, 8), 16));
  return mastered;
}

/** A measurement of one span, kept in the cache under `key` so that later builds need not read its samples. */
async function noted(plan: Plan, key: string, samples: () => Promise<Float32Array>): Promise<MeterState> {
  const known = await plan.store.getNote<MeterState>(key);
  if (known) return known;
  const state = new LoudnessMeter(plan.timeline.sampleRate).add(await samples()).state();
  await plan.store.putNote(key, state);
  return state;
}

/** How far a set of measurements is from `aim` (dB); a narration with nothing loud enough to measure (all silence) keeps its level. */
function missBy(plan: Plan, states: MeterState[], aim: number): number {
  const level = levelOf(loudnessOf(states), plan.target);
  return Number.isFinite(level) ? aim - level : 0;
}

/** The piece whose limiting stands for the whole: the first, unless it is short, then the longest. */
function probeOf(spans: Span[], rate: number): number {
  const length = (span: Span) => span.end - span.start;
  if (length(spans[0]!) >= 10 * rate) return 0;
  return spans.reduce((best, span, i) => (length(span) > length(spans[best]!) ? i : best), 0);
}

/**
 * The gain for the whole narration, found without mastering it: the level of
 * the speech as synthesised (each piece measured once, then kept under its
 * recipe), plus what encoding takes off (Toolkit.loss), plus what the
 * limiter takes off, learnt on one piece by mastering it (a few tenths of a
 * dB, nearly the same all through one voice's narration). Every input of it
 * is a function of the narration, so every build of it chooses the same gain.
 */
export async function chooseGain(plan: Plan): Promise<number> {
  const { timeline } = plan;
  const level = (states: MeterState[]) => levelOf(loudnessOf(states), plan.target);
  const { spans, sampleRate } = timeline;
  const source = await mapLimited(spans, plan.lanes, plan.signal, (span, index) => noted(plan, `${plan.recipes[index]}s`, () => renderSpan(timeline, span)));
  const aim = plan.target.target + plan.loss;
  const probe = probeOf(spans, sampleRate);
  let gainDb = quantise(missBy(plan, source, aim));
  for (let pass = 0; pass < 3; pass++) {
    const key = `${createHash('sha256').update(JSON.stringify(['limited', plan.recipes[probe], gainDb, plan.ceiling, plan.target.roomTone ?? null])).digest('hex').slice(0, 40)}m`;
    const limited = await noted(plan, key, () => master(plan, probe, gainDb));
    // What limiting took off the probe at this gain, taken off the whole too.
    const loss = level([source[probe]!]) + gainDb - level([limited]);
    const next = quantise(missBy(plan, source, aim) + (Number.isFinite(loss) ? loss : 0));
    if (next === gainDb) break;
    gainDb = next;
  }
  return gainDb;
}
