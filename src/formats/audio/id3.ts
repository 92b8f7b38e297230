import NodeID3 from 'node-id3';
import type { ArticleDocument } from '../../document/types.js';
import type { Chapter } from './synthesize.js';

/** ISO 639-2 codes for the ID3 language frame; other languages are tagged "und". */
const ISO_639_2: Record<string, string> = { en: 'eng', ar: 'ara', fr: 'fra', de: 'deu', es: 'spa', it: 'ita', pt: 'por', ru: 'rus', zh: 'zho', ja: 'jpn', ur: 'urd', fa: 'fas', ps: 'pus', hi: 'hin', tr: 'tur', nl: 'nld' };

export function iso639_2(lang: string): string {
  return ISO_639_2[lang.toLowerCase().split('-')[0]!] ?? 'und';
}

export interface TagInput {
  doc: ArticleDocument;
  chapters: Chapter[];
  /** The narrating engine and voice, named in the comment. */
  voice: string;
}

/**
 * ID3v2 tags for the narration: title, artist (the authors), date, language,
 * a comment naming the source, and one CHAP frame per top-level section under
 * a single ordered, top-level CTOC (ffmpeg writes no CTOC for MP3, so these
 * are written here).
 */
export function narrationTags({ doc, chapters, voice }: TagInput): NodeID3.Tags {
  const { title, authors, date, lang } = doc.meta;
  const language = iso639_2(lang);
  const source = doc.source.split(/[\\/]/u).pop() ?? doc.source;
  const tags: NodeID3.Tags = {
    title,
    language,
    comment: { language, text: `Narration of "${title}" from ${source}, made by Broadside with the ${voice} voice.` },
    encodedBy: 'Broadside',
    chapter: chapters.map((chapter, index) => ({
      elementID: `chp${index}`,
      startTimeMs: Math.round(chapter.start * 1000),
      endTimeMs: Math.round(chapter.end * 1000),
      tags: { title: chapter.title },
    })),
    tableOfContents: chapters.length ? [{ elementID: 'toc', isOrdered: true, elements: chapters.map((_, index) => `chp${index}`), tags: { title } }] : undefined,
  };
  if (authors.length) tags.artist = authors.join(', ');
  const parsed = date ? /^(\d{4})(?:-(\d{2})-(\d{2}))?/u.exec(date) : null;
  if (parsed) {
    tags.year = parsed[1];
    if (parsed[2] && parsed[3]) tags.date = `${parsed[3]}${parsed[2]}`;
  }
  return tags;
}

/** Room kept in front of a narration's MP3 for its tag: chapters and all usually take a few kilobytes. */
const TAG_ROOM = 64 * 1024;
/** Buffers made by mp3Buffer whose room in front is still free. */
const withSpareRoom = new WeakSet<Buffer>();

/**
 * A buffer for an MP3 of `length` bytes with room in front of it for its
 * ID3 tag, so that tagMp3 writes the tag there instead of copying the MP3
 * behind it: an hour of narration is about 45 MB of MP3, which is then
 * held once rather than twice at the end of a build.
 */
export function mp3Buffer(length: number): Buffer {
  const mp3 = Buffer.allocUnsafeSlow(TAG_ROOM + length).subarray(TAG_ROOM);
  withSpareRoom.add(mp3);
  return mp3;
}

/** The MP3 with the tags written in front of it. */
export function tagMp3(mp3: Buffer, tags: NodeID3.Tags): Buffer {
  if (withSpareRoom.has(mp3)) {
    // The same bytes NodeID3.write gives for an MP3 without tags: the tag, then the MP3.
    const tag = NodeID3.create(tags);
    if (tag.length <= mp3.byteOffset) {
      withSpareRoom.delete(mp3);
      const tagged = Buffer.from(mp3.buffer, mp3.byteOffset - tag.length, tag.length + mp3.length);
      tagged.set(tag, 0);
      return tagged;
    }
  }
  const tagged = NodeID3.write(tags, mp3);
  if (!(tagged instanceof Buffer)) throw new Error(`could not write ID3 tags: ${String(tagged)}`);
  return tagged;
}
