/** What the finished audio must measure. */
export interface MasteringTarget {
  name: 'podcast' | 'acx';
  /** Which level is aimed at: integrated loudness (LUFS) or whole-file RMS (dBFS). */
  level: 'lufs' | 'rms';
  /** The level aimed at. */
  target: number;
  /** Allowed distance from the target. */
  tolerance: number;
  /** Highest allowed peak (true peak for podcasts, dBTP; peak for ACX, dB). */
  ceiling: number;
  /** Constant bit rate, kbps. */
  kbps: number;
  /** The MP3's sample rate, Hz; with `followsSpeech`, the most it may be. */
  sampleRate: number;
  /** The MP3 takes the speech's own rate where MP3 has one at or under `sampleRate` (mp3RateFor). */
  followsSpeech?: boolean;
  /** Seconds before the first word and after the last. */
  head: number;
  tail: number;
  /** Room tone level (RMS dBFS) filling silences, or none for digital silence. */
  roomTone?: number;
}

/**
 * −16 LUFS, true peak ≤ −1.5 dBTP: the usual podcast loudness. Mono at 64 kbps, at the speech's own rate where
 * MP3 has it (16 kHz for flite, 22.05 kHz for espeak-ng; see mp3RateFor), at most 24 kHz, as speech services
 * deliver synthetic speech: a higher rate would only carry silence above the voice's band, and nearly double
 * libmp3lame's work (4.6 s of CPU against 2.5 s for the seed at 44.1 kHz against 24 kHz).
 */
export const PODCAST: MasteringTarget = { name: 'podcast', level: 'lufs', target: -16, tolerance: 1, ceiling: -1.5, kbps: 64, sampleRate: 24000, head: 0.3, tail: 1, followsSpeech: true };
/** ACX audiobook: RMS −23 to −18 dB, peak ≤ −3 dB, noise floor ≤ −60 dB, 192 kbps CBR at 44.1 kHz, room tone 0.5–1 s head and 1–5 s tail. */
export const ACX: MasteringTarget = { name: 'acx', level: 'rms', target: -20.5, tolerance: 2.5, ceiling: -3, kbps: 192, sampleRate: 44100, head: 0.75, tail: 2.5, roomTone: -72 };

// MPEG-2's sample rates (MPEG-1's are 32 kHz and up), lowest first.
const LOW_RATES = [16000, 22050, 24000];

/**
 * The target for speech at `speechRate`: with `followsSpeech`, the lowest MPEG-2 rate that holds the speech's
 * band, so nothing is resampled and libmp3lame codes no empty band (16 kHz speech: two thirds of its frames
 * at 24 kHz, with more bits for each); the preset's own rate for anything faster.
 */
export function targetFor(target: MasteringTarget, speechRate: number): MasteringTarget {
  if (!target.followsSpeech) return target;
  const rate = LOW_RATES.find((candidate) => candidate >= speechRate && candidate <= target.sampleRate) ?? target.sampleRate;
  return { ...target, sampleRate: rate };
}

const dbToGain = (db: number) => 10 ** (db / 20);

/** Scratch buffers of the limiter, kept between calls (it runs to completion, one call at a time): a narration's pieces are all about as long, so they are allocated about once. */
const scratch: Float32Array[] = [];
function buffer(slot: number, length: number): Float32Array {
  if ((scratch[slot]?.length ?? -1) < length) scratch[slot] = new Float32Array(Math.ceil(length * 1.25));
  return scratch[slot]!;
}

/**
 * Sliding minimum over a centred window of 2·radius+1 values, where values
 * outside the signal count as 1 (they are gains, all ≤ 1, so this is the
 * minimum over the part of the window inside the signal). van Herk and
 * Gil–Werman: within blocks of one window, a running minimum from each
 * block's start and one from its end; any window is one block's tail and the
 * next block's head. Written into `out` from index `radius`, with `radius`
 * ones each side, so the caller can read one window past either end.
 */
function slidingMin(values: Float32Array, n: number, radius: number, out: Float32Array): void {
  const width = 2 * radius + 1;
  // The signal padded with `radius` ones each side: window c covers padded[c … c + 2·radius].
  const length = n + 2 * radius;
  const padded = buffer(4, length);
  padded.fill(1, 0, radius);
  padded.set(values.subarray(0, n), radius);
  padded.fill(1, n + radius, length);
  const fromStart = buffer(2, length);
  const fromEnd = buffer(3, length);
  for (let start = 0; start < length; start += width) {
    const end = Math.min(length, start + width);
    let low = 1;
    for (let j = start; j < end; j++) {
      const value = padded[j]!;
      if (value < low) low = value;
      fromStart[j] = low;
    }
    low = 1;
    for (let j = end - 1; j >= start; j--) {
      const value = padded[j]!;
      if (value < low) low = value;
      fromEnd[j] = low;
    }
  }
  out.fill(1, 0, radius);
  for (let c = 0; c < n; c++) {
    const last = c + 2 * radius;
    out[c + radius] = last < length ? Math.min(fromEnd[c]!, fromStart[last]!) : fromEnd[c]!;
  }
  out.fill(1, n + radius, n + 2 * radius + 1);
}

/** Taps each side of the interpolation point, and the phases between two samples that are checked. */
const TAPS = 6;
const PHASES = [0.25, 0.5, 0.75];

/** Windowed-sinc coefficients for each phase, for taps at offsets −TAPS+1 … TAPS from the sample before the point. */
const KERNELS = PHASES.map((phase) =>
  Float64Array.from({ length: 2 * TAPS }, (_, j) => {
    const t = j - TAPS + 1 - phase;
    const sinc = t === 0 ? 1 : Math.sin(Math.PI * t) / (Math.PI * t);
    return sinc * 0.5 * (1 + Math.cos((Math.PI * t) / (TAPS + 0.5)));
  }),
);

/** Most an interpolated point can be, as a multiple of the largest sample in reach. */
const REACH = Math.max(...KERNELS.map((kernel) => kernel.reduce((sum, c) => sum + Math.abs(c), 0)));
const [K0, K1, K2] = KERNELS as [Float64Array, Float64Array, Float64Array];

/** The largest of the three points interpolated between sample i and the next. */
function between(samples: Float32Array, i: number): number {
  const n = samples.length;
  const base = i - TAPS + 1;
  let a = 0;
  let b = 0;
  let c = 0;
  if (base >= 0 && base + 2 * TAPS <= n) {
    for (let j = 0; j < 2 * TAPS; j++) {
      const x = samples[base + j]!;
      a += x * K0[j]!;
      b += x * K1[j]!;
      c += x * K2[j]!;
    }
  } else {
    for (let j = 0; j < 2 * TAPS; j++) {
      const k = base + j;
      if (k < 0 || k >= n) continue;
      const x = samples[k]!;
      a += x * K0[j]!;
      b += x * K1[j]!;
      c += x * K2[j]!;
    }
  }
  return Math.max(Math.abs(a), Math.abs(b), Math.abs(c));
}

/**
 * Each sample's level including the peaks between it and the next, as a
 * 4× oversampled signal shows them (the way BS.1770 measures true peak). At
 * 16 or 22 kHz these inter-sample peaks reach 2–3 dB above the samples, and
 * they are what the MP3 will show once it is resampled to its rate. Only
 * levels above `floor` matter to the caller, so points are interpolated only
 * near samples loud enough to reach it; elsewhere the sample's own level is
 * given.
 */
export function truePeakEnvelope(samples: Float32Array, floor = 0, out: Float32Array = new Float32Array(samples.length)): Float32Array {
  const n = samples.length;
  for (let i = 0; i < n; i++) out[i] = Math.abs(samples[i]!);
  const threshold = floor / REACH;
  // Sample k is a tap of the points after samples k−TAPS … k+TAPS−1.
  let done = -1;
  for (let k = 0; k < n; k++) {
    if (out[k]! < threshold) continue;
    const to = Math.min(n - 1, k + TAPS - 1);
    for (let i = Math.max(done + 1, k - TAPS); i <= to; i++) {
      const level = between(samples, i);
      if (level > out[i]!) out[i] = level;
    }
    done = to;
  }
  return out;
}

/** The sample peak of a signal and its true peak by the same interpolation (linear). */
export function peaksOf(samples: Float32Array): { samplePeak: number; truePeak: number } {
  const n = samples.length;
  let samplePeak = 0;
  for (let i = 0; i < n; i++) samplePeak = Math.max(samplePeak, Math.abs(samples[i]!));
  // Only points near samples within reach of the sample peak can exceed it. The same points as
  // truePeakEnvelope(samples, samplePeak) would compute, rounded as it stores them, without an envelope to hold.
  const threshold = samplePeak / REACH;
  let truePeak = samplePeak;
  let done = -1;
  for (let k = 0; k < n; k++) {
    if (Math.abs(samples[k]!) < threshold) continue;
    const to = Math.min(n - 1, k + TAPS - 1);
    for (let i = Math.max(done + 1, k - TAPS); i <= to; i++) {
      const level = Math.fround(between(samples, i));
      if (level > truePeak) truePeak = level;
    }
    done = to;
  }
  return { samplePeak, truePeak };
}

/**
 * Applies a gain, then a look-ahead true-peak limiter so no sample exceeds the
 * ceiling, in place (the samples given are the mastered result). The gain
 * curve is the windowed minimum of the gain each sample needs, averaged over
 * the same window (so it never exceeds what any sample in reach needs), then
 * released slowly to avoid pumping.
 */
export function gainAndLimit(samples: Float32Array, sampleRate: number, gainDb: number, ceilingDb: number): Float32Array {
  const n = samples.length;
  const gain = dbToGain(gainDb);
  const ceiling = dbToGain(ceilingDb);
  const needed = truePeakEnvelope(samples, ceiling / gain, buffer(0, n));
  let limited = false;
  for (let i = 0; i < n; i++) {
    const level = needed[i]! * gain;
    if (level > ceiling) {
      needed[i] = ceiling / level;
      limited = true;
    } else needed[i] = 1;
  }
  // Nothing reaches the ceiling: the gain curve below would be 1 throughout.
  if (!limited) {
    for (let i = 0; i < n; i++) samples[i] = samples[i]! * gain;
    return samples;
  }
  const radius = Math.max(1, Math.round(sampleRate * 0.004));
  // floor[k] for k in −radius … n + radius sits at padded[k + radius] (ones outside the signal: no reduction needed there).
  const padded = buffer(1, n + 2 * radius + 1);
  slidingMin(needed, n, radius, padded);
  const width = 2 * radius + 1;
  // The window's sum, slid along: the window around sample i is floor[i − radius … i + radius].
  let sum = 0;
  for (let k = 0; k < width; k++) sum += padded[k]!;
  const release = 1 - Math.exp(-1 / (sampleRate * 0.08));
  let current = 1;
  for (let i = 0; i < n; i++) {
    current = Math.min(sum / width, current + (1 - current) * release);
    samples[i] = samples[i]! * gain * current;
    sum += padded[i + width]! - padded[i]!;
  }
  return samples;
}

/** Deterministic low-level noise standing in for room tone (ACX rejects digital silence). */
export function addRoomTone(samples: Float32Array, rmsDb: number, seed = 0x2545f491): Float32Array {
  const amplitude = dbToGain(rmsDb) * Math.sqrt(3);
  seed |= 0;
  if (seed === 0) seed = 0x2545f491;
  let previous = 0;
  for (let i = 0; i < samples.length; i++) {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    const white = ((seed >>> 0) / 0xffffffff) * 2 - 1;
    // A gentle low-pass makes it sound like a room rather than hiss.
    previous = previous * 0.6 + white * 0.4;
    samples[i] = samples[i]! + previous * amplitude * 2;
  }
  return samples;
}
