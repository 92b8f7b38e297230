/**
 * Where the audio edition's CPU goes, phase by phase, for one article (after `npm run build`):
 *   node bench/cost-phases.mjs article.txt [--speech DIR]
 * With --speech, the clips already synthesised into DIR (a speech cache folder) are copied in first, so that
 * only mastering and encoding are measured (synthesis then costs nearly nothing).
 * Synthesis (flite workers), then mastering and encoding; CPU of this process (all its threads)
 * and of its finished children (ffmpeg), from /proc/self/stat. A fresh cache each run.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setMaxListeners } from 'node:events';

const { readArticle } = await import('../dist/ingest/index.js');
const { narrationScript } = await import('../dist/formats/audio/script.js');
const { chooseVoice } = await import('../dist/formats/audio/engines/index.js');
const { narrate } = await import('../dist/formats/audio/synthesize.js');
const { masterAndEncode } = await import('../dist/formats/audio/encode.js');
const { SpeechCache } = await import('../dist/formats/audio/speech-cache.js');
const { PODCAST } = await import('../dist/formats/audio/master.js');

const TICK = 100;
function cpu() {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  const [utime, stime, cutime, cstime] = [11, 12, 13, 14].map((i) => Number(fields[i]) / TICK);
  return { self: utime + stime, children: cutime + cstime };
}
const controller = new AbortController();
setMaxListeners(0, controller.signal);
const t0 = cpu();
const doc = await readArticle(process.argv[2]);
const chosen = await chooseVoice(doc.meta.lang, 'flite:rms');
const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-phases-'));
const speech = process.argv.includes('--speech') ? process.argv[process.argv.indexOf('--speech') + 1] : undefined;
if (speech && existsSync(speech)) for (const name of readdirSync(speech).filter((n) => n.endsWith('.pcm'))) copyFileSync(path.join(speech, name), path.join(dir, name));
const cache = new SpeechCache(dir, 'flite:rms');
const t1 = cpu();
const narration = await narrate(narrationScript(doc), chosen, { lang: doc.meta.lang, lexicon: doc.lexicon, signal: controller.signal, headSeconds: PODCAST.head, tailSeconds: PODCAST.tail, cache });
const t2 = cpu();
const encoded = await masterAndEncode(narration.timeline, PODCAST, cache, controller.signal);
const t3 = cpu();
if (speech && !existsSync(speech)) {
  mkdirSync(speech, { recursive: true });
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.pcm'))) copyFileSync(path.join(dir, name), path.join(speech, name));
}
rmSync(dir, { recursive: true, force: true });
const d = (a, b) => `self ${(b.self - a.self).toFixed(2)} + children ${(b.children - a.children).toFixed(2)}`;
console.log(JSON.stringify({ article: path.basename(process.argv[2]), minutes: +(encoded.duration / 60).toFixed(2), loudness: encoded.loudness }));
console.log(`load ${d(t0, t1)}\nsynthesis ${d(t1, t2)}\nmaster+encode ${d(t2, t3)}`);
