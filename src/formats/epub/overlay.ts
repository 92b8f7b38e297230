import type { AudioHandoff } from '../edition.js';
import { OPS_NS } from './xhtml.js';

export const SMIL_NS = 'http://www.w3.org/ns/SMIL';

/** One clip of the overlay: the element shown, and where the narration says it. */
export interface OverlayClip {
  id: string;
  start: number;
  end: number;
}

export interface Overlay {
  smil: string;
  clips: OverlayClip[];
  /** Seconds of narration the overlay plays: the sum of its clips. */
  duration: number;
}

const escape = (text: string) => text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/"/gu, '&quot;');

/** Seconds, to the millisecond, as the captions give them. */
export const seconds = (value: number) => `${(Math.round(value * 1000) / 1000).toFixed(3)}s`;

/** A SMIL clock value, `h:mm:ss.fff`, for `media:duration`. */
export function clock(value: number): string {
  const ms = Math.round(value * 1000);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = ((ms % 60_000) / 1000).toFixed(3).padStart(6, '0');
  return `${h}:${String(m).padStart(2, '0')}:${s}`;
}

/**
 * The Media Overlay of one content document: a `<par>` per caption cue (each
 * sentence, heading sentence, the title and the byline) whose element is in
 * the document, in playing order, with the cue's times. Headings are
 * sentences of their own, so each is its own `<par>`, which lets reading apps
 * skip by heading while they play. Cues of elements the document lacks are left out.
 */
export function mediaOverlay(audio: AudioHandoff, options: { content: string; section: string; audio: string; ids: Set<string> }): Overlay {
  const clips = audio.cues.filter((cue) => cue.id && options.ids.has(cue.id) && cue.end > cue.start);
  const pars = clips.map(
    (clip, i) =>
      `    <par id="par-${i + 1}">\n      <text src="${escape(`${options.content}#${clip.id}`)}"/>\n      <audio src="${escape(options.audio)}" clipBegin="${seconds(clip.start)}" clipEnd="${seconds(clip.end)}"/>\n    </par>`,
  );
  const smil = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<smil xmlns="${SMIL_NS}" xmlns:epub="${OPS_NS}" version="3.0">`,
    '  <body>',
    `  <seq id="seq-1" epub:textref="${escape(`${options.content}#${options.section}`)}" epub:type="bodymatter chapter">`,
    ...pars,
    '  </seq>',
    '  </body>',
    '</smil>',
    '',
  ].join('\n');
  const duration = clips.reduce((sum, clip) => sum + Math.round((clip.end - clip.start) * 1000), 0) / 1000;
  return { smil, clips, duration };
}
