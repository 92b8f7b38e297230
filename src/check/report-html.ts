import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import type { ElementContent } from 'hast';
import { byFile } from './group.js';
import type { CheckReport, Finding, Status } from './types.js';
import { plural } from './words.js';

const WORD: Record<Status, string> = { pass: 'Passed', fail: 'Failed', warn: 'Warning', skip: 'Not checked' };

const STYLE = `
:root { color-scheme: light dark; --fg: #1b1b1b; --bg: #fdfdfb; --fail: #a4161a; --pass: #1b5e20; --muted: #4a4a4a; }
@media (prefers-color-scheme: dark) { :root { --fg: #ececec; --bg: #161616; --fail: #ff8a8a; --pass: #8fd694; --muted: #c4c4c4; } }
body { font: 1.0625rem/1.55 system-ui, sans-serif; color: var(--fg); background: var(--bg); max-width: 50rem; margin: 0 auto; padding: 1rem; overflow-wrap: anywhere; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.3rem; margin-top: 2rem; } h3 { font-size: 1.1rem; }
.status-fail { color: var(--fail); } .status-pass { color: var(--pass); }
dl { margin: .25rem 0 .75rem 1rem; } dt { font-weight: 600; } dd { margin: 0 0 .25rem 0; }
li { margin-bottom: .5rem; } .rule { color: var(--muted); font-family: ui-monospace, monospace; font-size: .9em; }
`;

function findingItem(f: Finding): ElementContent {
  const detail: ElementContent[] = [];
  if (f.impact) detail.push(h('dt', 'What it means for a reader'), h('dd', f.impact));
  if (f.fix) detail.push(h('dt', 'What to change'), h('dd', f.fix));
  if (f.examples?.length) detail.push(h('dt', 'Found'), h('dd', h('ul', f.examples.map((e) => h('li', e)))));
  return h('li', [
    h('p', [h('strong', { className: [`status-${f.status}`] }, `${WORD[f.status]}: `), f.summary, ' ', h('span', { className: ['rule'] }, `(${f.rule})`)]),
    ...(detail.length ? [h('dl', detail)] : []),
  ]);
}

/** The report as a page a person can read with any assistive technology: headings per article and edition, problems first. */
export function htmlReport(report: CheckReport): string {
  const { pass, fail, warn, skip } = report.counts;
  const body: ElementContent[] = [
    h('h1', 'Broadside check report'),
    h('p', `${report.ok ? 'Everything passed' : 'Some checks failed'}: ${plural(report.targets.length, 'article or file', 'articles or files')}, ${plural(fail, 'failure')}, ${plural(warn, 'warning')}, ${pass} passed, ${skip} not checked.`),
  ];
  for (const target of report.targets) {
    body.push(h('h2', [`${target.ok ? 'Passed' : 'Failed'}: `, target.title ?? target.target]));
    if (target.title) body.push(h('p', target.target));
    for (const group of byFile(target)) {
      const ordered = [...group.findings].sort((a, b) => Number(a.status === 'pass') - Number(b.status === 'pass'));
      body.push(h('h3', group.label), h('ul', ordered.map(findingItem)));
    }
  }
  const tree = h(null, [
    { type: 'doctype' },
    h('html', { lang: 'en' }, [
      h('head', [h('meta', { charset: 'utf-8' }), h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }), h('title', `Broadside check: ${report.ok ? 'passed' : 'failed'}`), h('style', STYLE)]),
      h('body', [h('main', body)]),
    ]),
  ]);
  return toHtml(tree);
}
