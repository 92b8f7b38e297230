import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check } from '../../src/check/index.js';

// HTML_CodeSniffer runs on the page axe has just loaded (pa11y's page and ignoreUrl); it must still see that page.
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'broadside-htmlcs-'));
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the page check runs HTML_CodeSniffer on the page it loaded', () => {
  it('fails a link to an id the page does not have, and passes the same page without it', async () => {
    const page = (body: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Notes</title></head><body><main><h1>Notes</h1>${body}</main></body></html>`;
    const bad = path.join(dir, 'bad.html');
    const good = path.join(dir, 'good.html');
    await writeFile(bad, page('<p>See <a href="#nowhere">the notes</a>.</p>'));
    await writeFile(good, page('<p id="here">See <a href="#here">the notes</a>.</p>'));
    const report = await check([bad, good]);
    const htmlcs = (file: string) => report.targets.find((t) => t.target === file)!.findings.filter((f) => f.rule === 'page-htmlcs');
    expect(htmlcs(bad).map((f) => f.status)).toEqual(['fail']);
    expect(htmlcs(bad)[0]!.examples?.join(' ')).toMatch(/NoSuchID/u);
    expect(htmlcs(good).map((f) => f.status)).toEqual(['pass']);
    // axe ran on the same load, in light colours, and the layout check after both.
    expect(report.targets.find((t) => t.target === good)!.findings.filter((f) => f.status === 'fail')).toEqual([]);
  });
});
