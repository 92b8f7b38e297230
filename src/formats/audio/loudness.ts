/** What is measured of a narration. */
export interface Loudness {
  /** Integrated loudness, LUFS (EBU R 128 / ITU-R BS.1770). */
  integrated: number;
  /** True peak, dBTP. */
  truePeak: number;
  /** Whole-file RMS level, dBFS, as ACX measures it. */
  rms: number;
  /** Sample peak, dBFS. */
  samplePeak: number;
}

interface Biquad {
  b: [number, number, number];
  a: [number, number];
}

/** ITU-R BS.1770 K-weighting for any sample rate (the two filters' analogue prototypes, bilinear-transformed). */
function kWeighting(rate: number): Biquad[] {
  const shelf = (() => {
    const f0 = 1681.974450955533;
    const gain = 3.999843853973347;
    const q = 0.7071752369554196;
    const k = Math.tan((Math.PI * f0) / rate);
    const vh = 10 ** (gain / 20);
    const vb = vh ** 0.4996667741545416;
    const a0 = 1 + k / q + k * k;
    return { b: [(vh + (vb * k) / q + k * k) / a0, (2 * (k * k - vh)) / a0, (vh - (vb * k) / q + k * k) / a0], a: [(2 * (k * k - 1)) / a0, (1 - k / q + k * k) / a0] } as Biquad;
  })();
  const highPass = (() => {
    const f0 = 38.13547087602444;
    const q = 0.5003270373238773;
    const k = Math.tan((Math.PI * f0) / rate);
    const a0 = 1 + k / q + k * k;
    return { b: [1, -2, 1], a: [(2 * (k * k - 1)) / a0, (1 - k / q + k * k) / a0] } as Biquad;
  })();
  return [shelf, highPass];
}

/** A biquad's coefficients and the state it keeps between blocks, so that a signal can be filtered piece by piece. */
interface Filter {
  q: Biquad;
  x1: number;
  x2: number;
  y1: number;
  y2: number;
}

/**
 * Loudness measured in JavaScript, fed block by block so that a long
 * narration is never held whole: integrated loudness per BS.1770-4 (400 ms
 * blocks, 75 % overlap, absolute and relative gates), RMS and sample peak.
 * "True peak" is the sample peak here, an underestimate; where ffmpeg runs,
 * true peaks are measured on the encoded MP3 instead.
 */
export class LoudnessMeter {
  private readonly filters: Filter[];
  private readonly hop: number;
  /** Sum of squared K-weighted samples per 100 ms hop; a 400 ms block is four of them. */
  private readonly hops: number[] = [];
  private hopSum = 0;
  private hopFill = 0;
  private squares = 0;
  private count = 0;
  private peak = 0;

  constructor(rate: number) {
    this.filters = kWeighting(rate).map((q) => ({ q, x1: 0, x2: 0, y1: 0, y2: 0 }));
    this.hop = Math.round(rate * 0.1);
  }

  add(samples: Float32Array): this {
    // The hot loop of every measurement: both filters' coefficients and state live in locals here, and are
    // stored back afterwards (the same arithmetic, in the same order, as a step() call per filter and sample).
    const [shelf, highPass] = this.filters as [Filter, Filter];
    const [sb0, sb1, sb2] = shelf.q.b;
    const [sa1, sa2] = shelf.q.a;
    const [hb0, hb1, hb2] = highPass.q.b;
    const [ha1, ha2] = highPass.q.a;
    let { x1: sx1, x2: sx2, y1: sy1, y2: sy2 } = shelf;
    let { x1: hx1, x2: hx2, y1: hy1, y2: hy2 } = highPass;
    const { hop, hops } = this;
    let { hopSum, hopFill, squares, peak } = this;
    for (let i = 0; i < samples.length; i++) {
      const x = samples[i]!;
      const shelved = sb0 * x + sb1 * sx1 + sb2 * sx2 - sa1 * sy1 - sa2 * sy2;
      sx2 = sx1;
      sx1 = x;
      sy2 = sy1;
      sy1 = shelved;
      const weighted = hb0 * shelved + hb1 * hx1 + hb2 * hx2 - ha1 * hy1 - ha2 * hy2;
      hx2 = hx1;
      hx1 = shelved;
      hy2 = hy1;
      hy1 = weighted;
      hopSum += weighted * weighted;
      if (++hopFill === hop) {
        hops.push(hopSum);
        hopSum = 0;
        hopFill = 0;
      }
      squares += x * x;
      const level = Math.abs(x);
      if (level > peak) peak = level;
    }
    [shelf.x1, shelf.x2, shelf.y1, shelf.y2] = [sx1, sx2, sy1, sy2];
    [highPass.x1, highPass.x2, highPass.y1, highPass.y2] = [hx1, hx2, hy1, hy2];
    this.hopSum = hopSum;
    this.hopFill = hopFill;
    this.squares = squares;
    this.peak = peak;
    this.count += samples.length;
    return this;
  }

  /** What has been measured so far, in a form that can be stored and combined with other stretches' (see loudnessOf). */
  state(): MeterState {
    return { hop: this.hop, hops: [...this.hops], squares: this.squares, count: this.count, peak: this.peak };
  }

  result(): Loudness {
    return loudnessOf([this.state()]);
  }
}

/** A LoudnessMeter's accumulated measurements. */
export interface MeterState {
  /** Samples per 100 ms hop. */
  hop: number;
  /** Sum of squared K-weighted samples per hop. */
  hops: number[];
  squares: number;
  count: number;
  peak: number;
}

/**
 * The loudness of stretches measured one after another, as if measured in
 * one go. Blocks straddling two stretches are missed; stretches meet in
 * pauses, so nothing that passes the gates is lost.
 */
export function loudnessOf(states: MeterState[]): Loudness {
  const hop = states[0]?.hop ?? 1;
  const lufs = (power: number) => -0.691 + 10 * Math.log10(power);
  const powers: number[] = [];
  let squares = 0;
  let count = 0;
  let peak = 0;
  for (const state of states) {
    const { hops } = state;
    for (let start = 0; start + 4 <= hops.length; start++) powers.push((hops[start]! + hops[start + 1]! + hops[start + 2]! + hops[start + 3]!) / (4 * hop));
    squares += state.squares;
    count += state.count;
    peak = Math.max(peak, state.peak);
  }
  const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;
  const absolute = powers.filter((p) => lufs(p) > -70);
  const relativeGate = absolute.length ? lufs(mean(absolute)) - 10 : -Infinity;
  const gated = absolute.filter((p) => lufs(p) > relativeGate);
  const db = (v: number) => 20 * Math.log10(v);
  return {
    integrated: gated.length ? lufs(mean(gated)) : -Infinity,
    truePeak: db(peak),
    rms: 10 * Math.log10(squares / Math.max(1, count)),
    samplePeak: db(peak),
  };
}

/** Loudness of a whole signal held in memory (see LoudnessMeter). */
export function measureLoudness(samples: Float32Array, rate: number): Loudness {
  return new LoudnessMeter(rate).add(samples).result();
}
