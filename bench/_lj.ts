import { chooseVoice } from '../src/formats/audio/engines/index.js';
import { SpeechCache } from '../src/formats/audio/speech-cache.js';
import { narrate } from '../src/formats/audio/synthesize.js';
import { masterAndEncode } from '../src/formats/audio/encode.js';
import { PODCAST } from '../src/formats/audio/master.js';
const S = ['The pure JavaScript encoder is the fallback when ffmpeg is missing.', 'It must still meet the loudness target, measured independently.', 'Each piece of the narration is encoded on its own.', 'The pieces are joined in the pauses between paragraphs.', 'Captions must still start where the words start.'];
const chosen = await chooseVoice('en', 'flite:rms');
for (const prefer of ['javascript', 'ffmpeg'] as const) {
  const cache = new SpeechCache('/tmp/cost/lj-' + prefer, 'flite:rms');
  const n = await narrate(S.map((say, i) => ({ say, cue: { id: `s${i}`, text: say }, pauseMs: 750 })), chosen, { lang: 'en', lexicon: [], signal: new AbortController().signal, headSeconds: 0.3, tailSeconds: 1, cache, spanSeconds: 2 });
  const e = await masterAndEncode(n.timeline, PODCAST, cache, new AbortController().signal, prefer);
  console.log(prefer, e.loudness, e.encoded);
}
