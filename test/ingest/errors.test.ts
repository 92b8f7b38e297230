import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError, readArticle } from '../../src/ingest/index.js';
import { runCli } from '../helpers/cli.js';
import { FIXTURES, ROOT, tempDir } from '../helpers/fixtures.js';

function crc32(bytes: Uint8Array): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

/** A real, valid 2×2 PNG, built byte by byte. */
function png(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(2, 0);
  header.writeUInt32BE(2, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const rows = Buffer.from([0, 255, 0, 0, 0, 0, 255, 0, 0, 0, 255, 0, 255, 255, 255]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

const MARKDOWN = '---\ntitle: Über Straßen\nlang: de\n---\n\nDie Straße führt über den Fluss. Ein „Text“ mit Umlauten: äöü.\n';

function utf16(text: string, endian: 'le' | 'be'): Buffer {
  const le = Buffer.from(text, 'utf16le');
  if (endian === 'le') return Buffer.concat([Buffer.from([0xff, 0xfe]), le]);
  const be = Buffer.from(le);
  be.swap16();
  return Buffer.concat([Buffer.from([0xfe, 0xff]), be]);
}

/** The bad inputs, each with the problem its one-line error must name. */
function writeBadInputs(dir: string, { folder = true } = {}): Record<string, RegExp> {
  const file = (name: string, bytes: Buffer | string) => {
    const target = path.join(dir, name);
    writeFileSync(target, bytes);
    return target;
  };
  const inputs: Record<string, RegExp> = {
    [file('empty.md', '')]: /the file is empty/,
    [file('blank.txt', ' \n\t\n   \r\n')]: /only whitespace/,
    [file('photo.txt', png())]: /PNG image.*binary/,
    [file('latin1.md', Buffer.from('# Caf\xe9\n\nCr\xe8me br\xfbl\xe9e.\n', 'latin1'))]: /invalid UTF-8 at byte 5/,
    [file('nul.html', Buffer.from([0x3c, 0x70, 0x3e, 0x00, 0x01, 0x02, 0x3c]))]: /binary file.*NUL/,
    [file('notes.docx', 'Some text that is not an article kind.')]: /unknown input type "\.docx"; expected one of \.txt, \.md/,
    [file('README', 'No extension at all.')]: /unknown input type "\(none\)"/,
    [path.join(dir, 'missing.md')]: /no such file/,
    [file('only-front-matter.md', '---\ntitle: A title and nothing else\n---\n\n<!-- to do -->\n')]: /no article text after the front matter/,
    [file('app.html', '<!DOCTYPE html><html><head><title>App</title><script src="/bundle.js"></script></head><body><nav><a href="/">Home</a></nav><div id="root"></div></body></html>')]:
      /no article text found in the page/,
  };
  if (folder) {
    mkdirSync(path.join(dir, 'folder.md'));
    inputs[path.join(dir, 'folder.md')] = /is a folder/;
  }
  return inputs;
}

describe('ingest failures through readArticle', () => {
  const dir = tempDir();
  const bad = writeBadInputs(dir);

  for (const [source, problem] of Object.entries(bad)) {
    it(`${path.basename(source)}: one line naming the file and the problem`, async () => {
      const error = await readArticle(source).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(InputError);
      const message = (error as InputError).message;
      expect(message.startsWith(`${source}: `)).toBe(true);
      expect(message).not.toContain('\n');
      expect(message).toMatch(problem);
    });
  }

  it('reads UTF-16 with a byte order mark, little- and big-endian, like UTF-8', async () => {
    const results = [];
    for (const [name, bytes] of [
      ['le.md', utf16(MARKDOWN, 'le')],
      ['be.md', utf16(MARKDOWN, 'be')],
      ['bom.md', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(MARKDOWN)])],
    ] as const) {
      writeFileSync(path.join(dir, name), bytes);
      results.push(await readArticle(path.join(dir, name)));
    }
    for (const doc of results) {
      expect(doc.meta.title).toBe('Über Straßen');
      expect(doc.meta.lang).toBe('de');
      expect(JSON.stringify(doc.tree)).toContain('Die Straße führt über den Fluss.');
    }
  });

  it('reads a saved page in the legacy encoding its <meta charset> declares, and only an HTML page', async () => {
    const words = 'Caf\xe9 cr\xe8me costs \x805 at the \x93Old Mill\x94 tearoom, open every day of the week from nine until five.';
    const body = Array.from({ length: 5 }, () => `<p>${words}</p>`).join('');
    const legacy = (charset: string) => Buffer.from(`<html lang="en"><head>${charset}<title>Menu</title></head><body><article>${body}</article></body></html>`, 'latin1');
    writeFileSync(path.join(dir, 'cp1252.html'), legacy('<meta charset="windows-1252">'));
    const doc = await readArticle(path.join(dir, 'cp1252.html'));
    expect(JSON.stringify(doc.tree)).toContain('Café crème costs €5 at the “Old Mill” tearoom');
    writeFileSync(path.join(dir, 'undeclared.html'), legacy(''));
    await expect(readArticle(path.join(dir, 'undeclared.html'))).rejects.toThrow(/undeclared\.html: invalid UTF-8 at byte \d+/);
  });

  it('reads Windows line endings as line endings', async () => {
    const source = path.join(dir, 'crlf.md');
    writeFileSync(source, MARKDOWN.replace(/\n/g, '\r\n'));
    const doc = await readArticle(source);
    expect(doc.meta.title).toBe('Über Straßen');
  });
});

/** Compile dist/ when it is missing or older than the ingest sources (`npm test` compiles first anyway). */
function ensureDist(): void {
  const cli = path.join(ROOT, 'dist', 'cli.js');
  const newest = (folder: string): number =>
    Math.max(
      ...readdirSync(folder, { withFileTypes: true }).map((entry) => {
        const full = path.join(folder, entry.name);
        return entry.isDirectory() ? newest(full) : statSync(full).mtimeMs;
      }),
    );
  if (existsSync(cli) && statSync(path.join(ROOT, 'dist', 'ingest', 'index.js')).mtimeMs >= newest(path.join(ROOT, 'src', 'ingest'))) return;
  try {
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', ROOT], { stdio: 'pipe' });
  } catch {
    // Type errors still emit JavaScript; a missing dist/cli.js is caught by runCli.
  }
}

describe('ingest failures through the real CLI', () => {
  beforeAll(ensureDist);

  it('reports each bad input in one line, exits non-zero, and still builds the good ones', () => {
    const dir = tempDir();
    const out = path.join(dir, 'out');
    // On the command line a folder stands for the articles in it, so it is no bad input there.
    const bad = writeBadInputs(dir, { folder: false });
    const utf16Input = path.join(dir, 'wide.md');
    writeFileSync(utf16Input, utf16(MARKDOWN, 'le'));
    const good = [path.join(FIXTURES, 'post.md'), utf16Input, path.join(FIXTURES, 'saved-page.html')];
    const inputs = [good[0]!, ...Object.keys(bad).slice(0, 5), good[1]!, ...Object.keys(bad).slice(5), good[2]!];

    const run = runCli(['build', ...inputs, '--formats', 'html', '--out', out]);

    expect(run.status).not.toBe(0);
    const lines = run.stderr.split('\n');
    for (const [source, problem] of Object.entries(bad)) {
      const mentions = lines.filter((line) => line.includes(source));
      expect(mentions, `${source} in:\n${run.stderr}`).toHaveLength(1);
      expect(mentions[0]).toMatch(problem);
    }
    expect(run.stderr).toContain(`${good.length} built, ${Object.keys(bad).length} failed`);
    for (const name of ['post', 'wide', 'saved-page']) {
      expect(existsSync(path.join(out, name, 'index.html')), name).toBe(true);
      const manifest = JSON.parse(readFileSync(path.join(out, name, 'manifest.json'), 'utf8'));
      expect(manifest.outputs.html).toBe('index.html');
    }
    expect(JSON.parse(readFileSync(path.join(out, 'wide', 'manifest.json'), 'utf8')).title).toBe('Über Straßen');
    for (const source of Object.keys(bad)) expect(existsSync(path.join(out, path.basename(source, path.extname(source)), 'index.html'))).toBe(false);
  });
});
