import { createHash } from 'node:crypto';
import type { Mp3Format } from './ffmpeg.js';
import { master, type Plan } from './gain.js';
import { countFrames } from './mp3.js';
import { measurePlayback, type Heard } from './playback.js';
import type { Toolkit } from './toolkit.js';

/** How far under the ceiling each piece is kept, as heard (dB): the true peak estimate and the meter's agree to about 0.1 dB. */
const HEADROOM = 0.2;
/** Re-encodings of a piece heard over the ceiling: the first two limit harder, the later ones also turn the piece down. */
const RETRIES = 4;
/**
 * Most pieces encoded by one ffmpeg: starting one costs about 0.15 s of CPU,
 * as much as encoding two 20 s pieces, so pieces share a start; while it
 * encodes, the next batch is mastered. Each is held mastered until its
 * batch is encoded: about 1.3 MB per 20 s at 16 kHz.
 */
const BATCH = 8;

/** Bump when mastering, encoding or hearing changes what a stored piece holds (10: heard by ffmpeg's decoder alone where ffmpeg runs). */
const PIECE_FORMAT = 10;

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
 * Masters and encodes the jobs' pieces, a batch per ffmpeg, mastering the
 * next batch while ffmpeg encodes the last (the two run on different cores).
 */
async function encodeAll(plan: Plan, tools: Toolkit, gainDb: number, jobs: Job[]): Promise<Uint8Array[]> {
  const format: Mp3Format = { kbps: plan.target.kbps, sampleRate: plan.target.sampleRate };
  const encoded: Uint8Array[] = [];
  let pending: Promise<void> | undefined;
  for (let from = 0; from < jobs.length; from += BATCH) {
    const mastered: Float32Array[] = [];
    for (const job of jobs.slice(from, from + BATCH)) mastered.push(await master(plan, job.index, gainDb + job.trim, job.limit + job.trim));
    await pending;
    const encoding = tools.encodeMany(mastered, plan.timeline.sampleRate, format, plan.signal).then((bytes) => void encoded.push(...bytes));
    // Awaited above on the next turn; until then a failure must not count as unhandled.
    encoding.catch(() => undefined);
    pending = encoding;
  }
  await pending;
  return encoded;
}

/**
 * Makes the jobs' pieces: encodes them all, then hears each (decoded by
 * ffmpeg, one ffmpeg for all; by mpg123 where there is no ffmpeg, see
 * playback.ts) and stores it. One that
 * encoding pushed too close to the ceiling is limited harder by what it
 * overshot and encoded again in the next round, with the others that
 * overshot; if that is still not enough, it is also turned down by the
 * overshoot, which always brings it under.
 */
async function makeAll(plan: Plan, tools: Toolkit, gainDb: number, jobs: Job[]): Promise<void> {
  const limit = plan.target.ceiling - HEADROOM;
  let round = jobs;
  while (round.length) {
    const encoded = await encodeAll(plan, tools, gainDb, round);
    const again: Job[] = [];
    await tools.decodeEach(encoded, plan.signal, async (decoded, i) => {
      const job = round[i]!;
      const mp3 = encoded[i]!;
      const heard = await measurePlayback(mp3, decoded);
      const over = heard.truePeak - limit;
      if (over > 0 && job.attempt < RETRIES) {
        job.limit -= over + HEADROOM;
        if (job.attempt >= 2) job.trim -= over + HEADROOM;
        job.attempt += 1;
        again.push(job);
        return;
      }
      const info: PieceInfo = { frames: countFrames(mp3), ...heard };
      await plan.store.putPiece(job.key, mp3, info);
      job.resolve({ key: job.key, info, bytes: mp3.length });
    });
    round = again;
  }
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
    new Promise<Made>((resolve, reject) => mine.push({ index, key, limit: plan.ceiling, trim: 0, attempt: 0, resolve, reject }));
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
