import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startPreview } from '../../src/preview/server.js';
import { ROOT, SEED, tempDir } from '../helpers/fixtures.js';

describe('broadside preview serves what the build wrote', () => {
  it('finds the output folder of an article whose file name the build has to change', async () => {
    const work = tempDir();
    // outputName() turns "talk: one. " into "talk- one"; path.basename would have served "talk: one. ".
    const article = path.join(work, 'talk: one. .txt');
    copyFileSync(SEED, article);
    const preview = await startPreview({ source: article, outDir: path.join(work, 'out'), formats: ['html'], port: 0 });
    try {
      expect(readdirSync(path.join(work, 'out'))).toEqual(['talk- one']);
      const response = await fetch(preview.url);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<h1 id="title">');
    } finally {
      await preview.close();
    }
  });

  it('builds the formats the config file names (the CLI passes them on)', async () => {
    const work = tempDir();
    copyFileSync(SEED, path.join(work, 'handout.txt'));
    // The default preview builds html and audio; the config asks for the page only.
    writeFileSync(path.join(work, 'broadside.config.json'), JSON.stringify({ formats: ['html'], out: 'site' }));
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'broadside.js'), 'preview', 'handout.txt', '--port', '0'], {
      cwd: work,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    try {
      let said = '';
      await new Promise<void>((resolve, reject) => {
        child.stderr.on('data', (chunk: Buffer) => {
          said += chunk.toString();
          if (said.includes('Previewing')) resolve();
        });
        child.once('exit', (code) => reject(new Error(`preview exited (${code}): ${said}`)));
      });
      const folder = path.join(work, 'site', 'handout');
      expect(existsSync(path.join(folder, 'index.html'))).toBe(true);
      expect(readdirSync(folder).filter((file) => file.endsWith('.mp3'))).toEqual([]);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  });
});
