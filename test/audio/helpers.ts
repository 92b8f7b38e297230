import { execFileSync, spawnSync } from 'node:child_process';

export interface ParsedCue {
  id: string;
  start: number;
  end: number;
  text: string;
}

const seconds = (stamp: string) => {
  const match = /^(?:(\d{2,}):)?(\d{2}):(\d{2})\.(\d{3})$/u.exec(stamp);
  if (!match) throw new Error(`bad WebVTT timestamp "${stamp}"`);
  return Number(match[1] ?? 0) * 3600 + Number(match[2]) * 60 + Number(match[3]) + Number(match[4]) / 1000;
};

/** A strict-enough WebVTT reader: signature, blocks separated by blank lines, optional id, timing line, text. */
export function parseVtt(text: string): ParsedCue[] {
  const [header, ...blocks] = text.replace(/\r\n/gu, '\n').trimEnd().split(/\n{2,}/u);
  if (!/^WEBVTT(?:[ \t].*)?$/u.test(header!.split('\n')[0]!)) throw new Error('missing WEBVTT signature');
  const cues: ParsedCue[] = [];
  for (const block of blocks) {
    if (!block.trim() || block.startsWith('NOTE')) continue;
    const lines = block.split('\n');
    const timingAt = lines.findIndex((line) => line.includes('-->'));
    if (timingAt < 0 || timingAt > 1) throw new Error(`block without a timing line: ${block}`);
    const [start, end] = lines[timingAt]!.split(/\s+-->\s+/u).map((part) => part.trim().split(/\s/u)[0]!);
    const cueText = lines.slice(timingAt + 1).join('\n');
    if (/<|&(?!amp;|lt;|gt;)/u.test(cueText)) throw new Error(`unescaped markup in cue: ${cueText}`);
    cues.push({ id: timingAt === 1 ? lines[0]! : '', start: seconds(start!), end: seconds(end!), text: cueText.replace(/&lt;/gu, '<').replace(/&gt;/gu, '>').replace(/&amp;/gu, '&') });
  }
  return cues;
}

export interface Probe {
  format: { duration: string; bit_rate: string; tags?: Record<string, string> };
  streams: { codec_name: string; sample_rate: string; channels: number; bit_rate?: string }[];
  chapters: { start_time: string; end_time: string; tags?: { title?: string } }[];
}

export function ffprobe(file: string): Probe {
  return JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', '-show_chapters', file], { encoding: 'utf8' })) as Probe;
}

export interface Measured {
  integrated: number;
  truePeak: number;
  rms: number;
  peak: number;
}

/** Loudness of a file as ffmpeg's ebur128 and astats filters see it (an independent check of the encoder's own figures). */
export function ebur128(file: string, args: string[] = []): Measured {
  const run = spawnSync('ffmpeg', ['-hide_banner', '-nostats', ...args, '-i', file, '-af', 'ebur128=peak=true,astats=measure_perchannel=none', '-f', 'null', '-'], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`ffmpeg failed: ${run.stderr}`);
  const log = run.stderr;
  const number = (pattern: RegExp) => {
    const value = pattern.exec(log)?.[1];
    if (value === undefined) throw new Error(`no ${pattern.source} in ffmpeg output`);
    return value === '-inf' ? -Infinity : Number(value);
  };
  return {
    integrated: number(/I:\s+(-?[\d.]+|-inf) LUFS\n\s+Threshold/u),
    truePeak: number(/True peak:\s+Peak:\s+(-?[\d.]+|-inf) dBFS/u),
    rms: number(/RMS level dB: (-?[\d.]+|-inf)/u),
    peak: number(/Peak level dB: (-?[\d.]+|-inf)/u),
  };
}

/** A short Markdown article whose middle paragraph starts with `middle`: edit that sentence to test what is spoken again. */
export const openingHours = (middle: string) => `---
title: Opening Hours
author: Sam Reed
date: 2025-03-01
lang: en
---

The library opens at nine on weekdays. Bring your card.

${middle} Children under twelve come with an adult.

The café closes at four. It reopens in May.
`;
