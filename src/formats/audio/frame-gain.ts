import { frameOffsets } from './mp3.js';

/**
 * Turning frames of an encoded MP3 down without encoding it again, as
 * mp3gain does for whole files: each granule's `global_gain` field (side
 * information, 8 bits) scales every value the decoder reconstructs in it by
 * 2^(¼ step), so one step less is 1.505 dB quieter and nothing else in the
 * stream changes. Here only some frames are turned down: a few granules
 * around a peak that encoding pushed over the ceiling. Where a turned-down
 * granule meets an untouched one the decoder's overlapping windows fade
 * from one level to the other over about 12 ms, and the time-domain
 * aliasing the two windows cancel between them is cancelled only in part
 * (about 22 dB under the signal for one step, in the same subbands); the
 * rest of the piece decodes sample for sample as before.
 */

/** One step of global_gain, in dB. */
export const STEP_DB = 20 * Math.log10(2 ** 0.25);

/** Bit offsets of each mono granule's global_gain from the start of the side information: MPEG-1 has two granules a frame, MPEG-2 one. */
const MPEG1_MONO = [39, 98];
const MPEG2_MONO = [30];

function readBits(bytes: Uint8Array, bit: number, count: number): number {
  let value = 0;
  for (let i = 0; i < count; i++) value = (value << 1) | ((bytes[(bit + i) >> 3]! >> (7 - ((bit + i) & 7))) & 1);
  return value;
}

function writeBits(bytes: Uint8Array, bit: number, count: number, value: number): void {
  for (let i = 0; i < count; i++) {
    const at = (bit + i) >> 3;
    const mask = 1 << (7 - ((bit + i) & 7));
    bytes[at] = (value >> (count - 1 - i)) & 1 ? bytes[at]! | mask : bytes[at]! & ~mask;
  }
}

/**
 * A copy of a mono Layer III stream (bare frames, no tags) with each frame
 * in `frames` turned down by its number of steps of global_gain (a granule
 * already at 0 stays there). Undefined when the stream is not one this can
 * change safely: stereo, or frames with a CRC (which the change would break).
 */
export function lowerEach(mp3: Uint8Array, frames: Map<number, number>): Uint8Array | undefined {
  const offsets = frameOffsets(mp3);
  const out = Uint8Array.prototype.slice.call(mp3);
  for (const [frame, steps] of frames) {
    if (frame < 0 || frame >= offsets.length - 1) continue;
    const at = offsets[frame]!;
    const b1 = out[at + 1]!;
    const mono = out[at + 3]! >> 6 === 3;
    const crc = (b1 & 1) === 0;
    if (!mono || crc) return undefined;
    const sideInfo = (at + 4) * 8;
    for (const bit of (b1 & 0x18) === 0x18 ? MPEG1_MONO : MPEG2_MONO) {
      const gain = readBits(out, sideInfo + bit, 8);
      writeBits(out, sideInfo + bit, 8, Math.max(0, gain - steps));
    }
  }
  return out;
}

/** Frames [from, to) turned down by `steps` each (see lowerEach). */
export const lowerFrames = (mp3: Uint8Array, from: number, to: number, steps: number): Uint8Array | undefined =>
  lowerEach(mp3, new Map(Array.from({ length: Math.max(0, to - from) }, (_, i) => [from + i, steps])));

/** The global_gain of every granule of a mono stream, in order (for tests and inspection). */
export function frameGains(mp3: Uint8Array): number[] {
  const offsets = frameOffsets(mp3);
  const gains: number[] = [];
  for (let frame = 0; frame < offsets.length - 1; frame++) {
    const at = offsets[frame]!;
    const bits = (mp3[at + 1]! & 0x18) === 0x18 ? MPEG1_MONO : MPEG2_MONO;
    for (const bit of bits) gains.push(readBits(mp3, (at + 4) * 8 + bit, 8));
  }
  return gains;
}

/** Samples of one granule, in MPEG-1 and MPEG-2 alike. */
const GRANULE = 576;
/** ffmpeg's decoding of granule g (of a stream without an Info frame) changes its output samples 576·g + 1 … 576·g + 1631 (measured). */
const REACH = 1631;

/**
 * The frames to turn down, and by how many steps, so that each point of a
 * decoded piece (indices into ffmpeg's decoding of it) comes under `limitDb`:
 * every frame whose granules reach the point, by the steps that point needs.
 */
export function framesToLower(points: { at: number; level: number }[], limitDb: number, samplesPerFrame: number): Map<number, number> {
  const granulesPerFrame = samplesPerFrame / GRANULE;
  const frames = new Map<number, number>();
  for (const { at, level } of points) {
    const steps = Math.max(1, Math.ceil((20 * Math.log10(level) - limitDb) / STEP_DB));
    const first = Math.floor(Math.max(0, at - REACH) / GRANULE / granulesPerFrame);
    const last = Math.floor(at / GRANULE / granulesPerFrame);
    for (let frame = first; frame <= last; frame++) frames.set(frame, Math.max(steps, frames.get(frame) ?? 0));
  }
  return frames;
}
