import { existsSync } from 'node:fs';
import puppeteer, { type Browser, type Page } from 'puppeteer';

/** Flags that let headless Chromium run as root, offline, without a GPU. */
export const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
];

const SYSTEM_BROWSERS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
];

export const NO_BROWSER_HELP =
  'no Chrome or Chromium found. Install one (Debian/Ubuntu: `apt-get install -y chromium`; macOS: install Google Chrome), ' +
  'or point Broadside at one with --browser PATH or BROADSIDE_BROWSER=PATH';

export class BrowserNotFoundError extends Error {
  constructor(detail = NO_BROWSER_HELP) {
    super(detail);
    this.name = 'BrowserNotFoundError';
  }
}

/**
 * Find a browser in this order: the explicit setting (option, then
 * BROADSIDE_BROWSER or PUPPETEER_EXECUTABLE_PATH), puppeteer's own download,
 * then a system Chrome or Chromium.
 */
export function findBrowser(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  const named = explicit ?? env.BROADSIDE_BROWSER ?? env.PUPPETEER_EXECUTABLE_PATH;
  if (named) {
    if (!existsSync(named)) throw new BrowserNotFoundError(`the browser "${named}" does not exist; ${NO_BROWSER_HELP}`);
    return named;
  }
  try {
    const own = puppeteer.executablePath();
    if (own && existsSync(own)) return own;
  } catch {
    // puppeteer has no download of its own (we skip it at install time).
  }
  const system = SYSTEM_BROWSERS.find((candidate) => existsSync(candidate));
  if (system) return system;
  throw new BrowserNotFoundError();
}

export interface LaunchOptions {
  executablePath?: string;
  /** Milliseconds to wait for the browser to start. */
  timeout?: number;
}

/** Browsers launched here whose first tab no one has taken yet. */
const blankTabs = new WeakSet<Browser>();

/**
 * The blank tab Chromium opens at launch, once per browser: its renderer is
 * already running, so laying out in it saves starting another (about half a
 * second and most of a core-second on this project's two-core machine). Later
 * callers, and browsers not launched by launchBrowser, get undefined.
 */
export async function takeBlankTab(browser: Browser): Promise<Page | undefined> {
  if (!blankTabs.delete(browser)) return undefined;
  const pages = await browser.pages();
  return pages.find((page) => !page.isClosed() && page.url() === 'about:blank');
}

/** Launch headless Chromium with the flags this project needs. */
export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  const executablePath = findBrowser(options.executablePath);
  const browser = await puppeteer.launch({
    executablePath,
    headless: true,
    args: LAUNCH_ARGS,
    timeout: options.timeout ?? 60_000,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  blankTabs.add(browser);
  return browser;
}
