import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { audioInfo, elements, parseHtml, pdfText, ROOT, tempDir, textOf } from './tools.js';
import { runCli } from '../helpers/cli.js';

/** Words of one sentence at a time, so generated articles read like prose to every reader. */
function prose(sentences: number, seed = 1): string {
  const words = ['harbour', 'council', 'turbines', 'winter', 'engineers', 'measured', 'the', 'wind', 'across', 'bay', 'homes', 'power'];
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31);
  const out: string[] = [];
  for (let s = 0; s < sentences; s++) {
    const sentence = Array.from({ length: 12 }, () => words[next() % words.length]).join(' ');
    out.push(`${sentence[0]!.toUpperCase()}${sentence.slice(1)}.`);
  }
  return out.join(' ');
}

function squash(text: string): string {
  return text.replace(/[\s\u00ad]+/g, '');
}

describe('encoding: what cannot be read fails alone, with the file and the problem named', () => {
  it('reports empty, blank, binary and invalid UTF-8 inputs and still builds UTF-16 and CRLF ones in every edition', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'out');
    const file = (name: string, bytes: string | Buffer) => {
      writeFileSync(path.join(dir, name), bytes);
      return path.join(dir, name);
    };
    const empty = file('empty.txt', '');
    const blank = file('blank.md', '  \n\t\n   \r\n');
    const picture = path.join(dir, 'picture.txt');
    copyFileSync(path.join(ROOT, 'test', 'fixtures', 'pdf', 'chart.png'), picture);
    const latin1 = file('latin1.txt', Buffer.concat([Buffer.from('Caf'), Buffer.from([0xe9]), Buffer.from(' au lait\n\nA second paragraph.\n')]));
    const utf16Text = '# Naïve café notes\n\nThe naïve façade of the café faced the sea. Ελληνικά words sit beside it.\n';
    const utf16le = file('utf16le.md', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(utf16Text, 'utf16le')]));
    const be = Buffer.from(utf16Text.replace('Naïve café notes', 'Big-endian notes'), 'utf16le').swap16();
    const utf16be = file('utf16be.md', Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
    const crlf = file(
      'crlf.txt',
      'Windows line endings\r\n\r\nThe harbour council met on Tuesday to discuss the wind farm, and the first paragraph ends here.\r\n\r\n' +
        'Engineers said the turbines would be running by winter, and the second paragraph ends here.\r\n',
    );

    const result = await build({ inputs: [empty, blank, picture, latin1, utf16le, utf16be, crlf], outDir: out, voice: 'flite:rms' });

    const errors = Object.fromEntries(result.articles.map((a) => [path.basename(a.source), a.error]));
    expect(errors['empty.txt']).toBe(`${empty}: the file is empty`);
    expect(errors['blank.md']).toBe(`${blank}: the file holds only whitespace`);
    expect(errors['picture.txt']).toBe(`${picture}: this is a PNG image, not an article (binary file)`);
    expect(errors['latin1.txt']).toBe(`${latin1}: invalid UTF-8 at byte 3; save the file as UTF-8`);
    expect(result.ok).toBe(false);

    for (const [source, heading] of [
      [utf16le, 'Naïve café notes'],
      [utf16be, 'Big-endian notes'],
    ] as const) {
      const article = result.articles.find((a) => a.source === source)!;
      expect(article.error).toBeUndefined();
      expect(Object.keys(article.outputs).sort()).toEqual(['audio', 'braille', 'braillePreview', 'captions', 'epub', 'html', 'largePrintPdf', 'pdf']);
      const page = readFileSync(path.join(article.outDir, 'index.html'), 'utf8');
      expect(page).toContain(heading);
      expect(page).toContain('The naïve façade of the café faced the sea.');
      expect(pdfText(path.join(article.outDir, article.outputs.pdf!))).toContain('façade');
      expect(readFileSync(path.join(article.outDir, article.outputs.captions!), 'utf8')).toContain('The naïve façade of the café faced the sea.');
      expect(audioInfo(path.join(article.outDir, article.outputs.audio!)).duration).toBeGreaterThan(2);
    }

    const windows = result.articles.find((a) => a.source === crlf)!;
    expect(windows.error).toBeUndefined();
    const page = readFileSync(path.join(windows.outDir, 'index.html'), 'utf8');
    expect(page).not.toContain('\r');
    // Blank CRLF lines separate paragraphs, as blank LF lines do.
    const paragraphs = elements(parseHtml(page), (node) => node.tagName === 'p' && /paragraph ends here/.test(textOf(node)));
    expect(paragraphs.map(textOf)).toEqual([
      'The harbour council met on Tuesday to discuss the wind farm, and the first paragraph ends here.',
      'Engineers said the turbines would be running by winter, and the second paragraph ends here.',
    ]);
    expect(readFileSync(path.join(windows.outDir, windows.outputs.captions!), 'utf8')).not.toContain('\r');
    expect(pdfText(path.join(windows.outDir, windows.outputs.pdf!)).replace(/\s+/g, ' ')).toContain('and the second paragraph ends here.');
  });
});

describe('size: large inputs build, and the input limit is enforced with a clear message', () => {
  it('builds a 5 MB article into a page with every section, and refuses its print and audio editions by their length limits, by name', async () => {
    const dir = tempDir();
    const sections: string[] = ['# A five megabyte article'];
    let size = 0;
    for (let i = 0; size < 5_000_000; i++) {
      const block = `## Section ${i}\n\n${prose(40, i + 1)}`;
      sections.push(block);
      size += block.length + 2;
    }
    const source = path.join(dir, 'huge.md');
    writeFileSync(source, `${sections.join('\n\n')}\n`);
    expect(readFileSync(source).length).toBeGreaterThan(5_000_000);
    const last = sections.length - 2;

    // Every edition is asked for: thousands of pages and days of speech are refused before any work, each with its limit named.
    const result = await build({ inputs: [source], outDir: path.join(dir, 'out') });
    const article = result.articles[0]!;
    expect(article.ok).toBe(false);
    expect(article.error!.startsWith(`${source}: `)).toBe(true);
    expect(article.error).toMatch(/pdf edition: the article is \d+ characters, over the print limit of 1000000 \(raise it with --max-print-chars/);
    expect(article.error).toMatch(/audio edition: the narration is \d+ characters, over the limit of 150000 \(raise it with --max-narration-chars/);
    expect(article.outputs.pdf).toBeUndefined();
    expect(article.outputs.audio).toBeUndefined();
    const tree = parseHtml(readFileSync(path.join(article.outDir, 'index.html'), 'utf8'));
    // The page is built all the same, without links to editions that were not made.
    expect(elements(tree, (node) => node.tagName === 'audio')).toHaveLength(0);
    expect(JSON.stringify(tree)).not.toContain('.pdf');
    const headings = elements(tree, (node) => node.tagName === 'h2' && node.properties.id !== 'listen-title');
    expect(headings.filter((h) => /^section-/.test(String(h.properties.id)))).toHaveLength(last + 1);
    expect(JSON.stringify(headings.at(-1))).toContain(`Section ${last}`);
  });

  it('refuses an input over --max-input-bytes, naming the file, the size and the option', () => {
    const dir = tempDir();
    const source = path.join(dir, 'long.md');
    writeFileSync(source, `# Long\n\n${prose(200)}\n`);
    const bytes = readFileSync(source).length;
    const small = path.join(dir, 'small.md');
    writeFileSync(small, '# Small\n\nShort enough to build.\n');
    const run = runCli(['build', source, small, '--formats', 'html', '--out', path.join(dir, 'out'), '--max-input-bytes', '1000']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`✗ ${source}: the file is ${bytes} bytes, over the limit of 1000 bytes (raise it with --max-input-bytes`);
    expect(run.stderr).toContain('1 built, 1 failed');
    const bad = runCli(['build', small, '--max-input-bytes', 'lots']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--max-input-bytes takes a whole number of at least 1, not "lots"');
  });

  it('lays out a single paragraph of 200,000 characters in the page and both print editions, and refuses to narrate it by the narration limit', async () => {
    const dir = tempDir();
    let paragraph = '';
    for (let seed = 1; paragraph.length < 200_000; seed++) paragraph += `${prose(1, seed)} `;
    paragraph = paragraph.trim();
    expect(paragraph.length).toBeGreaterThanOrEqual(200_000);
    const source = path.join(dir, 'one-paragraph.txt');
    writeFileSync(source, `One long paragraph\n\n${paragraph}\n`);

    const result = await build({ inputs: [source], outDir: path.join(dir, 'out') });
    const article = result.articles[0]!;
    // About four hours of speech: over the default narration limit, refused by name, and only the audio.
    expect(article.error).toMatch(/: audio edition: the narration is \d+ characters, over the limit of 150000 \(raise it with --max-narration-chars or maxNarrationChars in the config\)$/);
    expect(article.outputs.audio).toBeUndefined();
    const tree = parseHtml(readFileSync(path.join(article.outDir, 'index.html'), 'utf8'));
    const body = elements(tree, (node) => node.tagName === 'article')[0]!;
    expect(squash(JSON.stringify(body)).length).toBeGreaterThan(squash(paragraph).length);
    // Large print is never hyphenated, so its text is the paragraph's, line breaks aside.
    const printed = squash(pdfText(path.join(article.outDir, article.outputs.largePrintPdf!)));
    expect(printed).toContain(squash(paragraph.slice(0, 300)));
    expect(printed).toContain(squash(paragraph.slice(-300)));
  });
});
