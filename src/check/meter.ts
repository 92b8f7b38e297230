import { run } from '../formats/audio/engines/process.js';

/** What an independent meter (ffmpeg's ebur128 and astats filters, ffmpeg's own MP3 decoder) measures of an audio file. */
export interface MeasuredAudio {
  /** Integrated loudness, LUFS (EBU R 128). */
  integrated: number;
  /** True peak, dBTP (ebur128 resamples to 192 kHz). */
  truePeak: number;
  /** Sample peak, dBFS. */
  samplePeak: number;
  /** Whole-file RMS level, dB (astats), as ACX measures it. */
  rms: number;
  /** Loudness range, LU. */
  range: number;
}

/** A preset's limits, in the units ffmpeg prints (one decimal). */
export interface LoudnessLimits {
  name: 'podcast' | 'acx';
  /** Integrated loudness range allowed, LUFS (podcast). */
  integrated?: [number, number];
  /** RMS range allowed, dB (ACX). */
  rms?: [number, number];
  /** Highest true peak allowed, dBTP. */
  truePeak: number;
}

export const PODCAST_LIMITS: LoudnessLimits = { name: 'podcast', integrated: [-17, -15], truePeak: -1.5 };
/** ACX: RMS −23 to −18 dB, peak ≤ −3 dB (judged as true peak, the stricter reading). */
export const ACX_LIMITS: LoudnessLimits = { name: 'acx', rms: [-23, -18], truePeak: -3 };

/** One way an audio file misses its preset: a rule id and a sentence for a person. */
export interface AudioFinding {
  rule: 'audio-loudness' | 'audio-rms' | 'audio-true-peak';
  message: string;
}

const number = (text: string, pattern: RegExp, what: string): number => {
  const match = pattern.exec(text);
  if (!match) throw new Error(`ffmpeg printed no ${what}`);
  return match[1] === '-inf' ? -Infinity : Number(match[1]);
};

/** Measures an MP3 (or any file ffmpeg reads) with ffmpeg's ebur128 (true peak) and astats. */
export async function measureAudio(file: string, signal?: AbortSignal): Promise<MeasuredAudio> {
  const filters = 'ebur128=peak=true+sample,astats=measure_perchannel=none:measure_overall=RMS_level';
  const { stderr } = await run('ffmpeg', ['-hide_banner', '-nostats', '-nostdin', '-i', file, '-af', filters, '-f', 'null', '-'], { signal });
  const summary = stderr.slice(stderr.lastIndexOf('Summary:'));
  return {
    integrated: number(summary, /I:\s+(-?[\d.]+|-inf) LUFS/u, 'integrated loudness'),
    range: number(summary, /LRA:\s+(-?[\d.]+) LU/u, 'loudness range'),
    samplePeak: number(summary, /Sample peak:\s+Peak:\s+(-?[\d.]+|-inf) dBFS/u, 'sample peak'),
    truePeak: number(summary, /True peak:\s+Peak:\s+(-?[\d.]+|-inf) dBFS/u, 'true peak'),
    rms: number(stderr, /RMS level dB:\s+(-?[\d.]+|-inf)/u, 'RMS level'),
  };
}

/** What in a measurement misses the preset's limits (nothing when it passes). */
export function audioFindings(measured: MeasuredAudio, limits: LoudnessLimits): AudioFinding[] {
  const findings: AudioFinding[] = [];
  const [low, high] = limits.integrated ?? [-Infinity, Infinity];
  if (measured.integrated < low || measured.integrated > high) {
    findings.push({ rule: 'audio-loudness', message: `integrated loudness ${measured.integrated} LUFS is outside ${low} to ${high} LUFS (${limits.name}): listeners will reach for the volume between episodes` });
  }
  const [rmsLow, rmsHigh] = limits.rms ?? [-Infinity, Infinity];
  if (measured.rms < rmsLow || measured.rms > rmsHigh) {
    findings.push({ rule: 'audio-rms', message: `RMS level ${measured.rms.toFixed(1)} dB is outside ${rmsLow} to ${rmsHigh} dB (${limits.name})` });
  }
  if (measured.truePeak > limits.truePeak) {
    findings.push({ rule: 'audio-true-peak', message: `true peak ${measured.truePeak} dBTP is over ${limits.truePeak} dBTP (${limits.name}): some players will clip` });
  }
  return findings;
}
