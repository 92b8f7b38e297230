import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ALL_FORMATS } from '../../src/build/types.js';
import { runCli } from '../helpers/cli.js';
import { SEED, tempDir } from '../helpers/fixtures.js';

const manifest = (folder: string) => JSON.parse(readFileSync(path.join(folder, 'manifest.json'), 'utf8')) as { outputs: Record<string, string> };

describe('broadside build --formats braille', () => {
  let out: string;
  let folder: string;

  beforeAll(() => {
    out = path.join(tempDir(), 'out');
    folder = path.join(out, 'is-khorasan');
    const run = runCli(['build', SEED, '--formats', 'braille,html', '--out', out, '--quiet']);
    expect(run.status, run.stderr).toBe(0);
  });

  it('writes <out>/<name>/<name>.brf and the preview, listed in manifest.json', () => {
    expect(manifest(folder).outputs).toEqual({ braille: 'is-khorasan.brf', braillePreview: 'is-khorasan-braille.html', html: 'index.html' });
    expect(readFileSync(path.join(folder, 'is-khorasan.brf'), 'latin1')).toMatch(/^ +,,IS-,KHORASAN3/);
    // Written atomically: no temporary file is left beside them.
    expect(readdirSync(folder).filter((file) => file.endsWith('.tmp'))).toEqual([]);
  });

  it('is linked from the page', () => {
    const page = readFileSync(path.join(folder, 'index.html'), 'utf8');
    expect(page).toContain('<a href="is-khorasan.brf">Braille edition for embossing (BRF)</a>');
    expect(page).toContain('<a href="is-khorasan-braille.html">Braille preview for sighted readers</a>');
  });

  it('is one of the default editions', () => {
    expect(ALL_FORMATS).toContain('braille');
    expect(runCli(['--help']).stdout).toContain('--braille-grade 1|2');
  });

  it('takes --braille-grade 1, --braille-cells and --braille-lines', () => {
    const other = path.join(tempDir(), 'out');
    const run = runCli(['build', SEED, '--formats', 'braille', '--out', other, '--braille-grade', '1', '--braille-cells', '30', '--braille-lines', '20', '--quiet']);
    expect(run.status, run.stderr).toBe(0);
    const brf = readFileSync(path.join(other, 'is-khorasan', 'is-khorasan.brf'), 'latin1');
    expect(brf).toContain(',THE');
    const pages = brf.split('\f');
    expect(pages[0].split('\r\n').filter(Boolean).pop()).toBe(`${' '.repeat(28)}#A`);
    expect(Math.max(...brf.split(/\r\n|\f/).map((line) => line.length))).toBe(30);
  });

  it('refuses bad sizes and grades with one line, writing nothing', () => {
    const other = path.join(tempDir(), 'out');
    for (const [flag, value, message] of [
      ['--braille-cells', '8', '--braille-cells takes a whole number from 20 to 100, not "8"'],
      ['--braille-lines', 'many', '--braille-lines takes a whole number from 5 to 100, not "many"'],
      ['--braille-grade', '3', '--braille-grade takes 1 or 2, not "3"'],
    ]) {
      const run = runCli(['build', SEED, '--formats', 'braille', '--out', other, flag, value]);
      expect(run.status).toBe(2);
      expect(run.stderr.split('\n')[0]).toBe(`broadside: ${message}`);
    }
    expect(existsSync(other)).toBe(false);
  });

  it('reads the braille options from the config, and refuses bad ones there', () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, 'broadside.config.json'), JSON.stringify({ formats: ['braille'], brailleGrade: 3 }));
    const bad = runCli(['build', SEED, '--out', path.join(cwd, 'out')], { cwd });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/broadside\.config\.json: brailleGrade: /);
    writeFileSync(path.join(cwd, 'broadside.config.json'), JSON.stringify({ formats: ['braille'], brailleGrade: 1, brailleLines: 10 }));
    const good = runCli(['build', SEED, '--out', path.join(cwd, 'out'), '--quiet'], { cwd });
    expect(good.status, good.stderr).toBe(0);
    const brf = readFileSync(path.join(cwd, 'out', 'is-khorasan', 'is-khorasan.brf'), 'latin1');
    expect(brf.split('\f')[0].split('\r\n').filter((line, i, all) => i < all.length - 1)).toHaveLength(10);
    expect(brf).toContain(',THE');
  });
});
