import { describe, expect, it } from 'vitest';
import { ACX, PODCAST, targetFor } from '../../src/formats/audio/master.js';

describe('the MP3 sample rate', () => {
  it('is the speech\'s own where MPEG-2 has it, at most the podcast preset\'s 24 kHz, and always 44.1 kHz for ACX', () => {
    expect(targetFor(PODCAST, 16000).sampleRate).toBe(16000); // flite
    expect(targetFor(PODCAST, 22050).sampleRate).toBe(22050); // espeak-ng
    expect(targetFor(PODCAST, 11025).sampleRate).toBe(16000);
    expect(targetFor(PODCAST, 20000).sampleRate).toBe(22050);
    expect(targetFor(PODCAST, 48000).sampleRate).toBe(24000);
    expect(targetFor(ACX, 16000)).toBe(ACX);
  });
});
