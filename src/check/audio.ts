import { existsSync } from 'node:fs';
import { findingsFor, quote } from './finding.js';
import { loudness, probe, probeCueTimes, readId3, readVtt, type Id3View, type Loudness, type Probe } from './audio-read.js';
import type { CheckContext, EditionChecker, Finding } from './types.js';
import { inOrderShare, missingWords, plural, sameTitle, words } from './words.js';

/** Podcast loudness: −16 ± 1 LUFS integrated, true peak at most −1.5 dBTP. */
export const PODCAST = { lufs: -16, tolerance: 1, truePeak: -1.5 };
/** ACX: RMS −23 to −18 dB, peak at most −3 dB, noise floor at most −60 dB, 44.1 kHz at 192 kbps or more. */
export const ACX = { rmsMin: -23, rmsMax: -18, peak: -3, noiseFloor: -60, sampleRate: 44100, bitRate: 192000 };
/** Caption text must hold this share of the article's words, in order. */
export const MIN_CAPTION_SHARE = 0.99;

type Make = ReturnType<typeof findingsFor>;
type Preset = { name: 'podcast' | 'acx'; why: string };

/** The mastering preset: an ID3 TXXX preset frame, a comment naming ACX, or else the encoding an ACX build uses. */
function presetOf(id3: Id3View, info: Probe): Preset {
  if (id3.preset) return { name: /acx|audiobook/iu.test(id3.preset) ? 'acx' : 'podcast', why: `ID3 TXXX says “${id3.preset}”` };
  if (/\bACX\b/u.test(info.tags.comment ?? '')) return { name: 'acx', why: 'the ID3 comment names ACX' };
  if (info.sampleRate === ACX.sampleRate && info.bitRate >= ACX.bitRate) return { name: 'acx', why: '44.1 kHz at 192 kbps, as ACX builds are encoded' };
  return { name: 'podcast', why: `${(info.sampleRate / 1000).toFixed(1)} kHz at ${Math.round(info.bitRate / 1000)} kbps, a podcast encoding` };
}

/** The room tone at each end of an ACX narration, whose RMS is its noise floor. */
type RoomTone = { head: Loudness; tail: Loudness };

function loudnessFindings(make: Make, measured: Loudness, preset: Preset, info: Probe, room?: RoomTone): Finding[] {
  const floor = room && Math.max(room.head.rms, room.tail.rms);
  const floorFigure = room ? `, noise floor ${floor!.toFixed(1)} dB (room tone ${room.head.rms.toFixed(1)} dB at the head, ${room.tail.rms.toFixed(1)} dB at the tail)` : '';
  const figures = `${measured.integrated.toFixed(1)} LUFS, true peak ${measured.truePeak.toFixed(1)} dBTP, RMS ${measured.rms.toFixed(1)} dB, peak ${measured.peak.toFixed(1)} dB${floorFigure} (ffmpeg ebur128 and astats; ${preset.name} preset: ${preset.why})`;
  const problems: string[] = [];
  if (preset.name === 'podcast') {
    if (Math.abs(measured.integrated - PODCAST.lufs) > PODCAST.tolerance) problems.push(`loudness ${measured.integrated.toFixed(1)} LUFS is outside ${PODCAST.lufs} ± ${PODCAST.tolerance}`);
    if (measured.truePeak > PODCAST.truePeak) problems.push(`true peak ${measured.truePeak.toFixed(1)} dBTP is above ${PODCAST.truePeak}`);
  } else {
    if (measured.rms < ACX.rmsMin || measured.rms > ACX.rmsMax) problems.push(`RMS ${measured.rms.toFixed(1)} dB is outside ${ACX.rmsMin} to ${ACX.rmsMax}`);
    if (Math.max(measured.peak, measured.truePeak) > ACX.peak) problems.push(`peak ${Math.max(measured.peak, measured.truePeak).toFixed(1)} dB is above ${ACX.peak}`);
    if (floor !== undefined && floor > ACX.noiseFloor) problems.push(`noise floor ${floor.toFixed(1)} dB (the room tone at the ${floor === room!.head.rms ? 'head' : 'tail'}) is above ${ACX.noiseFloor}`);
    if (info.sampleRate !== ACX.sampleRate || info.bitRate < ACX.bitRate) problems.push(`encoded at ${info.sampleRate} Hz, ${Math.round(info.bitRate / 1000)} kbps (ACX wants 44.1 kHz, 192 kbps or more)`);
  }
  if (!problems.length) return [make.pass('audio-loudness', `Within the ${preset.name} limits: ${figures}.`)];
  return [make.fail('audio-loudness', `Outside the ${preset.name} limits: ${problems.join('; ')}. Measured ${figures}.`, {
    impact: problems.some((p) => p.includes('peak'))
      ? 'Peaks above the ceiling clip on some players and after lossy re-encoding: listeners hear crackles.'
      : 'Listeners must turn the volume up or down against other programmes, and platforms (ACX) reject the file.',
    fix: 'Rebuild the audio edition (`broadside build --formats audio`, with `--acx` for audiobooks); the master must be measured on the final MP3.',
  })];
}

function chapterFindings(make: Make, info: Probe, id3: Id3View, expected: string[] | undefined): Finding[] {
  const chapters = info.chapters;
  const out: Finding[] = [];
  const disorder = chapters.some((c, i) => c.end < c.start || (i > 0 && c.start < chapters[i - 1]!.end - 0.01) || c.end > info.duration + 0.05);
  if (!chapters.length) {
    out.push(make.fail('audio-chapters', 'No chapters (ID3 CHAP frames).', {
      impact: 'Listeners cannot skip to a section; podcast apps show one long track.',
      fix: 'Give the article sections (“##” headings): each becomes a chapter.',
    }));
    return out;
  }
  if (disorder || !id3.hasToc) {
    out.push(make.fail('audio-chapters', disorder ? 'Chapters overlap, run backwards or end after the audio.' : `${plural(chapters.length, 'chapter')} but no ID3 CTOC table of contents.`, {
      impact: 'Players that need a table of contents (CTOC) show no chapters, or jump to the wrong place.',
      fix: 'Write one ordered top-level CTOC listing every CHAP frame (Broadside does; ffmpeg alone does not).',
    }));
    return out;
  }
  if (!expected) {
    out.push(make.pass('audio-chapters', `${plural(chapters.length, 'chapter')} in order, with a CTOC; not compared with sections (no page beside it).`));
    return out;
  }
  const titles = chapters.map((c) => c.title);
  const same = titles.length === expected.length && titles.every((t, i) => sameTitle(t, expected[i]));
  out.push(same
    ? make.pass('audio-chapters', `${plural(chapters.length, 'chapter')}, one per section of the page, in order, with a CTOC.`)
    : make.fail('audio-chapters', `Chapters differ from the page’s sections: ${plural(titles.length, 'chapter')} for ${plural(expected.length, 'section')}.`, {
      impact: 'Listeners who jump by chapter do not find the sections the page and print editions show.',
      fix: 'Chapters come from the level-2 headings: rebuild the audio edition after changing the headings.',
      examples: [...quote(expected.filter((e) => !titles.some((t) => sameTitle(t, e))), 3).map((e) => `no chapter: ${e}`), ...quote(titles.filter((t) => !expected.some((e) => sameTitle(t, e))), 3).map((t) => `no section: ${t}`)],
    }));
  return out;
}

async function captionFindings(make: Make, vtt: string, duration: number, article: string[] | undefined, signal?: AbortSignal): Promise<Finding[]> {
  const { cues, header } = await readVtt(vtt);
  const probed = await probeCueTimes(vtt, signal);
  const out: Finding[] = [];
  const backwards = cues.filter((c, i) => c.end <= c.start || (i > 0 && c.start < cues[i - 1]!.start));
  const late = cues.filter((c) => c.end > duration + 0.05);
  if (!header || !probed || !cues.length) {
    out.push(make.fail('captions-timing', !header ? 'Not WebVTT: the file does not start with “WEBVTT”.' : !cues.length ? 'No cues.' : 'ffprobe cannot read the captions.', {
      impact: 'Players show no captions: deaf and hard-of-hearing listeners get nothing.',
      fix: 'Rebuild the audio edition, which writes the captions.',
    }));
  } else if (backwards.length || late.length || probed.length !== cues.length) {
    out.push(make.fail('captions-timing', `${plural(backwards.length, 'cue')} out of order or empty, ${plural(late.length, 'cue')} ending after the audio (${duration.toFixed(1)} s)${probed.length !== cues.length ? `; ffprobe reads ${probed.length} cues, not ${cues.length}` : ''}.`, {
      impact: 'Captions and the read-along highlight jump back, or show text after the narration ends.',
      fix: 'Rebuild the audio edition: cue times come from the synthesis.',
      examples: quote([...backwards, ...late].map((c) => `${c.start.toFixed(2)}–${c.end.toFixed(2)} s: ${c.text}`), 3),
    }));
  } else {
    out.push(make.pass('captions-timing', `${plural(cues.length, 'cue')}, in order, all inside the ${duration.toFixed(1)} s of audio (ffprobe agrees).`));
  }
  if (!article) {
    out.push(make.skip('captions-text', 'Caption text not compared: no page beside it.'));
    return out;
  }
  const said = words(cues.map((c) => c.text).join(' '));
  const share = inOrderShare(article, said);
  out.push(share >= MIN_CAPTION_SHARE
    ? make.pass('captions-text', `${(share * 100).toFixed(1)}% of the article’s words are in the captions, in order.`)
    : make.fail('captions-text', `Only ${(share * 100).toFixed(1)}% of the article’s words are in the captions in order (at least ${MIN_CAPTION_SHARE * 100}%).`, {
      impact: 'Deaf and hard-of-hearing readers following the captions miss what the page says; the read-along highlights the wrong text.',
      fix: 'Captions are written from the narration script: text the narration skips (code, tables, image text) must still be captioned, or the page must mark it as not narrated.',
      examples: missingWords(article, said).map((w) => `missing: ${w}`),
    }));
  return out;
}

/**
 * ACX wants 0.5–1 s of room tone at the head and 1–5 s at the tail, each under its noise floor: the
 * head measured after the decoder's first frame, the tail over its last half second but one frame.
 */
async function roomTone(file: string, duration: number, signal?: AbortSignal): Promise<RoomTone> {
  const head = await loudness(file, ['-ss', '0.1', '-t', '0.3'], signal);
  const tail = await loudness(file, ['-ss', Math.max(0, duration - 0.6).toFixed(3), '-t', '0.5'], signal);
  return { head, tail };
}

async function checkAudio(file: string, context: CheckContext): Promise<Finding[]> {
  const make = findingsFor('audio', file);
  const info = await probe(file, context.signal);
  const id3 = readId3(file);
  const preset = presetOf(id3, info);
  const measured = await loudness(file, [], context.signal);
  const findings = loudnessFindings(make, measured, preset, info, preset.name === 'acx' ? await roomTone(file, info.duration, context.signal) : undefined);
  const article = context.article;
  const sections = article ? [article.title, ...article.headings.filter((h) => h.level === 2 && !h.notes).map((h) => h.text)] : undefined;
  findings.push(...chapterFindings(make, info, id3, sections));
  const vtt = file.replace(/\.mp3$/iu, '.vtt');
  if (existsSync(vtt)) findings.push(...(await captionFindings(findingsFor('captions', vtt), vtt, info.duration, article?.spokenWords, context.signal)));
  else findings.push(make.warn('captions-timing', 'No captions (.vtt) beside the MP3.', {
    impact: 'Deaf and hard-of-hearing people get no text of the narration, and the page has no read-along.',
    fix: 'Build the audio edition with Broadside, which writes the captions beside the MP3.',
  }));
  context.record({ edition: 'audio', file, title: id3.title ?? info.tags.title, lang: id3.language ?? info.tags.language, sections: info.chapters.map((c) => c.title) });
  return findings;
}

export const audioChecker: EditionChecker = {
  edition: 'audio',
  accepts: (file) => /\.mp3$/iu.test(file),
  check: checkAudio,
};
