import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { decodeWav } from './wav.js';
import { run } from './process.js';
import type { SpeechEngine, Voice } from './types.js';

const require = createRequire(import.meta.url);

interface SayModule {
  export(text: string, voice: string | null, speed: number | null, filename: string, callback: (error?: Error) => void): void;
  getInstalledVoices(callback: (error: Error | null, voices?: string[]) => void): void;
}

/**
 * Only macOS and Windows can render `say` to a file; on Linux the npm package
 * cannot export and pastes text unescaped into festival, so it offers nothing there.
 */
const CAN_EXPORT = process.platform === 'darwin' || process.platform === 'win32';

/** Parses `say -v ?` on macOS: "Name   en_US    # sample sentence". */
export function parseMacVoices(listing: string): Voice[] {
  const voices: Voice[] = [];
  for (const line of listing.split('\n')) {
    const match = /^(.+?)\s+([a-z]{2,3})[_-]([A-Za-z0-9]+)\s+#/u.exec(line);
    if (!match) continue;
    const [, name, language, region] = match;
    voices.push({ engine: 'say', id: name!.trim(), languages: [language!, `${language}-${region}`], description: `macOS voice ${name!.trim()} (${language}-${region})` });
  }
  return voices;
}

async function windowsVoices(say: SayModule): Promise<Voice[]> {
  const names = await new Promise<string[]>((resolve) => say.getInstalledVoices((error, voices) => resolve(error ? [] : voices ?? [])));
  // Windows voice names do not state a language reliably; "Microsoft Zira Desktop" is English.
  return names.map((name) => ({ engine: 'say', id: name, languages: /zira|david|mark|hazel|george|susan/iu.test(name) ? ['en'] : [], description: `Windows voice ${name}` }));
}

/** The operating system's own voices, through the npm package `say` (macOS, Windows). */
export const sayEngine: SpeechEngine = {
  id: 'say',
  charset: 'unicode',
  rank: 3,
  provider: 'the operating system (macOS or Windows) through the npm package say',
  async voices() {
    if (!CAN_EXPORT) return [];
    try {
      if (process.platform === 'darwin') return parseMacVoices((await run('say', ['-v', '?'])).stdout.toString('utf8'));
      return await windowsVoices(require('say') as SayModule);
    } catch {
      return [];
    }
  },
  async open(voice, { tempDir }) {
    const say = require('say') as SayModule;
    return {
      async synthesize(text, signal) {
        signal.throwIfAborted();
        const file = path.join(tempDir, `say-${randomBytes(6).toString('hex')}.wav`);
        try {
          // A leading space keeps macOS `say` from reading text that starts with "-" as an option.
          await new Promise<void>((resolve, reject) => say.export(` ${text}`, voice.id, null, file, (error) => (error ? reject(error) : resolve())));
          return decodeWav(await readFile(file));
        } finally {
          await rm(file, { force: true });
        }
      },
      async close() {},
    };
  },
};
