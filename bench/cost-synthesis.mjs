/**
 * The synthesis floor of one article, for bench/cost.mjs: the same sentences the
 * audio edition speaks, said by the same flite workers (one per core), and
 * nothing else: no mastering, metering, encoding or writing.
 *   node bench/cost-synthesis.mjs article.txt
 * With --one: one flite instance on one thread, sentence after sentence, as
 * `flite -voice rms -f text` reads a file (Node's own WASI running the stock
 * `flite -f` over the whole text aborts on sentences of about 900 characters,
 * which real articles have): the "one flite process" peer.
 *   node bench/cost-synthesis.mjs --one article.txt
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const { readArticle } = await import('../dist/ingest/index.js');
const { narrationScript } = await import('../dist/formats/audio/script.js');
const { chooseVoice } = await import('../dist/formats/audio/engines/index.js');
const { speechText } = await import('../dist/formats/audio/speech-text.js');
const one = process.argv.includes('--one');
const doc = await readArticle(process.argv.slice(2).find((arg) => arg !== '--one'));
const chosen = await chooseVoice(doc.meta.lang, 'flite:rms');
const tempDir = mkdtempSync(path.join(os.tmpdir(), 'bench-synth-'));
const voice = await chosen.engine.open(chosen.voice, { concurrency: one ? 1 : os.availableParallelism(), tempDir });
const controller = new AbortController();
const { setMaxListeners } = await import('node:events');
setMaxListeners(0, controller.signal);
const signal = controller.signal;
const texts = narrationScript(doc).map((utterance) => speechText(utterance.say, { lang: doc.meta.lang, lexicon: doc.lexicon, charset: chosen.engine.charset, heading: utterance.heading }));
// Empty texts are not spoken by the edition either.
if (one) for (const text of texts.filter(Boolean)) await voice.synthesize(text, signal);
else await Promise.all(texts.filter(Boolean).map((text) => voice.synthesize(text, signal)));
await voice.close();
rmSync(tempDir, { recursive: true, force: true });
