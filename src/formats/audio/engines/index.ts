import { espeakEngine } from './espeak.js';
import { festivalEngine } from './festival.js';
import { fliteEngine } from './flite.js';
import { sayEngine } from './say.js';
import type { SpeechEngine, Voice } from './types.js';

export type { Pcm, SpeechEngine, Synthesizer, Voice } from './types.js';

/** Every engine Broadside knows, in order of intelligibility for English. */
export const ENGINES: SpeechEngine[] = [fliteEngine, festivalEngine, sayEngine, espeakEngine].sort((a, b) => a.rank - b.rank);

export interface ChosenVoice {
  engine: SpeechEngine;
  voice: Voice;
}

function speaks(voice: Voice, lang: string): boolean {
  const wanted = lang.toLowerCase();
  const primary = wanted.split('-')[0]!;
  return voice.languages.some((tag) => {
    const have = tag.toLowerCase();
    return have === wanted || have === primary;
  });
}

/** The engine's preferred voice for a language: flite's rms first, then the engine's own order. */
function bestVoice(voices: Voice[], lang: string): Voice | undefined {
  const fitting = voices.filter((voice) => speaks(voice, lang));
  const exact = fitting.find((voice) => voice.languages.some((tag) => tag.toLowerCase() === lang.toLowerCase()));
  return fitting.find((voice) => voice.id === 'rms') ?? exact ?? fitting[0];
}

/**
 * The voice to narrate an article: the `engine[:voice]` override when given,
 * else the most intelligible installed voice that speaks the article's
 * language. Never a voice of another language: when there is none, the error
 * names the package that provides one.
 */
export async function chooseVoice(lang: string, override?: string): Promise<ChosenVoice> {
  if (override) {
    const [engineId, voiceId] = override.split(/:(.*)/su) as [string, string | undefined];
    const engine = ENGINES.find((candidate) => candidate.id === engineId);
    if (!engine) throw new Error(`unknown narration engine "${engineId}"; expected one of ${ENGINES.map((e) => e.id).join(', ')}`);
    const voices = await engine.voices();
    if (!voices.length) throw new Error(`narration engine "${engine.id}" is not available on this machine; it comes from ${engine.provider}`);
    const voice = voiceId ? voices.find((candidate) => candidate.id === voiceId) : bestVoice(voices, lang) ?? voices[0];
    if (!voice) throw new Error(`${engine.id} has no voice "${voiceId}"; run \`broadside voices\` to list the voices`);
    return { engine, voice };
  }
  for (const engine of ENGINES) {
    const voice = bestVoice(await engine.voices(), lang);
    if (voice) return { engine, voice };
  }
  throw new Error(
    `no narration voice for the article's language "${lang}" is installed; install the Debian package espeak-ng (apt-get install espeak-ng), which speaks about a hundred languages`,
  );
}

/** Every voice on this machine, engine by engine. */
export async function allVoices(): Promise<{ engine: SpeechEngine; voices: Voice[] }[]> {
  return Promise.all(ENGINES.map(async (engine) => ({ engine, voices: await engine.voices() })));
}
