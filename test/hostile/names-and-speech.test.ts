import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { runCli } from '../helpers/cli.js';
import { audioInfo, listTree, tempDir } from './tools.js';

describe('file names', () => {
  it('builds names with spaces, non-ASCII letters, dots and odd characters, all inside --out', () => {
    const work = tempDir();
    const input = path.join(work, 'in');
    const out = path.join(work, 'site', 'out');
    mkdirSync(input);
    mkdirSync(path.dirname(out));
    const names = ['my first article.md', 'café über straße.md', 'a..b.md', '...md', '..md', 'line\nbreak.md', '-rf.md'];
    for (const name of names) writeFileSync(path.join(input, name), `# ${JSON.stringify(name)}\n\nA short article with an awkward file name.\n`);
    // The same article named through a path that climbs out and back in.
    const climbing = path.join(input, '..', 'in', 'a..b.md');
    const siblingsBefore = readdirSync(path.dirname(out));
    const workBefore = readdirSync(work);

    const run = runCli(['build', ...names.map((name) => path.join(input, name)), '--formats', 'html', '--out', out]);
    expect(run.stderr).toContain(`${names.length} built, 0 failed`);
    expect(run.status).toBe(0);
    const again = runCli(['build', climbing, '--formats', 'html', '--out', out]);
    expect(again.status).toBe(0);

    // Nothing was written beside --out or above it.
    expect(readdirSync(path.dirname(out)).filter((name) => name !== 'out')).toEqual(siblingsBefore);
    expect(readdirSync(work)).toEqual(workBefore);
    const folders = readdirSync(out).sort();
    expect(folders).toEqual(['-rf', 'a..b', 'article', 'café über straße', 'line-break', 'my first article'].sort());
    // `...md` and `..md` both reduce to no name at all; the second waits for the first and takes its place.
    for (const folder of folders) {
      expect(readdirSync(path.join(out, folder))).toContain('index.html');
      expect(listTree(path.join(out, folder)).every((file) => !file.includes('..') || folder === 'a..b')).toBe(true);
    }
    expect(readFileSync(path.join(out, 'café über straße', 'index.html'), 'utf8')).toContain('café über straße.md');
  });
});

describe('text that means something to a speech engine', () => {
  const text =
    'Engines and markup\n\n' +
    'She said "stop" (twice) & then <break time="20s"/> left. ' +
    'The tag <speak><prosody rate="x-slow">slow</prosody></speak> is only text here. ' +
    'Compare a < b & c > d; also \\, $HOME, `ls`, and -v.\n';

  for (const voice of ['flite:rms', 'espeak-ng', 'festival']) {
    it(`${voice} reads quotes, brackets, <, & and SSML-like tags as text, not as commands`, async () => {
      const dir = tempDir();
      const source = path.join(dir, 'markup.txt');
      writeFileSync(source, text);
      const result = await build({ inputs: [source], outDir: path.join(dir, 'out'), formats: ['audio'], voice });
      const article = result.articles[0]!;
      expect(article.error).toBeUndefined();
      const captions = readFileSync(path.join(article.outDir, article.outputs.captions!), 'utf8');
      expect(captions).toContain('She said “stop” (twice) &amp; then &lt;break time=');
      expect(captions).toContain('&lt;speak&gt;');
      const { duration, codec } = audioInfo(path.join(article.outDir, article.outputs.audio!));
      expect(codec).toBe('mp3');
      // Spoken, not obeyed: a 20 s break would make this far longer.
      expect(duration).toBeGreaterThan(5);
      expect(duration).toBeLessThan(45);
    });
  }
});
