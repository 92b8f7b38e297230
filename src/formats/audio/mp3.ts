/**
 * The two kinds of Layer III stream Broadside writes: MPEG-1 (32–48 kHz,
 * 1152 samples a frame) and MPEG-2 "low sampling frequency" (16–24 kHz, 576
 * samples a frame, half the bytes per kbps), each with its bit rates by
 * header index and, for mono, the length of the side information after the
 * header.
 */
const VERSIONS = {
  1: { bits: 0b11, rates: [44100, 48000, 32000], kbps: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320], samples: 1152, monoSideInfo: 17 },
  2: { bits: 0b10, rates: [22050, 24000, 16000], kbps: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160], samples: 576, monoSideInfo: 9 },
} as const;
type Version = (typeof VERSIONS)[1 | 2];

const versionFor = (sampleRate: number): Version => {
  const version = (VERSIONS[1].rates as readonly number[]).includes(sampleRate) ? VERSIONS[1] : (VERSIONS[2].rates as readonly number[]).includes(sampleRate) ? VERSIONS[2] : undefined;
  if (!version) throw new Error(`no MPEG-1 or MPEG-2 Layer III sample rate of ${sampleRate} Hz`);
  return version;
};

/** Samples in one Layer III frame at this sample rate. */
export const samplesPerFrame = (sampleRate: number): number => versionFor(sampleRate).samples;

/** Bytes of a frame without padding: 144 (MPEG-1) or 72 (MPEG-2) bytes per kbps per kHz. */
const frameBytes = (version: Version, kbps: number, rate: number) => Math.floor(((version.samples / 8) * 1000 * kbps) / rate);

/** Where each frame of an MPEG-1 or MPEG-2 Layer III stream (no tags) starts, found by walking their headers; the stream's length last. */
export function frameOffsets(bytes: Uint8Array): number[] {
  const offsets: number[] = [];
  let offset = 0;
  while (offset + 4 <= bytes.length) {
    const b1 = bytes[offset + 1]!;
    const b2 = bytes[offset + 2]!;
    // Sync (11 bits), version, layer III (01).
    const version = (b1 & 0x18) === 0x18 ? VERSIONS[1] : (b1 & 0x18) === 0x10 ? VERSIONS[2] : undefined;
    if (bytes[offset] !== 0xff || (b1 & 0xe0) !== 0xe0 || (b1 & 0x06) !== 0x02 || !version) throw new Error(`not an MPEG Layer III frame at byte ${offset}`);
    const kbps = version.kbps[b2 >> 4];
    const rate = version.rates[(b2 >> 2) & 3];
    if (!kbps || !rate) throw new Error(`bad MP3 frame header at byte ${offset}`);
    offsets.push(offset);
    offset += frameBytes(version, kbps, rate) + ((b2 >> 1) & 1);
  }
  if (offset !== bytes.length) throw new Error('MP3 stream ends inside a frame');
  offsets.push(offset);
  return offsets;
}

/** The frames of an MPEG-1 or MPEG-2 Layer III stream (no tags). */
export const countFrames = (bytes: Uint8Array): number => frameOffsets(bytes).length - 1;

/**
 * A Xing "Info" frame for a constant-bit-rate mono stream: it tells players
 * the number of frames and bytes, so they show the exact duration and seek
 * without scanning. Its audio is silence, and decoders skip it.
 */
export function infoFrame(kbps: number, sampleRate: number, frames: number, audioBytes: number): Uint8Array {
  const version = versionFor(sampleRate);
  const index = (version.kbps as readonly number[]).indexOf(kbps);
  if (index < 1) throw new Error(`no MP3 bit rate of ${kbps} kbps at ${sampleRate} Hz`);
  const length = frameBytes(version, kbps, sampleRate);
  const frame = new Uint8Array(length);
  const view = new DataView(frame.buffer);
  // Sync, version, Layer III, no CRC; bit rate; sample rate; no padding; mono.
  frame.set([0xff, 0xe0 | (version.bits << 3) | 0x02 | 0x01, (index << 4) | ((version.rates as readonly number[]).indexOf(sampleRate) << 2), 0xc0]);
  // The tag follows the mono side information.
  const at = 4 + version.monoSideInfo;
  frame.set([0x49, 0x6e, 0x66, 0x6f], at); // "Info"
  view.setUint32(at + 4, 0x3); // frames and bytes fields present
  view.setUint32(at + 8, frames);
  view.setUint32(at + 12, audioBytes + length);
  return frame;
}
