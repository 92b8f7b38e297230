import { execFileSync } from 'node:child_process';
import { JSDOM } from 'jsdom';

/** One file of the book, read by Info-ZIP's unzip (not our own reader). */
export function bookFile(epub: string, name: string): string {
  return execFileSync('unzip', ['-p', epub, name], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** The names in the archive, in their order, with how each is stored (unzip -Z). */
export function bookEntries(epub: string): { name: string; method: string }[] {
  const listing = execFileSync('zipinfo', ['-l', epub], { encoding: 'utf8' });
  return listing
    .split('\n')
    .filter((line) => /^[-d?][rwx-]{6,9}\s/u.test(line))
    .map((line) => {
      const parts = line.trim().split(/\s+/u);
      return { name: parts[parts.length - 1]!, method: parts[6]! };
    });
}

/** An XML document, parsed by jsdom's XML parser. */
export function xml(text: string): Document {
  return new JSDOM(text, { contentType: 'application/xhtml+xml' }).window.document;
}

export function smil(text: string): Document {
  return new JSDOM(text, { contentType: 'application/xml' }).window.document;
}

/** SMIL clock values as Broadside writes them ("12.345s") or in full ("0:00:12.345"). */
export function clockSeconds(value: string): number {
  if (value.endsWith('s') && !value.includes(':')) return Number(value.slice(0, -1));
  const parts = value.split(':').map(Number);
  return parts.reduce((sum, part) => sum * 60 + part, 0);
}

/** Cues of a WebVTT file: id → [start, end] in seconds. */
export function vttCues(text: string): Map<string, [number, number]> {
  const cues = new Map<string, [number, number]>();
  const time = (t: string) => t.split(':').map(Number).reduce((sum, part) => sum * 60 + part, 0);
  for (const block of text.split(/\n\n+/u)) {
    const lines = block.split('\n');
    const timing = lines.findIndex((line) => line.includes('-->'));
    if (timing !== 1) continue;
    const [start, end] = lines[1]!.split(' --> ');
    cues.set(lines[0]!, [time(start!), time(end!)]);
  }
  return cues;
}

/** Letters and digits only, lower case: what survives pdftotext's line ends, hyphenation and spacing. */
export function letters(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

export function pdfPages(pdf: string): number {
  return Number(/Pages:\s+(\d+)/u.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
}

export function pdfPageText(pdf: string, page: number): string {
  return execFileSync('pdftotext', ['-f', String(page), '-l', String(page), pdf, '-'], { encoding: 'utf8' });
}

export function mp3Duration(file: string): number {
  return Number(execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file], { encoding: 'utf8' }).trim());
}
