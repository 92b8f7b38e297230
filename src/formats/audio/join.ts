import { mp3Buffer } from './id3.js';
import { infoFrame, samplesPerFrame } from './mp3.js';
import type { Made, PieceInfo } from './pieces.js';
import type { SpeechCache } from './speech-cache.js';
import type { Timeline } from './timeline.js';

/** Samples (at the MP3's rate) a decoder puts before the first input sample of a LAME-encoded piece: the encoder's 576 plus the decoder's 529. */
const CODEC_DELAY = 1105;

/**
 * The pieces joined behind one Info frame, read back from the cache one at a
 * time straight into their place in the MP3 (which has room in front for its
 * tags), so that the narration's MP3 is held once. LAME pieces start with no
 * bit reservoir, so they join cleanly, and the joins fall in pauses.
 * `remake` makes a piece again that was removed from the cache meanwhile
 * (by hand): the same key makes the same bytes.
 */
export async function joinPieces(pieces: Made[], kbps: number, mp3Rate: number, store: SpeechCache, signal: AbortSignal, remake: (index: number) => Promise<{ mp3: Buffer }>): Promise<Buffer> {
  const frames = pieces.reduce((sum, piece) => sum + piece.info.frames, 0);
  const audioBytes = pieces.reduce((sum, piece) => sum + piece.bytes, 0);
  const head = infoFrame(kbps, mp3Rate, frames, audioBytes);
  const mp3 = mp3Buffer(head.length + audioBytes);
  mp3.set(head, 0);
  let offset = head.length;
  for (const [index, { key, bytes }] of pieces.entries()) {
    signal.throwIfAborted();
    const stored = (await store.getPiece<PieceInfo>(key)) ?? (await remake(index));
    if (stored.mp3.length !== bytes) throw new Error(`the stored MP3 piece ${key} changed while the narration was being joined`);
    mp3.set(stored.mp3, offset);
    offset += bytes;
  }
  return mp3;
}

/** Where a moment of the narration's timeline (seconds) is heard in the joined MP3 (seconds): cue times move by where each piece landed. */
export function placer(timeline: Timeline, pieces: Made[], mp3Rate: number): (seconds: number) => number {
  const { spans, sampleRate: rate } = timeline;
  const frameSamples = samplesPerFrame(mp3Rate);
  const firstFrame: number[] = [];
  pieces.reduce((before, piece) => (firstFrame.push(before), before + piece.info.frames), 0);
  return (seconds: number) => {
    const at = seconds * rate;
    let index = spans.findIndex((span) => at < span.end);
    if (index < 0) index = spans.length - 1;
    const offset = firstFrame[index]! * frameSamples + CODEC_DELAY + ((at - spans[index]!.start) * mp3Rate) / rate;
    return offset / mp3Rate;
  };
}
