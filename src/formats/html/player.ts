import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ElementContent } from 'hast';
import { h } from 'hastscript';
import type { ArticleDocument } from '../../document/types.js';
import type { AudioHandoff } from '../edition.js';
import { writeFileAtomic } from '../../common/write.js';
import { stylePath } from '../../styles.js';

/** What the audio edition hands the page, through EditionContext.shared.audio. */
export type AudioForPage = AudioHandoff;

/** The read-along script and its stylesheet, in styles/, copied next to the page. */
export const READALONG_SCRIPT = 'readalong.js';
export const READALONG_CSS = 'readalong.css';

/** Copies the read-along script and stylesheet into the page's folder; returns their hrefs. */
export async function writePlayerAssets(outDir: string): Promise<{ script: string; stylesheet: string }> {
  for (const name of [READALONG_SCRIPT, READALONG_CSS]) await writeFileAtomic(path.join(outDir, name), await readFile(stylePath(name)));
  return { script: READALONG_SCRIPT, stylesheet: READALONG_CSS };
}

function clock(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/**
 * The narration player: native controls with the captions as a track, and a
 * list of chapters. Each chapter is a link to its heading, so it works without
 * script; the read-along script makes it also seek the audio (from
 * `data-start`), highlights the sentence being spoken, and seeks on a click.
 */
export function audioPlayer(doc: ArticleDocument, audio: AudioForPage): ElementContent[] {
  const player = h('audio', { id: 'narration', className: ['narration'], controls: true, preload: 'metadata', src: audio.mp3, ariaLabel: `Narration: ${doc.meta.title}` }, [
    h('track', { kind: 'captions', src: audio.vtt, srcLang: doc.meta.lang, label: 'Captions', default: true }),
    h('a', { href: audio.mp3 }, 'Download the narration (MP3)'),
  ]);
  const chapters = audio.chapters.length > 1
    ? [
        h('nav', { className: ['chapters'], ariaLabelledBy: 'chapters-title' }, [
          h('h3', { id: 'chapters-title' }, 'Chapters'),
          h(
            'ol',
            audio.chapters.map((chapter) =>
              h('li', [
                h('a', { href: `#${chapter.id}`, dataStart: chapter.start.toFixed(3) }, chapter.title),
                ' ',
                h('span', { className: ['chapter-time'] }, `(${clock(chapter.start)})`),
              ]),
            ),
          ),
        ]),
      ]
    : [];
  const hint = h(
    'p',
    { className: ['readalong-hint'], id: 'readalong-hint', hidden: true },
    'While the narration plays, the sentence being read is highlighted. Click a sentence to listen from there, or Tab to the sentences, move between them with the arrow keys and press Enter.',
  );
  // The cue times in the page itself: a text track does not load from file: in Chromium, this does.
  const times = (audio.cues ?? []).map(({ id, start, end }) => [id, Number(start.toFixed(3)), Number(end.toFixed(3))]);
  const island = times.length
    ? [h('script', { type: 'application/json', id: 'readalong-cues' }, JSON.stringify(times).replace(/</gu, '\\u003c'))]
    : [];
  return [player, hint, ...island, ...chapters];
}
