import type { Pcm } from './types.js';

/**
 * Decodes a RIFF WAVE file (16-bit PCM or 32-bit float) to mono samples.
 * Streaming writers such as `espeak-ng --stdout` leave the sizes unset, so a
 * data chunk is read to the end of the buffer when its size overruns it.
 */
export function decodeWav(bytes: Uint8Array): Pcm {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (offset: number) => String.fromCharCode(...bytes.subarray(offset, offset + 4));
  if (bytes.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw new Error('not a WAVE file');
  let offset = 12;
  let format = 0;
  let channels = 1;
  let sampleRate = 0;
  let bits = 16;
  while (offset + 8 <= bytes.length) {
    const id = tag(offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ') {
      format = view.getUint16(body, true);
      channels = view.getUint16(body + 2, true);
      sampleRate = view.getUint32(body + 4, true);
      bits = view.getUint16(body + 14, true);
      if (format === 0xfffe) format = view.getUint16(body + 24, true);
    } else if (id === 'data') {
      const end = Math.min(bytes.length, body + size);
      return { sampleRate, samples: toMono(view, body, end, format, bits, channels) };
    }
    offset = body + size + (size % 2);
  }
  throw new Error('WAVE file without audio data');
}

function toMono(view: DataView, start: number, end: number, format: number, bits: number, channels: number): Float32Array {
  const bytesPerSample = bits / 8;
  const frames = Math.floor((end - start) / (bytesPerSample * channels));
  const out = new Float32Array(frames);
  for (let frame = 0; frame < frames; frame++) {
    let sum = 0;
    for (let channel = 0; channel < channels; channel++) {
      const at = start + (frame * channels + channel) * bytesPerSample;
      if (format === 3 && bits === 32) sum += view.getFloat32(at, true);
      else if (format === 1 && bits === 16) sum += view.getInt16(at, true) / 32768;
      else if (format === 1 && bits === 8) sum += (view.getUint8(at) - 128) / 128;
      else throw new Error(`unsupported WAVE sample format ${format}/${bits} bit`);
    }
    out[frame] = sum / channels;
  }
  return out;
}
