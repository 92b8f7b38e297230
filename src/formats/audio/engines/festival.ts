import { randomBytes } from 'node:crypto';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { decodeWav } from './wav.js';
import { hasProgram, run } from './process.js';
import type { SpeechEngine, Voice } from './types.js';

const VOICE_ROOTS = ['/usr/share/festival/voices', '/usr/local/share/festival/voices', '/opt/homebrew/share/festival/voices'];
/** Festival's voice folders name a language, not a BCP 47 tag. */
const FESTIVAL_LANGUAGES: Record<string, string> = { english: 'en', us: 'en', british: 'en', spanish: 'es', welsh: 'cy', finnish: 'fi', czech: 'cs', russian: 'ru', italian: 'it' };

async function festivalVoices(): Promise<Voice[]> {
  const voices: Voice[] = [];
  for (const root of VOICE_ROOTS) {
    const languages = await readdir(root).catch(() => [] as string[]);
    for (const language of languages) {
      const tag = FESTIVAL_LANGUAGES[language];
      if (!tag) continue;
      for (const name of await readdir(path.join(root, language)).catch(() => [] as string[])) {
        // Voice names are spliced into a Scheme expression, so only plain identifiers qualify.
        if (!/^[a-z0-9_]+$/u.test(name)) continue;
        voices.push({ engine: 'festival', id: name, languages: [tag], description: `${language} voice ${name} (festival)` });
      }
    }
  }
  // The HTS voice is the most intelligible festival voice measured; list it first.
  return voices.sort((a, b) => Number(b.id.includes('hts')) - Number(a.id.includes('hts')));
}

/** Festival's `text2wave` (Debian `festival`, voices such as `festvox-us-slt-hts`). */
export const festivalEngine: SpeechEngine = {
  id: 'festival',
  charset: 'ascii',
  rank: 2,
  provider: 'the Debian packages festival and festvox-us-slt-hts',
  async voices() {
    if (!(await hasProgram('text2wave', ['-h']))) return [];
    return festivalVoices();
  },
  async open(voice, { tempDir }) {
    return {
      // The text goes in a file, which text2wave reads as text, never as Scheme.
      async synthesize(text, signal) {
        const base = path.join(tempDir, `festival-${randomBytes(6).toString('hex')}`);
        try {
          await writeFile(`${base}.txt`, `${text}\n`);
          await run('text2wave', ['-eval', `(voice_${voice.id})`, '-o', `${base}.wav`, `${base}.txt`], { signal });
          return decodeWav(await readFile(`${base}.wav`));
        } finally {
          await Promise.all([rm(`${base}.txt`, { force: true }), rm(`${base}.wav`, { force: true })]);
        }
      },
      async close() {},
    };
  },
};
