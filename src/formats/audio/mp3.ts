/** MPEG-1 Layer III bit rates (kbps) by header index. */
const BIT_RATES = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const SAMPLE_RATES = [44100, 48000, 32000];

export const SAMPLES_PER_FRAME = 1152;

/** The frames of an MPEG-1 Layer III stream (no tags), counted by walking their headers. */
export function countFrames(bytes: Uint8Array): number {
  let offset = 0;
  let frames = 0;
  while (offset + 4 <= bytes.length) {
    const b1 = bytes[offset + 1]!;
    const b2 = bytes[offset + 2]!;
    if (bytes[offset] !== 0xff || (b1 & 0xfe) !== 0xfa) throw new Error(`not an MPEG-1 Layer III frame at byte ${offset}`);
    const kbps = BIT_RATES[b2 >> 4];
    const rate = SAMPLE_RATES[(b2 >> 2) & 3];
    if (!kbps || !rate) throw new Error(`bad MP3 frame header at byte ${offset}`);
    offset += Math.floor((144000 * kbps) / rate) + ((b2 >> 1) & 1);
    frames += 1;
  }
  if (offset !== bytes.length) throw new Error('MP3 stream ends inside a frame');
  return frames;
}

/**
 * A Xing "Info" frame for a constant-bit-rate mono 44.1 kHz stream: it tells
 * players the number of frames and bytes, so they show the exact duration
 * and seek without scanning. Its audio is silence, and decoders skip it.
 */
export function infoFrame(kbps: number, frames: number, audioBytes: number): Uint8Array {
  const index = BIT_RATES.indexOf(kbps);
  if (index < 1) throw new Error(`no MP3 bit rate of ${kbps} kbps`);
  const length = Math.floor((144000 * kbps) / 44100);
  const frame = new Uint8Array(length);
  const view = new DataView(frame.buffer);
  // Sync, MPEG-1, Layer III, no CRC; bit rate; 44.1 kHz; no padding; mono.
  frame.set([0xff, 0xfb, index << 4, 0xc0]);
  // The tag follows the 17 bytes of mono side information.
  const at = 4 + 17;
  frame.set([0x49, 0x6e, 0x66, 0x6f], at); // "Info"
  view.setUint32(at + 4, 0x3); // frames and bytes fields present
  view.setUint32(at + 8, frames);
  view.setUint32(at + 12, audioBytes + length);
  return frame;
}
