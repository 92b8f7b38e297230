import { readFile } from 'node:fs/promises';
import NodeID3 from 'node-id3';
import { tool } from './tools.js';

export interface Probe {
  duration: number;
  sampleRate: number;
  bitRate: number;
  codec: string;
  chapters: { start: number; end: number; title: string }[];
  tags: Record<string, string>;
}

/** ffprobe's view of the file: format, first stream, chapters. */
export async function probe(file: string, signal?: AbortSignal): Promise<Probe> {
  const run = await tool('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', '-show_chapters', file], signal);
  if (!run.ok) throw new Error(`ffprobe cannot read ${file}: ${run.stderr.trim().split('\n')[0]}`);
  const json = JSON.parse(run.stdout) as {
    format: { duration?: string; tags?: Record<string, string> };
    streams: { codec_name?: string; sample_rate?: string; bit_rate?: string }[];
    chapters: { start_time: string; end_time: string; tags?: { title?: string } }[];
  };
  const stream = json.streams[0] ?? {};
  return {
    duration: Number(json.format.duration ?? 0),
    sampleRate: Number(stream.sample_rate ?? 0),
    bitRate: Number(stream.bit_rate ?? 0),
    codec: stream.codec_name ?? '',
    chapters: json.chapters.map((c) => ({ start: Number(c.start_time), end: Number(c.end_time), title: c.tags?.title ?? '' })),
    tags: Object.fromEntries(Object.entries(json.format.tags ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
  };
}

export interface Loudness {
  integrated: number;
  truePeak: number;
  rms: number;
  peak: number;
}

/** ffmpeg's ebur128 (integrated loudness, true peak) and astats (RMS, sample peak) on the decoded file. */
export async function loudness(file: string, args: string[] = [], signal?: AbortSignal): Promise<Loudness> {
  const run = await tool('ffmpeg', ['-hide_banner', '-nostats', ...args, '-i', file, '-af', 'ebur128=peak=true,astats=measure_perchannel=none', '-f', 'null', '-'], signal);
  if (!run.ok) throw new Error(`ffmpeg cannot decode ${file}: ${run.stderr.trim().split('\n').pop()}`);
  const number = (pattern: RegExp) => {
    const value = pattern.exec(run.stderr)?.[1];
    return value === undefined || value === '-inf' ? -Infinity : Number(value);
  };
  return {
    integrated: number(/I:\s+(-?[\d.]+|-inf) LUFS\n\s+Threshold/u),
    truePeak: number(/True peak:\s+Peak:\s+(-?[\d.]+|-inf) dBFS/u),
    rms: number(/RMS level dB: (-?[\d.]+|-inf)/u),
    peak: number(/Peak level dB: (-?[\d.]+|-inf)/u),
  };
}

/** The ID3v2 frames that matter here: the table of contents and any preset a tool wrote. */
export interface Id3View {
  hasToc: boolean;
  tocChapters: number;
  language?: string;
  title?: string;
  preset?: string;
}

export function readId3(file: string): Id3View {
  const tags = NodeID3.read(file);
  const toc = tags.tableOfContents ?? [];
  const texts = tags.userDefinedText ?? [];
  const preset = texts.find((t) => /preset|mastering/iu.test(t.description))?.value;
  return { hasToc: toc.length > 0, tocChapters: toc.reduce((n, t) => n + (t.elements?.length ?? 0), 0), language: tags.language, title: tags.title, preset };
}

export interface Cue {
  start: number;
  end: number;
  text: string;
}

const time = (value: string): number => {
  const parts = value.split(':').map(Number);
  return parts.reduce((sum, part) => sum * 60 + part, 0);
};

/** WebVTT cues: times and text, NOTE and STYLE blocks skipped. */
export async function readVtt(file: string): Promise<{ cues: Cue[]; header: boolean }> {
  const text = (await readFile(file, 'utf8')).replace(/\r\n?/gu, '\n');
  const header = /^\uFEFF?WEBVTT\b/u.test(text);
  const cues: Cue[] = [];
  for (const block of text.split(/\n{2,}/u)) {
    const lines = block.split('\n');
    const at = lines.findIndex((line) => line.includes('-->'));
    if (at < 0 || /^(NOTE|STYLE|REGION)\b/u.test(lines[0] ?? '')) continue;
    const match = /^\s*([\d:.]+)\s+-->\s+([\d:.]+)/u.exec(lines[at]!);
    if (!match) continue;
    cues.push({ start: time(match[1]!), end: time(match[2]!), text: lines.slice(at + 1).join(' ').replace(/<[^>]+>/gu, '') });
  }
  return { cues, header };
}

/** Cue times as ffprobe reads the captions (an independent WebVTT parser). */
export async function probeCueTimes(file: string, signal?: AbortSignal): Promise<{ start: number; end: number }[] | undefined> {
  const run = await tool('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_entries', 'packet=pts_time,duration_time', file], signal);
  if (!run.ok) return undefined;
  const packets = (JSON.parse(run.stdout) as { packets?: { pts_time?: string; duration_time?: string }[] }).packets ?? [];
  return packets.map((p) => ({ start: Number(p.pts_time), end: Number(p.pts_time) + Number(p.duration_time ?? 0) }));
}
