import os from 'node:os';
import { hasFfmpeg } from './ffmpeg.js';
import { chooseGain, levelOf, quantise, recipe, type Plan } from './gain.js';
import { joinPieces, placer } from './join.js';
import { loudnessOf, type Loudness } from './loudness.js';
import { targetFor, type MasteringTarget } from './master.js';
import { samplesPerFrame } from './mp3.js';
import { pieceKey, piecesAt, type Made } from './pieces.js';
import type { SpeechCache } from './speech-cache.js';
import type { Timeline } from './timeline.js';
import { ffmpegToolkit, javascriptToolkit, type Encoder } from './toolkit.js';

/**
 * How close to the target (dB, within its tolerance) the narration must be
 * heard for its gain to stand; one further off is encoded again at the gain
 * its measurement asks for.
 */
const ACCEPT = 0.5;

export interface EncodedAudio {
  mp3: Buffer;
  /**
   * Loudness of the result, measured on the encoded MP3 decoded again (in
   * process, piece by piece).
   */
  loudness: Loudness;
  /** Seconds. */
  duration: number;
  encoder: Encoder;
  /** Where a moment of the narration's timeline (seconds) is heard in the MP3 (seconds). */
  place(seconds: number): number;
  /** Pieces encoded by this call (more than the MP3 holds when a first gain missed and was corrected), and pieces of the MP3 taken from the cache. */
  encoded: number;
  reused: number;
}

/** Whether a measurement meets the target, with `margin` to spare on both level and peak. */
export function meets(measured: Loudness, target: MasteringTarget, margin = 0): boolean {
  return Math.abs(levelOf(measured, target) - target.target) <= target.tolerance - margin && measured.truePeak <= target.ceiling - margin;
}

/** As the MP3 will be heard: its pieces decoded and measured. */
const heardLoudness = (pieces: Made[]): Loudness => ({
  ...loudnessOf(pieces.map((piece) => piece.info.meter)),
  truePeak: Math.max(...pieces.map((piece) => piece.info.truePeak)),
  samplePeak: Math.max(...pieces.map((piece) => piece.info.samplePeak)),
});

/**
 * Masters and encodes the narration piece by piece (a piece is a span of the
 * timeline, 20 s or a little more, cut in a pause), so that memory holds a
 * batch of pieces, never the whole narration, and so that an edit
 * re-encodes only the pieces whose samples changed: each encoded piece is
 * kept in the cache under its recipe (see recipe()), gain and settings.
 *
 * The gain is chosen before anything is encoded (see chooseGain); each piece
 * is then mastered once, encoded, decoded and measured (see piecesAt). Only
 * a narration heard further than ACCEPT from its target is made again.
 */
export async function masterAndEncode(
  timeline: Timeline,
  preset: MasteringTarget,
  store: SpeechCache,
  signal: AbortSignal,
  /** `javascript` forces the fallback even where ffmpeg exists (for tests). Default: ffmpeg when it runs here. */
  prefer: 'ffmpeg' | 'javascript' = 'ffmpeg',
): Promise<EncodedAudio> {
  const target = targetFor(preset, timeline.sampleRate);
  const tools = prefer === 'ffmpeg' && (await hasFfmpeg()) ? ffmpegToolkit : javascriptToolkit;
  const recipes = timeline.spans.map((span) => recipe(timeline, span));
  // The limiter works on true peaks; MP3 encoding adds up to about a decibel more.
  const plan: Plan = { timeline, target, store, signal, lanes: Math.max(1, os.availableParallelism()), recipes, ceiling: target.ceiling - 1, loss: tools.loss };
  const made = new Set<string>();
  let gainDb = await chooseGain(plan);
  let pieces = await piecesAt(plan, tools, gainDb, made);
  const heard = levelOf(heardLoudness(pieces), target);
  if (Number.isFinite(heard) && Math.abs(heard - target.target) > target.tolerance - ACCEPT) {
    gainDb = quantise(gainDb + target.target - heard);
    pieces = await piecesAt(plan, tools, gainDb, made);
  }
  const remake = async (index: number) => {
    await piecesAt(plan, tools, gainDb, made);
    const stored = await store.getPiece(pieceKey(plan, tools, index, gainDb));
    if (!stored) throw new Error('an MP3 piece of the narration could not be stored');
    return stored;
  };
  const mp3 = await joinPieces(pieces, target.kbps, target.sampleRate, store, signal, remake);
  const frames = pieces.reduce((sum, piece) => sum + piece.info.frames, 0);
  const duration = (frames * samplesPerFrame(target.sampleRate)) / target.sampleRate;
  const reused = pieces.filter((piece) => !made.has(piece.key)).length;
  return { mp3, loudness: heardLoudness(pieces), duration, encoder: tools.encoder, place: placer(timeline, pieces, target.sampleRate), encoded: made.size, reused };
}
