/**
 * One flite speaking an article's narration, for bench/cost.mjs: the same
 * sentences the audio edition speaks, one after another by a single flite
 * instance on one thread (the project's flite worker, which reads them as
 * `flite -voice rms -f text` reads a file; Node's own WASI running the
 * stock `flite -f` over the whole text aborts on sentences of about 900
 * characters, which real articles have).
 *   node bench/cost-flite-one.mjs article.txt
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { setMaxListeners } from 'node:events';
import os from 'node:os';
import path from 'node:path';

const { readArticle } = await import('../dist/ingest/index.js');
const { narrationScript } = await import('../dist/formats/audio/script.js');
const { chooseVoice } = await import('../dist/formats/audio/engines/index.js');
const { speechText } = await import('../dist/formats/audio/speech-text.js');
const doc = await readArticle(process.argv[2]);
const chosen = await chooseVoice(doc.meta.lang, 'flite:rms');
const tempDir = mkdtempSync(path.join(os.tmpdir(), 'bench-flite-one-'));
const voice = await chosen.engine.open(chosen.voice, { concurrency: 1, tempDir });
const controller = new AbortController();
setMaxListeners(0, controller.signal);
const texts = narrationScript(doc).map((u) => speechText(u.say, { lang: doc.meta.lang, lexicon: doc.lexicon, charset: chosen.engine.charset, heading: u.heading }));
for (const text of texts) if (text) await voice.synthesize(text, controller.signal);
await voice.close();
rmSync(tempDir, { recursive: true, force: true });
