import type { Cue } from './synthesize.js';

function timestamp(seconds: number): string {
  const ms = Math.max(0, Math.round(seconds * 1000));
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(ms % 1000, 3)}`;
}

/** Cue text as WebVTT needs it: one line, with the characters that would start markup escaped. */
function cueText(text: string): string {
  return text.replace(/\s+/gu, ' ').trim().replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');
}

/** A cue as the captions give it: times rounded to the millisecond, clamped, with a unique identifier. */
export interface TimedCue {
  id: string;
  text: string;
  start: number;
  end: number;
}

const toMs = (seconds: number) => Math.max(0, Math.round(seconds * 1000)) / 1000;

/**
 * The cues as the WebVTT file writes them: monotonic, within the audio's
 * duration, to the millisecond, ids unique. Anything else that syncs to the
 * narration (the EPUB's Media Overlays) takes these, so it matches the captions.
 */
export function timedCues(cues: Cue[], duration: number): TimedCue[] {
  const out: TimedCue[] = [];
  let previousStart = 0;
  const seen = new Set<string>();
  for (const cue of cues) {
    const start = toMs(Math.min(Math.max(cue.start, previousStart), duration));
    const end = toMs(Math.min(Math.max(cue.end, start + 0.001), duration));
    if (end <= start) continue;
    previousStart = start;
    // Identifiers must be unique and may not contain "-->" or line breaks.
    let id = cue.id.replace(/-->|\s/gu, '_');
    if (id && seen.has(id)) id = `${id}_${seen.size}`;
    if (id) seen.add(id);
    out.push({ id, text: cue.text, start, end });
  }
  return out;
}

/**
 * WebVTT with one cue per sentence. Each cue's identifier is the id of the
 * element showing the sentence on the page, which the read-along script uses.
 * Times are clamped to be monotonic and within the audio's duration.
 */
export function webVtt(cues: Cue[], duration: number, note?: string): string {
  const blocks = ['WEBVTT'];
  if (note) blocks.push(`NOTE\n${note.replace(/-->/gu, '→')}`);
  for (const { id, start, end, text } of timedCues(cues, duration)) {
    blocks.push(`${id ? `${id}\n` : ''}${timestamp(start)} --> ${timestamp(end)}\n${cueText(text)}`);
  }
  return `${blocks.join('\n\n')}\n`;
}
