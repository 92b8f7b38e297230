import { execFileSync } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PDFDocument, PDFName, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check } from '../../src/check/index.js';
import { htmlReport } from '../../src/check/report-html.js';
import { describeViolations, launchBrowser, runAxe } from '../helpers/browser.js';
import { runCli } from '../helpers/cli.js';
import { SEED, tempDir } from '../helpers/fixtures.js';
import { buildArticle, copyOf, failures, findingsOf } from './helpers.js';

let seed: string;
const spoiled: string[] = [];

beforeAll(async () => {
  seed = await buildArticle(SEED);
}, 600_000);

afterAll(async () => {
  for (const folder of [seed, ...spoiled]) if (folder) await rm(folder, { recursive: true, force: true });
});

async function spoil(): Promise<string> {
  const folder = await copyOf(seed);
  spoiled.push(folder);
  return folder;
}

describe('broadside check on the seed’s build', () => {
  it('passes every check', async () => {
    const report = await check([seed]);
    expect(failures(report)).toBe('');
    expect(report.ok).toBe(true);
  });

  it('checks every edition the manifest lists, and the editions against each other', async () => {
    const report = await check([seed]);
    const editions = new Set(report.targets[0]!.findings.map((f) => f.edition));
    expect([...editions].sort()).toEqual(['audio', 'braille', 'captions', 'editions', 'epub', 'large-print', 'page', 'pdf']);
    for (const rule of ['page-axe', 'page-reflow', 'page-contrast-dark', 'pdf-tagged', 'pdf-untagged-content', 'pdf-bookmarks', 'pdf-fonts-embedded', 'pdf-large-print', 'audio-loudness', 'audio-chapters', 'captions-timing', 'captions-text', 'editions-title', 'editions-language', 'editions-sections', 'epub-epubcheck', 'epub-ace', 'brf-format']) {
      expect(findingsOf(report, rule).map((f) => f.status), rule).toContain('pass');
    }
  });
});

describe('the checks find real defects', () => {
  it('a PDF that lost its /Lang, DisplayDocTitle and bookmarks', async () => {
    const folder = await spoil();
    const file = path.join(folder, 'is-khorasan.pdf');
    const pdf = await PDFDocument.load(await readFile(file), { updateMetadata: false });
    for (const key of ['Lang', 'ViewerPreferences', 'Outlines']) pdf.catalog.delete(PDFName.of(key));
    await writeFile(file, await pdf.save({ useObjectStreams: false }));
    const report = await check([file]);
    for (const rule of ['pdf-lang', 'pdf-title', 'pdf-bookmarks']) expect(findingsOf(report, rule)[0]?.status, rule).toBe('fail');
    expect(findingsOf(report, 'pdf-tagged')[0]?.status).toBe('pass');
  });

  it('a standard-print PDF passed off as large print', async () => {
    const folder = await spoil();
    const file = path.join(folder, 'is-khorasan-large-print.pdf');
    await writeFile(file, await readFile(path.join(folder, 'is-khorasan.pdf')));
    const large = findingsOf(await check([file]), 'pdf-large-print')[0]!;
    expect(large.status).toBe('fail');
    expect(large.summary).toMatch(/^\d+\.\d% of the text is under 18 pt \(smallest \d+\.\d pt\)\.$/u);
  });

  it('an untagged PDF whose text is outside any marked content', async () => {
    const folder = tempDir('broadside-check-untagged-');
    spoiled.push(folder);
    const pdf = await PDFDocument.create();
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    pdf.addPage().drawText('Opening hours: the library opens at nine.', { x: 72, y: 400, size: 12, font });
    const file = path.join(folder, 'flyer.pdf');
    await writeFile(file, await pdf.save());
    const report = await check([file]);
    expect(findingsOf(report, 'pdf-tagged')[0]?.status).toBe('fail');
    const untagged = findingsOf(report, 'pdf-untagged-content')[0]!;
    expect(untagged.status).toBe('fail');
    expect(untagged.summary).toContain('text in the body (“Opening hours: the library opens at nine.”)');
    expect(findingsOf(report, 'pdf-fonts-embedded')[0]?.status).toBe('fail');
  });

  it('a narration made louder, past the true-peak ceiling', async () => {
    const folder = await spoil();
    const louder = path.join(folder, 'louder.mp3');
    execFileSync('ffmpeg', ['-v', 'error', '-i', path.join(folder, 'is-khorasan.mp3'), '-t', '60', '-af', 'volume=8dB', '-c:a', 'libmp3lame', '-b:a', '64k', louder]);
    const report = await check([louder]);
    const loudness = findingsOf(report, 'audio-loudness')[0]!;
    expect(loudness.status).toBe('fail');
    expect(loudness.summary).toMatch(/true peak -?\d+\.\d dBTP is above -1\.5/u);
  });

  it('captions whose last cue ends after the audio', async () => {
    const folder = await spoil();
    const vtt = path.join(folder, 'is-khorasan.vtt');
    const text = await readFile(vtt, 'utf8');
    const times = [...text.matchAll(/--> (\d\d:\d\d:\d\d\.\d{3})/gu)];
    await writeFile(vtt, text.slice(0, times.at(-1)!.index) + '--> 01:59:00.000' + text.slice(times.at(-1)!.index! + 16));
    const report = await check([path.join(folder, 'is-khorasan.mp3')]);
    const timing = findingsOf(report, 'captions-timing')[0]!;
    expect(timing.status).toBe('fail');
    expect(timing.summary).toMatch(/^0 cues out of order or empty, 1 cue ending after the audio/u);
  });

  it('a page with an image link that has no alt text, an empty table header cell and a line too wide for 320 px', async () => {
    const folder = await spoil();
    const page = path.join(folder, 'index.html');
    const html = await readFile(page, 'utf8');
    const table = '<table><tr><th></th><th>Price</th></tr><tr><td>Apples</td><td>3</td></tr></table>';
    const extra = `<p><a href="https://example.org/"><img src="web.css" alt=""></a></p>${table}<p style="white-space:nowrap">A line that does not wrap however narrow the window is, so it scrolls.</p>`;
    await writeFile(page, html.replace('</article>', `${extra}</article>`));
    const report = await check([page]);
    expect(findingsOf(report, 'page-axe-link-name')[0]?.impact).toMatch(/announces only “link”/u);
    expect(findingsOf(report, 'page-axe-empty-table-header')[0]?.status).toBe('fail');
    const reflow = findingsOf(report, 'page-reflow')[0]!;
    expect(reflow.status).toBe('fail');
    expect(reflow.examples?.join(' ')).toMatch(/<p> \d+ px wide/u);
  });
});

describe('the command line', () => {
  it('exits 0 when everything passes, with a text report', () => {
    const run = runCli(['check', path.join(seed, 'is-khorasan.mp3')]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Audio narration \(is-khorasan\.mp3\)\n {4}✓ 2 checks passed: audio-loudness, audio-chapters/u);
    expect(run.stdout).toMatch(/^Passed: 1 target, 0 failures/mu);
  });

  it('exits 1 when something fails, and --json prints the report', async () => {
    const folder = await spoil();
    const file = path.join(folder, 'is-khorasan.pdf');
    const pdf = await PDFDocument.load(await readFile(file), { updateMetadata: false });
    pdf.catalog.delete(PDFName.of('Lang'));
    await writeFile(file, await pdf.save({ useObjectStreams: false }));
    const run = runCli(['check', '--json', file]);
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as { ok: boolean; targets: { findings: { rule: string; status: string; impact?: string }[] }[] };
    expect(report.ok).toBe(false);
    const lang = report.targets[0]!.findings.find((f) => f.rule === 'pdf-lang')!;
    expect(lang.status).toBe('fail');
    expect(lang.impact).toMatch(/default voice/u);
  });

  it('exits 2 for usage errors, with one line naming the problem', () => {
    for (const [args, message] of [
      [['check'], /check needs at least one path/u],
      [['check', '/no/such/article'], /\/no\/such\/article: no such file or folder/u],
      [['check', SEED], /is-khorasan\.txt: not a file check knows/u],
      [['check', '--colour', seed], /Unknown option '--colour'/u],
      [['check', '--report', 'report.txt', seed], /--report takes a file name ending in \.html/u],
    ] as const) {
      const run = runCli([...args]);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(message);
    }
  });

  it('--report writes an HTML report that itself passes axe, light and dark', async () => {
    const folder = await spoil();
    const target = path.join(folder, 'report.html');
    const run = runCli(['check', '--report', target, path.join(folder, 'is-khorasan.pdf')]);
    expect([0, 1]).toContain(run.status);
    const html = await readFile(target, 'utf8');
    expect(html).toContain('<h1>Broadside check report</h1>');
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      for (const scheme of ['light', 'dark']) {
        await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
        await page.goto(pathToFileURL(target).href);
        const violations = await runAxe(page);
        expect(violations, describeViolations(violations)).toEqual([]);
      }
    } finally {
      await browser.close();
    }
  });
});

describe('the HTML report', () => {
  it('says for each problem what it means for a reader and what to change', () => {
    const html = htmlReport({
      ok: false,
      counts: { pass: 0, fail: 1, warn: 0, skip: 0 },
      targets: [{ target: '/out/a', kind: 'article', title: 'A', ok: false, findings: [{ rule: 'pdf-lang', edition: 'pdf', file: '/out/a/a.pdf', status: 'fail', summary: 'No /Lang.', impact: 'Wrong voice.', fix: 'Set lang.' }] }],
    });
    expect(html).toContain('<h3>Print PDF (a.pdf)</h3>');
    expect(html).toContain('<dt>What it means for a reader</dt><dd>Wrong voice.</dd><dt>What to change</dt><dd>Set lang.</dd>');
  });
});
