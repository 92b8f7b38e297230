import { decodeWav } from './wav.js';
import { run } from './process.js';
import type { SpeechEngine, Voice } from './types.js';

/** Parses `espeak-ng --voices`: "Pty Language Age/Gender VoiceName File Other Languages". */
export function parseEspeakVoices(listing: string): Voice[] {
  const voices = new Map<string, Voice>();
  for (const line of listing.split('\n').slice(1)) {
    const [, language, , name, file] = line.trim().split(/\s+/u);
    // MBROLA voices need separately installed diphone databases.
    if (!language || !name || !file || file.startsWith('mb/')) continue;
    if (voices.has(language)) continue;
    voices.set(language, { engine: 'espeak-ng', id: language, languages: [...new Set([language, language.split('-')[0]!])], description: `${name} (espeak-ng)` });
  }
  return [...voices.values()];
}

/** eSpeak NG (Debian `espeak-ng`): robotic but speaks about a hundred languages. */
export const espeakEngine: SpeechEngine = {
  id: 'espeak-ng',
  charset: 'unicode',
  rank: 4,
  provider: 'the Debian package espeak-ng',
  async voices() {
    try {
      return parseEspeakVoices((await run('espeak-ng', ['--voices'])).stdout.toString('utf8'));
    } catch {
      return [];
    }
  },
  async open(voice) {
    return {
      // Text goes through stdin, never the command line, so nothing in it is read as an option.
      async synthesize(text, signal) {
        const { stdout } = await run('espeak-ng', ['-v', voice.id, '-b', '1', '--stdout'], { input: text, signal });
        return decodeWav(stdout);
      },
      async close() {},
    };
  },
};
