import { pathToFileURL } from 'node:url';
import type { Page } from 'puppeteer';
import { AXE_ADVICE } from './axe-advice.js';
import { AXE_TAGS, type AxeViolation as Violation, htmlcsInstalled, htmlcsUrl, runAxe } from './page-audit.js';
import { findingsFor, quote } from './finding.js';
import type { CheckContext, EditionChecker, Finding } from './types.js';
import { plural } from './words.js';

/** Reflow width (WCAG 1.4.10): 320 CSS px, no horizontal scrolling. */
export const REFLOW_WIDTH = 320;

function violationFinding(make: ReturnType<typeof findingsFor>, v: Violation, scheme: string, rule = `page-axe-${v.id}`): Finding {
  const advice = AXE_ADVICE[v.id];
  return make.fail(rule, `${v.help} (axe ${v.id}, ${v.impact ?? 'minor'}; ${plural(v.nodes.length, 'element')}${scheme ? `, ${scheme}` : ''}).`, {
    impact: advice?.impact ?? `${v.description}.`,
    fix: advice?.fix ?? `See ${v.helpUrl}.`,
    examples: quote(v.nodes.map((n) => n.html), 3, 100),
  });
}

/** Does the page scroll sideways at 320 px, and which elements stick out? */
async function reflow(page: Page): Promise<{ scrollWidth: number; offenders: string[] }> {
  await page.setViewport({ width: REFLOW_WIDTH, height: 640 });
  return page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    const limit = root.clientWidth + 1;
    // Content that scrolls inside its own box (a wide table or code block) is allowed to be wide.
    const contained = (el: Element) => {
      for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
        if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(up).overflowX)) return true;
      }
      return false;
    };
    const wide = [...document.body.querySelectorAll('*')].filter((el) => {
      const box = el.getBoundingClientRect();
      return Math.max(box.right, box.left + el.scrollWidth) > limit && !contained(el);
    });
    // The innermost elements that stick out are the ones to change.
    const innermost = wide.filter((el) => !wide.some((other) => other !== el && el.contains(other)));
    const offenders = innermost.slice(0, 5).map((el) => {
      const box = el.getBoundingClientRect();
      const name = `<${el.tagName.toLowerCase()}${el.id ? ` id="${el.id}"` : ''}${typeof el.className === 'string' && el.className ? ` class="${el.className}"` : ''}>`;
      return `${name} ${Math.round(Math.max(box.right, box.left + el.scrollWidth))} px wide`;
    });
    return { scrollWidth: root.scrollWidth - root.clientWidth, offenders };
  });
}

async function checkPage(file: string, context: CheckContext): Promise<Finding[]> {
  const make = findingsFor('page', file);
  const browser = await context.browser();
  const page = await browser.newPage();
  const findings: Finding[] = [];
  try {
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load', timeout: 60_000 });
    const light = await runAxe(page);
    findings.push(...light.map((v) => violationFinding(make, v, 'light colours')));
    if (!light.length) findings.push(make.pass('page-axe', `axe ${AXE_TAGS.join(', ')}: no violations (light colours).`));
    // HTML_CodeSniffer on the same load, in the same light colours, before the layout changes below.
    findings.push(await codeSniffer(file, context, page));
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    const dark = await runAxe(page, ['color-contrast']);
    findings.push(...dark.map((v) => violationFinding(make, v, 'dark colours', 'page-contrast-dark')));
    if (!dark.length) findings.push(make.pass('page-contrast-dark', 'Colour contrast passes in dark mode (prefers-color-scheme: dark).'));
    if (!light.some((v) => v.id === 'color-contrast')) findings.push(make.pass('page-contrast-light', 'Colour contrast passes in light mode.'));
    const { scrollWidth, offenders } = await reflow(page);
    findings.push(scrollWidth <= 1
      ? make.pass('page-reflow', `No horizontal scrolling at ${REFLOW_WIDTH} CSS px.`)
      : make.fail('page-reflow', `At ${REFLOW_WIDTH} CSS px the page scrolls sideways by ${scrollWidth} px.`, {
        impact: 'People who zoom to 400 % or read on a small phone must scroll sideways for every line (WCAG 1.4.10).',
        fix: 'Long unbroken words, URLs, wide images or tables in the source push the page wider; let tables and code scroll inside their own box.',
        examples: offenders,
      }));
    const facts = await page.evaluate(() => ({
      title: document.querySelector('h1')?.textContent?.trim() || document.title,
      lang: document.documentElement.lang,
      // The generated footnotes heading is no section of the article (the narration reads each note where it is).
      sections: [...document.querySelectorAll('article h2')].filter((h) => !h.closest('[data-footnotes], .footnotes')).map((h) => h.textContent?.trim() ?? ''),
    }));
    // Only the article's page speaks for it across editions; another page (the braille preview) is checked, not compared.
    if (!context.role || context.role === 'html') context.record({ edition: 'page', file, title: facts.title, lang: facts.lang, sections: facts.sections });
  } finally {
    await page.close().catch(() => {});
  }
  return findings;
}

/** A second, independent checker: HTML_CodeSniffer (WCAG2AA) through pa11y, when it is installed. */
async function codeSniffer(file: string, context: CheckContext, page: Page): Promise<Finding> {
  const make = findingsFor('page', file);
  if (!htmlcsInstalled()) return make.skip('page-htmlcs', 'pa11y is not installed (npm install pa11y), so HTML_CodeSniffer was not run.');
  const errors = await htmlcsUrl(await context.browser(), pathToFileURL(file).href, page);
  if (!errors.length) return make.pass('page-htmlcs', 'HTML_CodeSniffer (WCAG2AA, through pa11y): no errors.');
  return make.fail('page-htmlcs', `HTML_CodeSniffer (WCAG2AA) finds ${plural(errors.length, 'error')}: ${[...new Set(errors.map((e) => e.message))].slice(0, 2).join(' ')}`, {
    impact: 'A second checker finds what axe does not: links to ids that do not exist, tables without captions, form fields without labels. Each is a place a screen-reader user loses their way.',
    fix: 'The code names the WCAG technique; mend the article where the element comes from (a link to a missing heading, a table with no caption).',
    examples: quote(errors.map((e) => `${e.rule.split('.').slice(-2).join('.')} at ${e.targets.join(' ')}`), 3, 120),
  });
}

export const pageChecker: EditionChecker = {
  edition: 'page',
  accepts: (file) => /\.html?$/iu.test(file),
  check: checkPage,
};
