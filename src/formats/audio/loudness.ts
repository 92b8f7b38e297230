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

/** A biquad that keeps its state between blocks, so a signal can be filtered piece by piece. */
class Filter {
  private x1 = 0;
  private x2 = 0;
  private y1 = 0;
  private y2 = 0;
  constructor(private readonly q: Biquad) {}
  step(x: number): number {
    const { b, a } = this.q;
    const y = b[0] * x + b[1] * this.x1 + b[2] * this.x2 - a[0] * this.y1 - a[1] * this.y2;
    this.x2 = this.x1;
    this.x1 = x;
    this.y2 = this.y1;
    this.y1 = y;
    return y;
  }
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
    this.filters = kWeighting(rate).map((q) => new Filter(q));
    this.hop = Math.round(rate * 0.1);
  }

  add(samples: Float32Array): this {
    const [shelf, highPass] = this.filters as [Filter, Filter];
    for (let i = 0; i < samples.length; i++) {
      const x = samples[i]!;
      const weighted = highPass.step(shelf.step(x));
      this.hopSum += weighted * weighted;
      if (++this.hopFill === this.hop) {
        this.hops.push(this.hopSum);
        this.hopSum = 0;
        this.hopFill = 0;
      }
      this.squares += x * x;
      const level = Math.abs(x);
      if (level > this.peak) this.peak = level;
    }
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
