import { createHash } from 'node:crypto';
import type { Mp3Format } from './ffmpeg.js';
import { master, type Plan } from './gain.js';
import { framesToLower, lowerEach } from './frame-gain.js';
import { countFrames, samplesPerFrame } from './mp3.js';
import { measurePlayback, type Heard } from './playback.js';
import type { Toolkit } from './toolkit.js';
import { overshoots } from './true-peak.js';

/** How far under the ceiling each piece is kept, as heard (dB): the true peak estimate and the meter's agree to about 0.1 dB. */
const HEADROOM = 0.2;
/** Re-encodings of a piece heard over the ceiling: the first two limit harder, the later ones also turn the piece down. */
const RETRIES = 4;
/** Times a piece heard over the ceiling has the frames around its overshoots turned down (frame-gain.ts) before it is encoded again instead. */
const PATCHES = 2;
/** Bump when mastering, encoding or hearing changes what a stored piece holds (11: overshoots turned down in the frames, not re-encoded). */
const PIECE_FORMAT = 11;

/** What is stored beside each encoded piece. */
export interface PieceInfo extends Heard {
  frames: number;
}

/** A piece of the narration's MP3, as measured; its bytes wait in the cache. */
export interface Made {
  key: string;
  info: PieceInfo;
  bytes: number;
}

/** A piece being made: how hard it is limited, and how much it is turned down, on this attempt. */
interface Job {
  index: number;
  key: string;
  limit: number;
  trim: number;
  attempt: number;
  /** Times its frames were turned down, and its bytes waiting to be heard (none: to be encoded). */
  patches: number;
  mp3?: Uint8Array;
  resolve: (made: Made) => void;
  reject: (error: unknown) => void;
}

/** The cache key of a span's piece at a gain: its recipe and everything that makes its bytes. */
export function pieceKey(plan: Plan, tools: Toolkit, index: number, gainDb: number): string {
  const { target, recipes, ceiling } = plan;
  const parts = [PIECE_FORMAT, tools.encoder, recipes[index], gainDb, ceiling, target.kbps, target.sampleRate, target.roomTone ?? null];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 40);
}

/**
 * Masters and encodes the jobs' pieces: one ffmpeg for all of them (see
 * encodeMp3FramesEach), each piece mastered as ffmpeg's input is written, so
 * memory holds one mastered piece at a time.
 */
function encodeAll(plan: Plan, tools: Toolkit, gainDb: number, jobs: Job[]): Promise<Uint8Array[]> {
  const format: Mp3Format = { kbps: plan.target.kbps, sampleRate: plan.target.sampleRate };
  const piece = (i: number) => master(plan, jobs[i]!.index, gainDb + jobs[i]!.trim, jobs[i]!.limit + jobs[i]!.trim);
  return tools.encodeEach(jobs.length, piece, plan.timeline.sampleRate, format, plan.signal);
}

/**
 * Makes the jobs' pieces: encodes them all, then hears each (decoded by
 * ffmpeg, one ffmpeg for all; by mpg123 where there is no ffmpeg, see
 * playback.ts) and stores it. One that encoding pushed over the ceiling is
 * mended (see mend) and heard again in the next round, with the others.
 */
async function makeAll(plan: Plan, tools: Toolkit, gainDb: number, jobs: Job[]): Promise<void> {
  const limit = plan.target.ceiling - HEADROOM;
  let round = jobs;
  while (round.length) {
    const fresh = round.filter((job) => !job.mp3);
    const encoded = await encodeAll(plan, tools, gainDb, fresh);
    fresh.forEach((job, i) => (job.mp3 = encoded[i]));
    const again: Job[] = [];
    const heard = round;
    await tools.decodeEach(heard.map((job) => job.mp3!), plan.signal, async (decoded, i) => {
      const job = heard[i]!;
      const mp3 = job.mp3!;
      const measured = await measurePlayback(mp3, decoded);
      const over = measured.truePeak - limit;
      if (over > 0 && job.attempt < RETRIES) {
        mend(plan, job, limit, over, decoded);
        again.push(job);
        return;
      }
      const info: PieceInfo = { frames: countFrames(mp3), ...measured };
      await plan.store.putPiece(job.key, mp3, info);
      job.resolve({ key: job.key, info, bytes: mp3.length });
    });
    round = again;
  }
}

/**
 * A piece heard `over` dB over the limit: the frames that make each point
 * over it are turned down by the steps that point needs (frame-gain.ts), no
 * encoding needed; a piece still over after PATCHES of those, or heard by
 * mpg123 (no decoded samples to find the points in), is encoded again,
 * limited harder by what it overshot, and from the third attempt also
 * turned down by it, which always brings it under.
 */
function mend(plan: Plan, job: Job, limit: number, over: number, decoded: Float32Array | undefined): void {
  if (decoded && job.patches < PATCHES) {
    const frames = framesToLower(overshoots(decoded, 10 ** (limit / 20)), limit, samplesPerFrame(plan.target.sampleRate));
    const patched = frames.size ? lowerEach(job.mp3!, frames) : undefined;
    if (patched) {
      job.mp3 = patched;
      job.patches += 1;
      return;
    }
  }
  job.mp3 = undefined;
  job.limit -= over + HEADROOM;
  if (job.attempt >= 2) job.trim -= over + HEADROOM;
  job.attempt += 1;
}

/**
 * Every span's piece at one gain: those stored are read from the cache, the
 * others made together (see makeAll). `made` collects the keys of the
 * pieces made by this call.
 */
export async function piecesAt(plan: Plan, tools: Toolkit, gainDb: number, made: Set<string>): Promise<Made[]> {
  const mine: Job[] = [];
  let collecting = true;
  const job = (index: number, key: string) =>
    new Promise<Made>((resolve, reject) => mine.push({ index, key, limit: plan.ceiling, trim: 0, attempt: 0, patches: 0, resolve, reject }));
  // Another article of the run may be making the very same piece (a copied article): it is made once.
  const alone = async (index: number, key: string) => {
    const result = job(index, key);
    await settle(plan, tools, gainDb, mine.splice(0), made);
    return result;
  };
  const results = plan.timeline.spans.map((_, index) => {
    const key = pieceKey(plan, tools, index, gainDb);
    // once() calls this at once unless a twin is making the piece; if the twin fails, later, the piece is made alone.
    return plan.store.once(key, () => (collecting ? job(index, key) : alone(index, key)));
  });
  collecting = false;
  await settle(plan, tools, gainDb, mine.splice(0), made);
  return Promise.all(results);
}

/** Resolves the jobs: from the cache where stored, else made; on a failure every job not yet made fails with it. */
async function settle(plan: Plan, tools: Toolkit, gainDb: number, jobs: Job[], made: Set<string>): Promise<void> {
  try {
    const todo: Job[] = [];
    for (const job of jobs) {
      const stored = await plan.store.getPiece<PieceInfo>(job.key);
      if (stored) job.resolve({ key: job.key, info: stored.info, bytes: stored.mp3.length });
      else todo.push(job);
    }
    for (const job of todo) {
      const resolve = job.resolve;
      job.resolve = (piece) => (made.add(piece.key), resolve(piece));
    }
    await makeAll(plan, tools, gainDb, todo);
  } catch (error) {
    // Settles the ones not yet made (settling a settled promise does nothing).
    for (const job of jobs) job.reject(error);
  }
}
