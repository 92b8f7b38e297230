import type { Loudness } from './ffmpeg.js';

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

function filter(samples: Float32Array, { b, a }: Biquad): Float64Array {
  const out = new Float64Array(samples.length);
  let x1 = 0, x2 = 0, y1 = 0, y2 = 0;
  for (let i = 0; i < samples.length; i++) {
    const x = samples[i]!;
    const y = b[0] * x + b[1] * x1 + b[2] * x2 - a[0] * y1 - a[1] * y2;
    x2 = x1; x1 = x; y2 = y1; y1 = y;
    out[i] = y;
  }
  return out;
}

/**
 * Loudness measured in JavaScript: integrated loudness per BS.1770-4 (400 ms
 * blocks, 75 % overlap, absolute and relative gates), RMS and sample peak.
 * Used when ffmpeg is missing; "true peak" is the sample peak of a 4×
 * linearly interpolated signal, an estimate only.
 */
export function measureLoudness(samples: Float32Array, rate: number): Loudness {
  const [shelf, highPass] = kWeighting(rate);
  const weighted = filter(Float32Array.from(filter(samples, shelf!)), highPass!);
  const block = Math.round(rate * 0.4);
  const hop = Math.round(rate * 0.1);
  const powers: number[] = [];
  for (let start = 0; start + block <= weighted.length; start += hop) {
    let sum = 0;
    for (let i = start; i < start + block; i++) sum += weighted[i]! * weighted[i]!;
    powers.push(sum / block);
  }
  const lufs = (power: number) => -0.691 + 10 * Math.log10(power);
  const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;
  const absolute = powers.filter((p) => lufs(p) > -70);
  const relativeGate = absolute.length ? lufs(mean(absolute)) - 10 : -Infinity;
  const gated = absolute.filter((p) => lufs(p) > relativeGate);
  let squares = 0;
  let peak = 0;
  let interPeak = 0;
  for (let i = 0; i < samples.length; i++) {
    const x = samples[i]!;
    squares += x * x;
    peak = Math.max(peak, Math.abs(x));
    const next = samples[i + 1] ?? x;
    for (const t of [0.25, 0.5, 0.75]) interPeak = Math.max(interPeak, Math.abs(x + (next - x) * t));
  }
  const db = (v: number) => 20 * Math.log10(v);
  return {
    integrated: gated.length ? lufs(mean(gated)) : -Infinity,
    truePeak: db(Math.max(peak, interPeak)),
    rms: 10 * Math.log10(squares / Math.max(1, samples.length)),
    samplePeak: db(peak),
  };
}
