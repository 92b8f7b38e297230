import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { ROOT, tempDir } from '../helpers/fixtures.js';

/*
 * Each rule id an edition or a reader gives, raised by a real input through
 * the real build, with its place in the source: in the --json report and in
 * the rows vfile-reporter prints (`line:column  warning  reason  rule-id  broadside`).
 */

interface Message {
  file: string;
  reason: string;
  ruleId: string;
  line?: number;
  column?: number;
}

function build(source: string, formats: string, env: NodeJS.ProcessEnv = {}): { messages: Message[]; stderr: string } {
  const out = path.join(path.dirname(source), 'out');
  const run = runCli(['build', source, '--formats', formats, '--out', out, '--json', '--force'], { env });
  expect(run.status, run.stderr).toBe(0);
  return { messages: JSON.parse(run.stdout).articles[0].messages, stderr: run.stderr };
}

/** The places the build gave a rule id, as `line:column` (`-` for none), in the order told. */
function placesOf(messages: Message[], ruleId: string): string[] {
  return messages.filter((m) => m.ruleId === ruleId).map((m) => (m.line === undefined ? '-' : `${m.line}:${m.column}`));
}

/** vfile-reporter's row for a message at this place with this rule id. */
function row(place: string, ruleId: string): RegExp {
  return new RegExp(`^ *${place.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} +warning .* ${ruleId} +broadside$`, 'm');
}

const ARTICLE = `---
title: Opening hours
date: next Tuesday
lang: en
---

The reading room opens at nine every day of the week, and closes at five in the evening.

![A plan of the room](missing.png)

![A drawing of the desk](desk.bmp)

The word 中文 is written in Chinese characters, which the English braille code does not have.
`;

describe('rule ids and places through the build', () => {
  it('front matter, page and EPUB images and braille characters: each its own rule id, at its line', () => {
    const dir = tempDir();
    const source = path.join(dir, 'hours.md');
    writeFileSync(source, ARTICLE);
    writeFileSync(path.join(dir, 'desk.bmp'), 'BM');
    const { messages, stderr } = build(source, 'html,epub,braille');
    expect(placesOf(messages, 'front-matter-date')).toEqual(['3:1']);
    expect(placesOf(messages, 'page-image')).toEqual(['9:1']);
    expect(placesOf(messages, 'epub-image-missing')).toEqual(['9:1']);
    expect(placesOf(messages, 'epub-image-type')).toEqual(['11:1']);
    expect(placesOf(messages, 'braille-char-undefined')).toEqual(['13:1']);
    for (const [place, ruleId] of [['3:1', 'front-matter-date'], ['9:1', 'page-image'], ['9:1', 'epub-image-missing'], ['11:1', 'epub-image-type'], ['13:1', 'braille-char-undefined']]) {
      expect(stderr).toMatch(row(place!, ruleId!));
    }
    expect(messages.some((m) => ['pdf-layout', 'braille-translation', 'epub-image', 'front-matter'].includes(m.ruleId))).toBe(false);
  });

  it('braille cells with dots 7–8 (German braille has no six-dot π): braille-eight-dot, at the paragraph', () => {
    const dir = tempDir();
    const source = path.join(dir, 'kreis.md');
    writeFileSync(source, '---\ntitle: Der Kreis\nlang: de\n---\n\nDer Umfang eines Kreises ist zwei mal π mal der Radius, und das weiß jedes Kind in der Schule.\n');
    const { messages, stderr } = build(source, 'braille');
    expect(placesOf(messages, 'braille-eight-dot')).toEqual(['6:1']);
    expect(stderr).toMatch(row('6:1', 'braille-eight-dot'));
  });

  it('a character without braille in code: placed at its own line of the code block', () => {
    const dir = tempDir();
    const source = path.join(dir, 'code.md');
    writeFileSync(source, '---\ntitle: Code\nlang: en\n---\n\nSome plain text first, which braille carries without trouble.\n\n```\nlet a = 1;\nlet 名 = 2;\n```\n');
    const { messages, stderr } = build(source, 'braille');
    expect(placesOf(messages, 'braille-char-undefined')).toEqual(['10:1']);
    expect(stderr).toMatch(row('10:1', 'braille-char-undefined'));
  });

  it('a saved web page: warnings at the line of the page the block is on', () => {
    const dir = tempDir();
    const source = path.join(dir, 'page.html');
    const words = 'and the staff at the desk can make a card for anyone who lives in the county, free of charge';
    writeFileSync(
      source,
      [
        '<!doctype html>',
        '<html lang="en">',
        '<head><title>Opening hours</title>',
        '<script type="application/ld+json">{ "headline": oops }</script>',
        '</head>',
        '<body><article>',
        '<h1>Opening hours</h1>',
        `<p>The reading room opens at nine every day of the week, ${words}.</p>`,
        `<p>Visitors are asked to bring a card; ${words}.</p>`,
        '',
        '<h4>Saturdays</h4>',
        `<p>On Saturdays the room opens at ten and closes at four (<a href="http://192.168.1.1/">the desk's own page</a>), ${words}.</p>`,
        '</article></body></html>',
      ].join('\n'),
    );
    const { messages, stderr } = build(source, 'html');
    expect(placesOf(messages, 'json-ld')).toEqual(['4:1']);
    expect(placesOf(messages, 'heading-increment')).toEqual(['11:1']);
    // A link has no place of its own in a page: the paragraph that holds it stands in.
    expect(placesOf(messages, 'local-link')).toEqual(['12:1']);
    expect(stderr).toMatch(row('11:1', 'heading-increment'));
    expect(stderr).toMatch(row('4:1', 'json-ld'));
  });
});

/** The built-in print stylesheet and, after it, rules of a house style that the print fitting does not expect. */
function houseStyle(dir: string, rules: string): string {
  const folder = path.join(dir, 'house');
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, 'print.css'), `${readFileSync(path.join(ROOT, 'styles', 'print.css'), 'utf8')}\n${rules}\n`);
  return folder;
}

const SHELVES = `---
title: Shelves
lang: en
---

The reading room has shelves on every wall, and the catalogue lists where each book stands.

> Quiet please, the readers upstairs are working on their theses.

| Shelf | Subject | Floor | Opening hours |
|-------|---------|-------|---------------|
| A1 | Local history and maps | Ground | Nine to five |

![A plan of the shelves](plan.png)

1. The newspapers are bound by year, and the older maps lie flat in drawers.
`;

describe('print edition rule ids, through a house style that defeats the layout', () => {
  it('an image that does not load, a table into the margin, words off the pages, letters on none: each its own rule id and place', () => {
    const dir = tempDir();
    const source = path.join(dir, 'shelves.md');
    writeFileSync(source, SHELVES);
    // Cells too large for the fitted table; a quotation pushed off the page; a list fixed out of the flow.
    const styles = houseStyle(dir, 'td, th { font-size: 40pt; white-space: nowrap; }\nblockquote p { margin-left: -4000px; }\nol { position: fixed; top: 0; left: 0; }');
    const { messages, stderr } = build(source, 'pdf', { BROADSIDE_STYLES: styles });
    // Standard and large print each tell their own.
    expect(placesOf(messages, 'pdf-image-missing')).toEqual(['14:1', '14:1']);
    expect(placesOf(messages, 'pdf-table-too-wide')).toEqual(['10:1', '10:1']);
    expect(placesOf(messages, 'pdf-words-outside-pages')).toEqual(['8:3', '8:3']);
    expect(placesOf(messages, 'pdf-letters-dropped')).toEqual(['-', '-']);
    // The missing image is told once, not again as a refused request.
    expect(placesOf(messages, 'pdf-blocked-request')).toEqual([]);
    expect(stderr).toMatch(row('14:1', 'pdf-image-missing'));
    expect(stderr).toMatch(row('10:1', 'pdf-table-too-wide'));
    expect(stderr).toMatch(row('8:3', 'pdf-words-outside-pages'));
    expect(stderr).toMatch(/^ +warning .*THE PDF IS MISSING \d+ of the article's letters.* pdf-letters-dropped +broadside$/m);
    expect(messages.some((m) => m.ruleId === 'pdf-layout')).toBe(false);
  });
});
