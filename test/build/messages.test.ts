import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/fixtures.js';

// A skipped heading level (line 7), an image without alt text that is not there (line 9), and no language to tell.
const ARTICLE = `---
title: Opening hours
---

The reading room opens at nine.

#### Saturdays

![](missing.png)
`;

describe('warnings as vfile messages', () => {
  it('carry their rule id and place in the --json report, and the CLI prints them with vfile-reporter', () => {
    const dir = tempDir();
    const source = path.join(dir, 'hours.md');
    writeFileSync(source, ARTICLE);
    const run = runCli(['build', source, '--formats', 'html', '--out', path.join(dir, 'out'), '--json']);
    expect(run.status, run.stderr).toBe(0);
    const [article] = JSON.parse(run.stdout).articles;
    expect(article.messages).toContainEqual({ file: source, reason: expect.stringMatching(/^heading level skipped/), ruleId: 'heading-increment', source: 'broadside', line: 7, column: 1 });
    expect(article.messages).toContainEqual(expect.objectContaining({ ruleId: 'image-alt', line: 9 }));
    // An edition's warning has its rule id too, and the article's name only as its file.
    const page = article.messages.find((message: { ruleId: string }) => message.ruleId === 'page-image');
    expect(page).toMatchObject({ file: source, source: 'broadside' });
    expect(page.reason).not.toContain(source);
    expect(article.messages.every((message: { ruleId?: string }) => message.ruleId && message.ruleId !== 'unnamed')).toBe(true);
    // The one-line form is kept beside them.
    expect(article.warnings).toContain(`${source}:7:1: warning: ${article.messages.find((m: { ruleId: string }) => m.ruleId === 'heading-increment').reason}`);
    // vfile-reporter's layout: the file, then one row per message with place, severity, reason, rule id and source.
    expect(run.stderr).toContain(`${source}\n`);
    expect(run.stderr).toMatch(/^7:1 +warning +heading level skipped.* heading-increment +broadside$/m);
    expect(run.stderr).toMatch(/⚠ \d+ warnings/);
    // --quiet prints none of them.
    const quiet = runCli(['build', source, '--formats', 'html', '--out', path.join(dir, 'out'), '--quiet']);
    expect(quiet.stderr).toBe('');
  });
});
