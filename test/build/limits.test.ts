import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/fixtures.js';

const LONG = `# Opening hours

The reading room opens at nine on weekdays and closes at six. Bring your card.
`;
// "Hours" and "Nine to six." : 16 characters of text, under a limit of 100.
const TINY = '# Hours\n\nNine to six.\n';

function manifest(folder: string): { outputs: Record<string, string> } {
  return JSON.parse(readFileSync(path.join(folder, 'manifest.json'), 'utf8'));
}

describe('the print limit (--max-print-chars)', () => {
  it('refuses the print editions of a longer article with a clear message, still builds its page, and builds the others fully', () => {
    const work = tempDir();
    const long = path.join(work, 'hours.md');
    const tiny = path.join(work, 'tiny.md');
    writeFileSync(long, LONG);
    writeFileSync(tiny, TINY);
    const out = path.join(work, 'out');
    const folder = path.join(out, 'hours');

    // A first build within the limit leaves PDFs the next page must not link once they are out of date.
    const first = runCli(['build', long, '--formats', 'html,pdf', '--out', out, '--quiet']);
    expect(first.status, first.stderr).toBe(0);
    expect(Object.keys(manifest(folder).outputs).sort()).toEqual(['html', 'largePrintPdf', 'pdf']);
    expect(readFileSync(path.join(folder, 'index.html'), 'utf8')).toContain('href="hours.pdf"');

    writeFileSync(long, `${LONG}\nOn Saturdays it opens at ten.\n`);
    const length = [...'Opening hoursThe reading room opens at nine on weekdays and closes at six. Bring your card.On Saturdays it opens at ten.'].length;
    const message = `${long}: pdf edition: the article is ${length} characters, over the print limit of 100 (raise it with --max-print-chars or maxPrintChars in the config)`;
    const build = () => runCli(['build', long, tiny, '--formats', 'html,pdf', '--out', out, '--max-print-chars', '100', '--json']);
    const run = build();
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`✗ ${message}\n`);
    expect(run.stderr).toContain('1 built, 1 failed');
    const [refused, built] = JSON.parse(run.stdout).articles;
    expect(refused).toMatchObject({ ok: false, error: message, outputs: { html: 'index.html' } });
    expect(Object.keys(refused.outputs)).toEqual(['html']);
    expect(refused.timings).toHaveProperty('html');

    // The page was rebuilt from the edited article, without a link to the stale PDFs; the manifest lists only the page.
    const page = readFileSync(path.join(folder, 'index.html'), 'utf8');
    expect(page).toContain('On Saturdays it opens at ten.');
    expect(page).not.toContain('hours.pdf');
    expect(page).not.toContain('hours-large-print.pdf');
    expect(manifest(folder).outputs).toEqual({ html: 'index.html' });

    // The other article of the run, under the limit, got every edition.
    expect(built).toMatchObject({ ok: true, outputs: { html: 'index.html', pdf: 'tiny.pdf', largePrintPdf: 'tiny-large-print.pdf' } });
    for (const file of ['index.html', 'tiny.pdf', 'tiny-large-print.pdf']) expect(existsSync(path.join(out, 'tiny', file)), file).toBe(true);

    // A failed article is not recorded as built: the same run again fails the same way, the page is left as it is.
    const again = build();
    expect(again.status).toBe(1);
    const [refusedAgain, builtAgain] = JSON.parse(again.stdout).articles;
    expect(refusedAgain).toMatchObject({ ok: false, error: message, unchanged: ['html'] });
    expect(builtAgain.unchanged.sort()).toEqual(['html', 'pdf']);
  });

  it('is read from the config file, and a bad value on the command line is a usage error', () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, 'hours.md'), LONG);
    writeFileSync(path.join(cwd, 'broadside.config.json'), JSON.stringify({ formats: ['pdf'], maxPrintChars: 50, maxNarrationChars: 1000 }));
    const run = runCli(['build', 'hours.md'], { cwd });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/✗ hours\.md: pdf edition: the article is \d+ characters, over the print limit of 50 \(raise it with --max-print-chars or maxPrintChars in the config\)/);
    const bad = runCli(['build', 'hours.md', '--max-print-chars', '0'], { cwd });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--max-print-chars takes a whole number of at least 1, not "0"');
    const badNarration = runCli(['build', 'hours.md', '--max-narration-chars', 'lots'], { cwd });
    expect(badNarration.status).toBe(2);
    expect(badNarration.stderr).toContain('--max-narration-chars takes a whole number of at least 1, not "lots"');
    writeFileSync(path.join(cwd, 'broadside.config.json'), JSON.stringify({ maxNarrationChars: 0 }));
    expect(runCli(['build', 'hours.md'], { cwd }).stderr).toMatch(/broadside\.config\.json: maxNarrationChars: Invalid value/);
  });
});
