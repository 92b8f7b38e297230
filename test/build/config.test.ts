import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/build/config.js';
import { runCli } from '../helpers/cli.js';
import { SEED, tempDir } from '../helpers/fixtures.js';

describe('config file', () => {
  it('is optional', async () => {
    expect(await loadConfig(tempDir())).toBeUndefined();
  });

  it('reads broadside.config.json and resolves the lexicon against it', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'broadside.config.json'), JSON.stringify({ formats: ['html'], paper: 'letter', lexicon: 'words.yaml' }));
    const loaded = await loadConfig(dir);
    expect(loaded?.config).toEqual({ formats: ['html'], paper: 'letter', lexicon: path.join(dir, 'words.yaml') });
  });

  it('reads a TypeScript config and the package.json key', async () => {
    const ts = tempDir();
    writeFileSync(path.join(ts, 'broadside.config.ts'), "const paper: 'a4' | 'letter' = 'letter';\nexport default { paper, acx: true };\n");
    expect((await loadConfig(ts))?.config).toEqual({ paper: 'letter', acx: true });
    const pkg = tempDir();
    writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: 'x', broadside: { voice: 'espeak-ng:ar' } }));
    expect((await loadConfig(pkg))?.config).toEqual({ voice: 'espeak-ng:ar' });
  });

  it('rejects a wrong value with one line naming the file and the field', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'broadside.config.json'), JSON.stringify({ formats: ['html', 'tactile'] }));
    await expect(loadConfig(dir)).rejects.toThrow(`${path.join(dir, 'broadside.config.json')}: formats.1: Invalid type`);
    writeFileSync(path.join(dir, 'broadside.config.json'), JSON.stringify({ papr: 'a4' }));
    await expect(loadConfig(dir)).rejects.toThrow(/broadside\.config\.json: papr: Invalid key/);
  });

  it('sets the CLI defaults, and command-line options win', () => {
    const cwd = tempDir();
    mkdirSync(path.join(cwd, 'content'));
    copyFileSync(SEED, path.join(cwd, 'content', 'seed.txt'));
    writeFileSync(path.join(cwd, 'broadside.config.json'), JSON.stringify({ formats: ['html'], out: 'site' }));
    const run = runCli(['build'], { cwd });
    expect(run.status).toBe(0);
    expect(existsSync(path.join(cwd, 'site', 'seed', 'index.html'))).toBe(true);
    const override = runCli(['build', '--out', 'elsewhere'], { cwd });
    expect(override.status).toBe(0);
    expect(existsSync(path.join(cwd, 'elsewhere', 'seed', 'index.html'))).toBe(true);
    writeFileSync(path.join(cwd, 'broadside.config.json'), '{ "paper": "a5" }');
    const bad = runCli(['build'], { cwd });
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim()).toMatch(/^broadside: .*broadside\.config\.json: paper: Invalid type/);
  });
});
