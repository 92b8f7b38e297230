import { createHash } from 'node:crypto';
import os from 'node:os';
import { hasFfmpeg, type Mp3Format } from './ffmpeg.js';
import { mapLimited } from '../../common/map-limited.js';
import { LoudnessMeter, loudnessOf, type Loudness, type MeterState } from './loudness.js';
import { addRoomTone, gainAndLimit, type MasteringTarget } from './master.js';
import { measurePlayback, type Heard } from './playback.js';
import { mp3Buffer } from './id3.js';
import { countFrames, infoFrame, samplesPerFrame } from './mp3.js';
import type { SpeechCache } from './speech-cache.js';
import { renderSpan, type Span, type Timeline } from './timeline.js';
import { ffmpegToolkit, javascriptToolkit, type Encoder } from './toolkit.js';

/** Samples (at the MP3's rate) a decoder puts before the first input sample of a LAME-encoded piece: the encoder's 576 plus the decoder's 529. */
const CODEC_DELAY = 1105;

/** Gains move in steps of this many dB, so that a small edit keeps the gain and with it every untouched piece. */
const GAIN_STEP = 0.5;

/** How far under the ceiling each piece is kept, as heard (dB): the true peak estimate and the meter's agree to about 0.1 dB. */
const HEADROOM = 0.2;
/** Re-encodings of a piece heard over the ceiling: the first two limit harder, the later ones also turn the piece down. */
const RETRIES = 4;

/** Bump when mastering, encoding or hearing changes what a stored piece holds (9: heard by ffmpeg's decoder too, 8× true peak). */
const PIECE_FORMAT = 9;

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
  /** Pieces encoded by this call (one more than the MP3 holds when the first was encoded at a gain then corrected), and pieces of the MP3 taken from the cache. */
  encoded: number;
  reused: number;
}

const levelOf = (measured: Loudness, target: MasteringTarget) => (target.level === 'lufs' ? measured.integrated : measured.rms);
const peakOf = (measured: Loudness) => measured.truePeak;

/** Whether a measurement meets the target, with `margin` to spare on both level and peak. */
export function meets(measured: Loudness, target: MasteringTarget, margin = 0): boolean {
  return Math.abs(levelOf(measured, target) - target.target) <= target.tolerance - margin && peakOf(measured) <= target.ceiling - margin;
}

/** What is stored beside each encoded piece. */
interface PieceInfo extends Heard {
  frames: number;
}

const quantise = (db: number) => Math.round(db / GAIN_STEP) * GAIN_STEP;

/**
 * Most pieces encoded by one encoder start (see encodeMp3FramesMany). Each
 * is held mastered until the batch is encoded: about 1.3 MB per 20 s at
 * 16 kHz, so a few per core.
 */
const BATCH = 4;

/** Consecutive indices 0 … count−1 in batches of at most BATCH, as many batches as a multiple of `lanes` so that the lanes finish together. */
function batches(count: number, lanes: number): number[][] {
  const size = Math.max(1, Math.ceil(count / (lanes * Math.ceil(count / (lanes * BATCH)))));
  return Array.from({ length: Math.ceil(count / size) }, (_, b) => Array.from({ length: Math.min(size, count - b * size) }, (_, i) => b * size + i));
}

/**
 * What a span's samples are made of: its length, and each clip in it with its
 * stored key, the part used and where it sits. Equal recipes give equal
 * samples, so a span's measurements and encoding can be found again without
 * reading a single sample.
 */
function recipe(timeline: Timeline, span: Span): string {
  const parts: unknown[] = [timeline.sampleRate, span.end - span.start];
  for (const clip of timeline.clips) {
    if (clip.at + clip.length <= span.start || clip.at >= span.end) continue;
    parts.push([clip.key, clip.rate, clip.from, clip.to, clip.at - span.start, clip.length]);
  }
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 40);
}

/**
 * Masters and encodes the narration piece by piece (a piece is a span of the
 * timeline, 20 s or a little more, cut in a pause), so that memory
 * holds one piece per core, never the whole narration, and so that an edit
 * re-encodes only the pieces whose samples changed: each encoded piece is
 * kept in the cache under its recipe (see recipe()), gain and settings.
 *
 * The gain comes from the loudness of the whole, in 0.5 dB steps, and is
 * corrected for what the peak limiter takes off. Each piece's MP3 is decoded
 * and its true peak measured; a piece that overshoots the ceiling is limited
 * harder and encoded again. The pieces are joined behind one Info frame:
 * LAME pieces start with no bit reservoir, so they join cleanly, and the
 * joins fall in pauses. Cue times are moved by where each piece landed.
 */
export async function masterAndEncode(
  timeline: Timeline,
  target: MasteringTarget,
  store: SpeechCache,
  signal: AbortSignal,
  /** `javascript` forces the fallback even where ffmpeg exists (for tests). Default: ffmpeg when it runs here. */
  prefer: 'ffmpeg' | 'javascript' = 'ffmpeg',
): Promise<EncodedAudio> {
  const tools = prefer === 'ffmpeg' && (await hasFfmpeg()) ? ffmpegToolkit : javascriptToolkit;
  const rate = timeline.sampleRate;
  const { spans } = timeline;
  const lanes = Math.max(1, os.availableParallelism());
  const format: Mp3Format = { kbps: target.kbps, sampleRate: target.sampleRate };
  const mp3Rate = target.sampleRate;
  const frameSamples = samplesPerFrame(mp3Rate);

  // Each piece's level as synthesised: measured once, then kept in the cache under the piece's recipe.
  const recipes = spans.map((span) => recipe(timeline, span));
  const source = await mapLimited(spans, lanes, signal, async (span, index) => {
    const key = `${recipes[index]}s`;
    const known = await store.getNote<MeterState>(key);
    if (known) return known;
    const state = new LoudnessMeter(rate).add(await renderSpan(timeline, span)).state();
    await store.putNote(key, state);
    return state;
  });
  // The limiter works on true peaks; MP3 encoding adds up to about a decibel more.
  const ceiling = target.ceiling - 1;
  const keyOf = (index: number, gainDb: number) =>
    createHash('sha256')
      .update(JSON.stringify([PIECE_FORMAT, tools.encoder, recipes[index], gainDb, ceiling, target.kbps, mp3Rate, target.roomTone ?? null]))
      .digest('hex')
      .slice(0, 40);
  const master = async (index: number, gainDb: number, limit = ceiling) => {
    const mastered = gainAndLimit(await renderSpan(timeline, spans[index]!), rate, gainDb, limit);
    if (target.roomTone !== undefined) addRoomTone(mastered, target.roomTone, Number.parseInt(recipes[index]!.slice(0, 8), 16));
    return mastered;
  };

  // The limiter takes a little level off the gain's: measure the mastered pieces (or read what the cache measured) and correct.
  const measuredAt = new Map<string, MeterState>();
  const masteredMeter = async (index: number, gainDb: number): Promise<MeterState> => {
    // Kept apart from the piece (which may have been limited harder), so that every build chooses the same gain.
    const key = `${keyOf(index, gainDb)}m`;
    const known = measuredAt.get(key) ?? (await store.getNote<MeterState>(key));
    if (known) return known;
    const state = new LoudnessMeter(rate).add(await master(index, gainDb)).state();
    measuredAt.set(key, state);
    await store.putNote(key, state);
    return state;
  };
  // A narration with nothing loud enough to measure (all silence) keeps its level.
  const missBy = (states: MeterState[], aim: number) => {
    const level = levelOf(loudnessOf(states), target);
    return Number.isFinite(level) ? aim - level : 0;
  };
  /** The gain whose mastered pieces (all, or those listed) measure `aim`: the limiter takes a little off, so measure and correct. */
  const gainFor = async (aim: number, from: number, pieces = spans.map((_, index) => index)) => {
    let gainDb = from;
    for (let pass = 0; pass < 3; pass++) {
      const states = await mapLimited(pieces, lanes, signal, (index) => masteredMeter(index, gainDb));
      const next = quantise(gainDb + missBy(states, aim));
      if (next === gainDb) break;
      gainDb = next;
    }
    return gainDb;
  };

  /** Pieces encoded by this call (the others come from the cache). */
  const made = new Set<string>();
  type Piece = { key: string; mp3: Buffer; info: PieceInfo };
  const piece = (index: number, gainDb: number): Promise<Piece> => {
    const key = keyOf(index, gainDb);
    // Another article of the run may be making the very same piece (a copied article): it is made once.
    return store.once(key, () => makePiece(key, index, gainDb));
  };
  const makePiece = async (key: string, index: number, gainDb: number): Promise<Piece> => {
    const stored = await store.getPiece<PieceInfo>(key);
    if (stored) return { key, ...stored };
    return finish(key, index, gainDb, await tools.encode(await master(index, gainDb), rate, format, signal));
  };
  /**
   * Hears an encoded piece (with every decoder at hand) and stores it. One that encoding pushed too close
   * to the ceiling is limited harder by what it overshot and encoded again, this piece only; if that is
   * still not enough, the whole piece is also turned down by the overshoot, which always brings it under.
   */
  const finish = async (key: string, index: number, gainDb: number, encoded: Uint8Array, decoded?: Float32Array[]): Promise<Piece> => {
    let mp3 = encoded;
    let limit = ceiling;
    let trim = 0;
    for (let attempt = 0; ; attempt++) {
      const heard = await measurePlayback(mp3, decoded ?? (await tools.decodeMany([mp3], signal))[0]);
      const over = heard.truePeak - (target.ceiling - HEADROOM);
      if (over > 0 && attempt < RETRIES) {
        limit -= over + HEADROOM;
        if (attempt >= 2) trim -= over + HEADROOM;
        mp3 = await tools.encode(await master(index, gainDb + trim, limit + trim), rate, format, signal);
        decoded = undefined;
        continue;
      }
      const info: PieceInfo = { frames: countFrames(mp3), ...heard };
      await store.putPiece(key, mp3, info);
      made.add(key);
      return { key, mp3: Buffer.from(mp3), info };
    }
  };
  /** Several pieces, those not stored encoded together; each piece exactly as piece() makes it. */
  const pieceBatch = async (indices: number[], gainDb: number): Promise<Piece[]> => {
    const mine: { key: string; index: number; resolve: (piece: Piece) => void; reject: (error: unknown) => void }[] = [];
    let collecting = true;
    const results = indices.map((index) => {
      const key = keyOf(index, gainDb);
      // once() calls this at once unless a twin is making the piece; if the twin fails, later, the piece is made alone.
      return store.once(key, () => (collecting ? new Promise<Piece>((resolve, reject) => mine.push({ key, index, resolve, reject })) : makePiece(key, index, gainDb)));
    });
    collecting = false;
    try {
      const todo: typeof mine = [];
      for (const entry of mine) {
        const stored = await store.getPiece<PieceInfo>(entry.key);
        if (stored) entry.resolve({ key: entry.key, ...stored });
        else todo.push(entry);
      }
      if (todo.length) {
        const mastered: Float32Array[] = [];
        for (const entry of todo) mastered.push(await master(entry.index, gainDb));
        const encoded = await tools.encodeMany(mastered, rate, format, signal);
        mastered.length = 0;
        const decoded = await tools.decodeMany(encoded, signal);
        for (const [i, entry] of todo.entries()) entry.resolve(await finish(entry.key, entry.index, gainDb, encoded[i]!, decoded[i]));
      }
    } catch (error) {
      // Settles the ones not yet made (settling a settled promise does nothing).
      for (const entry of mine) entry.reject(error);
    }
    return Promise.all(results);
  };

  // Encoding takes some loudness away (about half a decibel), so the pieces are mastered that much
  // louder. How much is learnt once, by encoding and hearing one piece (the first unless it is short) at the
  // gain the unlimited source asks for, and kept, so that later builds choose the same gain without encoding
  // anything to find it.
  const lossKey = `${createHash('sha256').update(JSON.stringify(['loss', PIECE_FORMAT, tools.encoder, target.kbps, mp3Rate, target.level])).digest('hex').slice(0, 40)}l`;
  const unlimited = quantise(missBy(source, target.target));
  const longest = spans.reduce((best, span, i) => (span.end - span.start > spans[best]!.end - spans[best]!.start ? i : best), 0);
  const probe = spans[0]!.end - spans[0]!.start >= 10 * rate ? 0 : longest;
  let loss = await store.getNote<number>(lossKey);
  if (loss === undefined) {
    const heard = await piece(probe, unlimited);
    loss = levelOf(loudnessOf([await masteredMeter(probe, unlimited)]), target) - levelOf(loudnessOf([heard.info.meter]), target);
    if (!Number.isFinite(loss)) loss = 0;
    await store.putNote(lossKey, loss);
  }
  // The search over every piece starts from the gain that suits the probe piece alone (found in a few
  // masterings of one piece), where it most likely ends: one pass over the whole, not two.
  const gainDb = await gainFor(target.target + loss, await gainFor(target.target + loss, quantise(unlimited + loss), [probe]));
  // While the pieces are made, only what was measured of each is kept: their bytes are in the cache, and are
  // read back one at a time straight into their place in the MP3 (which has room in front for its tags), so
  // that the narration's MP3 is held once at the end of a build, not two or three times.
  const measured = async (batch: number[]) => (await pieceBatch(batch, gainDb)).map(({ key, mp3, info }) => ({ key, info, bytes: mp3.length }));
  const pieces = (await mapLimited(batches(spans.length, lanes), lanes, signal, measured)).flat();

  const frames = pieces.reduce((sum, piece) => sum + piece.info.frames, 0);
  const audioBytes = pieces.reduce((sum, piece) => sum + piece.bytes, 0);
  const head = infoFrame(target.kbps, mp3Rate, frames, audioBytes);
  const mp3 = mp3Buffer(head.length + audioBytes);
  mp3.set(head, 0);
  let offset = head.length;
  for (const [index, { key, bytes }] of pieces.entries()) {
    signal.throwIfAborted();
    // A piece gone from the cache since (removed by hand) is made again: the same key makes the same bytes.
    const stored = (await store.getPiece<PieceInfo>(key)) ?? (await piece(index, gainDb));
    if (stored.mp3.length !== bytes) throw new Error(`the stored MP3 piece ${key} changed while the narration was being joined`);
    mp3.set(stored.mp3, offset);
    offset += bytes;
  }
  const firstFrame: number[] = [];
  pieces.reduce((before, piece) => (firstFrame.push(before), before + piece.info.frames), 0);
  const place = (seconds: number) => {
    const at = seconds * rate;
    let index = spans.findIndex((span) => at < span.end);
    if (index < 0) index = spans.length - 1;
    const offset = firstFrame[index]! * frameSamples + CODEC_DELAY + ((at - spans[index]!.start) * mp3Rate) / rate;
    return offset / mp3Rate;
  };
  // As the MP3 will be heard: its pieces decoded and measured.
  const loudness: Loudness = {
    ...loudnessOf(pieces.map((piece) => piece.info.meter)),
    truePeak: Math.max(...pieces.map((piece) => piece.info.truePeak)),
    samplePeak: Math.max(...pieces.map((piece) => piece.info.samplePeak)),
  };
  return { mp3, loudness, duration: (frames * frameSamples) / mp3Rate, encoder: tools.encoder, place, encoded: made.size, reused: pieces.filter((piece) => !made.has(piece.key)).length };
}
