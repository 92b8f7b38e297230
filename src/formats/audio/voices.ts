import { allVoices } from './engines/index.js';

/** Lines for `broadside voices`: each engine, whether it is available, and its voices. */
export async function listVoices(): Promise<string[]> {
  const lines: string[] = [];
  for (const { engine, voices } of await allVoices()) {
    if (!voices.length) {
      lines.push(`${engine.id}: not available (comes from ${engine.provider})`);
      continue;
    }
    lines.push(`${engine.id}: ${voices.length} voice${voices.length === 1 ? '' : 's'}`);
    for (const voice of voices) lines.push(`  ${engine.id}:${voice.id}  [${voice.languages.join(', ') || '?'}]  ${voice.description}`);
  }
  lines.push('', 'Choose one with --voice engine:voice, e.g. --voice flite:rms or --voice espeak-ng:ar.');
  return lines;
}
