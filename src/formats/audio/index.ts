import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { AudioHandoff, Edition } from '../edition.js';
import { writeFileAtomic } from '../../common/write.js';
import { timedCues, webVtt } from './captions.js';
import { masterAndEncode, meets } from './encode.js';
import { chooseVoice } from './engines/index.js';
import { narrationTags, tagMp3 } from './id3.js';
import { ACX, PODCAST } from './master.js';
import { narrationScript } from './script.js';
import { pruneSpeechCache, SpeechCache } from './speech-cache.js';
import { narrate } from './synthesize.js';

/** Folder in the output folder, shared by its articles, holding each sentence's synthesised speech (see speech-cache.ts). */
export const SPEECH_CACHE = '.broadside-speech';

export { narrationScript } from './script.js';
export { speechText } from './speech-text.js';
export { chooseVoice } from './engines/index.js';

/**
 * The narration: `<name>.mp3` (mono, podcast loudness at the voice's rate up to 24 kHz, or the 44.1 kHz ACX
 * preset, ID3 tags and chapters) and `<name>.vtt` (one cue per sentence, from
 * the synthesis timings). Hands the page its player data in `shared.audio`.
 */
export const audioEdition: Edition = {
  id: 'audio',
  styles: [],
  reads: ['acx', 'voice', 'synthesisTimeoutMs', 'maxNarrationChars'],
  async render({ doc, outDir, outRoot, options, signal, warn, shared }) {
    const target = options.acx ? ACX : PODCAST;
    const chosen = await chooseVoice(doc.meta.lang, options.voice);
    const voiceName = `${chosen.engine.id}:${chosen.voice.id}`;
    const script = narrationScript(doc);
    // Checked before any speech is made: hours of narration would take hours to make.
    const length = script.reduce((sum, utterance) => sum + utterance.say.length, 0);
    if (length > options.maxNarrationChars) {
      throw new Error(`the narration is ${length} characters, over the limit of ${options.maxNarrationChars} (raise it with --max-narration-chars or maxNarrationChars in the config)`);
    }
    const revision = chosen.engine.revision ? `#${chosen.engine.revision}` : '';
    const cache = new SpeechCache(path.join(outRoot, SPEECH_CACHE), `${voiceName}${revision}`);
    const narration = await narrate(script, chosen, {
      lang: doc.meta.lang,
      lexicon: doc.lexicon,
      signal,
      timeoutMs: options.synthesisTimeoutMs,
      headSeconds: target.head,
      tailSeconds: target.tail,
      cache,
    });
    const encoded = await masterAndEncode(narration.timeline, target, cache, signal);
    await cache.saveKeys(outDir);
    // Earlier builds kept a speech cache in each article's folder: its entries now live in the shared one.
    await rm(path.join(outDir, SPEECH_CACHE), { recursive: true, force: true });
    if (!meets(encoded.loudness, target)) {
      const { integrated, rms, truePeak } = encoded.loudness;
      warn(`${doc.source}: audio: loudness missed the ${target.name} target (I ${integrated.toFixed(1)} LUFS, RMS ${rms.toFixed(1)} dB, true peak ${truePeak.toFixed(1)} dBTP)`, 'audio-loudness');
    }
    const mp3Name = `${doc.name}.mp3`;
    const vttName = `${doc.name}.vtt`;
    const { duration, place } = encoded;
    // Times on the narration's timeline become times in the MP3, where each piece actually landed.
    const cues = narration.cues.map((cue) => ({ ...cue, start: place(cue.start), end: Math.min(duration, place(cue.end)) }));
    const chapters = narration.chapters.map((chapter, i) => ({ ...chapter, start: i === 0 ? 0 : place(chapter.start), end: 0 }));
    chapters.forEach((chapter, i) => (chapter.end = chapters[i + 1]?.start ?? duration));
    const tagged = tagMp3(encoded.mp3, narrationTags({ doc, chapters, voice: voiceName }));
    await writeFileAtomic(path.join(outDir, mp3Name), tagged);
    await writeFileAtomic(path.join(outDir, vttName), webVtt(cues, duration, `${doc.meta.title}, narrated with the ${voiceName} voice.`));
    const audio: AudioHandoff = {
      mp3: mp3Name,
      vtt: vttName,
      chapters: chapters.map(({ id, title, start }) => ({ id, title, start })),
      cues: timedCues(cues, duration).map(({ id, start, end }) => ({ id, start, end })),
      duration,
    };
    shared.audio = audio;
    return { audio: mp3Name, captions: vttName };
  },
  afterRun: (outRoot) => pruneSpeechCache(outRoot, path.join(outRoot, SPEECH_CACHE)),
};
