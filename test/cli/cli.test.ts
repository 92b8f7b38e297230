import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { ROOT, SEED, tempDir } from '../helpers/fixtures.js';
import { build } from '../../src/index.js';

describe('broadside CLI', () => {
  it('prints usage with examples for --help', () => {
    const run = runCli(['--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Usage: broadside/);
    expect(run.stdout).toMatch(/Examples:/);
    expect(run.stdout).toMatch(/--formats/);
  });

  it('prints the package version for --version', () => {
    const run = runCli(['--version']);
    const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe(version);
  });

  it('rejects an unknown format with one line and exit 2', () => {
    const run = runCli(['build', SEED, '--formats', 'html,tactile', '--out', tempDir()]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^broadside: unknown format "tactile"/);
  });

  it('rejects an unknown command', () => {
    const run = runCli(['bulid']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/unknown command "bulid"/);
  });

  it('builds one article into <out>/<name>/ with a manifest', () => {
    const out = tempDir();
    const run = runCli(['build', SEED, '--formats', 'html', '--out', out]);
    expect(run.stderr).toMatch(/1 built, 0 failed/);
    expect(run.status).toBe(0);
    const manifest = JSON.parse(readFileSync(path.join(out, 'is-khorasan', 'manifest.json'), 'utf8'));
    expect(manifest.source).toBe(SEED);
    expect(manifest.outputs.html).toBe('index.html');
    expect(existsSync(path.join(out, 'is-khorasan', 'index.html'))).toBe(true);
    expect(existsSync(path.join(out, 'is-khorasan', 'web.css'))).toBe(true);
  });

  it('builds every article of content/ when given no inputs', () => {
    const cwd = tempDir();
    const content = path.join(cwd, 'content');
    const noContent = runCli(['build', '--formats', 'html'], { cwd });
    expect(noContent.status).not.toBe(0);
    expect(noContent.stderr).toMatch(/no articles found/);
    // Now with a content folder holding two articles.
    mkdirSync(content);
    copyFileSync(SEED, path.join(content, 'seed.txt'));
    writeFileSync(path.join(content, 'note.md'), '---\ntitle: A short note\n---\n\nHello, world. This is a note.\n');
    const run = runCli(['build', '--formats', 'html'], { cwd });
    expect(run.stderr).toMatch(/2 built, 0 failed/);
    expect(existsSync(path.join(cwd, 'output', 'seed', 'index.html'))).toBe(true);
    expect(existsSync(path.join(cwd, 'output', 'note', 'index.html'))).toBe(true);
  });
});

describe('build() API', () => {
  it('returns a typed result per article and keeps going after a bad input', async () => {
    const out = tempDir();
    const result = await build({ inputs: [path.join(out, 'missing.md'), SEED], outDir: out, formats: ['html'] });
    expect(result.ok).toBe(false);
    expect(result.articles.map((a) => a.ok)).toEqual([false, true]);
    expect(result.articles[0].error).toBe(`${path.join(out, 'missing.md')}: no such file`);
    expect(result.articles[1].outputs).toEqual({ html: 'index.html' });
  });
});
