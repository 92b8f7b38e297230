import type { ElementContent } from 'hast';
import type { ArticleDocument } from '../../document/types.js';

/** What the audio edition hands the page, through EditionContext.shared.audio. */
export interface AudioForPage {
  /** MP3 file, relative to the page. */
  mp3: string;
  /** WebVTT captions, relative to the page. */
  vtt: string;
  /** Chapters in playing order. `id` is the heading's id on the page. */
  chapters: { title: string; id: string; start: number }[];
}

/**
 * The narration player: native controls with the captions as a track.
 * Works without script; the read-along script only adds to it.
 */
export function audioPlayer(doc: ArticleDocument, audio: AudioForPage): ElementContent[] {
  void doc;
  return [
    {
      type: 'element',
      tagName: 'audio',
      properties: { controls: true, preload: 'metadata', src: audio.mp3 },
      children: [
        {
          type: 'element',
          tagName: 'track',
          properties: { kind: 'captions', src: audio.vtt, srcLang: doc.meta.lang, label: 'Captions', default: true },
          children: [],
        },
      ],
    },
  ];
}
