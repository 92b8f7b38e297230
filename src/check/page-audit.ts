import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'puppeteer';

const require = createRequire(import.meta.url);

/** The axe-core tags a Broadside page is held to: WCAG 2.2 AA and best practice. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** One axe violation, as axe reports it. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  description: string;
  helpUrl: string;
  nodes: { target: string[]; html: string; failureSummary?: string }[];
}

/** One problem an independent checker found on a page, with where it is. */
export interface PageFinding {
  checker: 'axe' | 'htmlcs';
  /** axe's rule id, or HTML_CodeSniffer's code (e.g. WCAG2AA.Principle1.Guideline1_3.1_3_1.H39.3.NoCaption). */
  rule: string;
  impact: string | null;
  message: string;
  /** CSS selectors of the offending elements. */
  targets: string[];
}

let axeSource: Promise<string> | undefined;

/**
 * The one axe runner (the check, the tests): axe-core in a page already loaded
 * in Chromium, with the project's tags, or only the given rules.
 */
export async function runAxe(page: Page, only?: string[]): Promise<AxeViolation[]> {
  axeSource ??= readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(await axeSource);
  return page.evaluate(async (tags: string[], rules: string[] | null) => {
    const axe = (globalThis as unknown as { axe: { run: (c: Document, o: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const runOnly = rules ? { type: 'rule', values: rules } : { type: 'tag', values: tags };
    const result = await axe.run(document, { runOnly, resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      description: v.description,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String), html: n.html, failureSummary: n.failureSummary })),
    }));
  }, AXE_TAGS, only ?? null);
}

/** Opens a URL (file: or http:) in a new tab and runs axe there, then HTML_CodeSniffer on the same load if asked. */
export async function axeUrl(browser: Browser, url: string, andHtmlcs = false): Promise<PageFinding[]> {
  const page = await browser.newPage();
  try {
    await page.goto(url, { waitUntil: 'load' });
    const violations = await runAxe(page);
    const axe: PageFinding[] = violations.map((v) => ({ checker: 'axe', rule: v.id, impact: v.impact, message: v.help, targets: v.nodes.flatMap((n) => n.target) }));
    return andHtmlcs ? [...axe, ...(await htmlcsUrl(browser, url, page))] : axe;
  } finally {
    await page.close();
  }
}

/** pa11y is a development dependency: an installed Broadside may not have it. */
export function htmlcsInstalled(): boolean {
  try {
    require.resolve('pa11y');
    return true;
  } catch {
    return false;
  }
}

type Pa11y = (url: string, options: object) => Promise<{ issues: { code: string; type: string; message: string; selector: string }[] }>;

/**
 * HTML_CodeSniffer through pa11y 9 (WCAG2AA standard), in the given browser:
 * its errors only (warnings and notices ask a person to judge). Given a page
 * already loaded, it runs there (pa11y's `page` and `ignoreUrl`): no second
 * load, and none of the half second of network quiet pa11y waits for.
 */
export async function htmlcsUrl(browser: Browser, url: string, page?: Page): Promise<PageFinding[]> {
  const { default: pa11y } = (await import('pa11y')) as { default: Pa11y };
  const loaded = page ? { page, ignoreUrl: true } : {};
  const result = await pa11y(url, { standard: 'WCAG2AA', runners: ['htmlcs'], browser, ...loaded, includeWarnings: false, includeNotices: false, timeout: 60_000 });
  return result.issues.filter((issue) => issue.type === 'error').map((issue) => ({ checker: 'htmlcs', rule: issue.code, impact: 'error', message: issue.message, targets: [issue.selector] }));
}

/** Both checkers on one page. */
export async function checkPage(browser: Browser, url: string): Promise<PageFinding[]> {
  return axeUrl(browser, url, true);
}
