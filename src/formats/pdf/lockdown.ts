import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import type { HTTPRequest, Page } from 'puppeteer';

/**
 * The print page lives at a made-up origin that only request interception
 * answers. Nothing reaches the network, and only three folders can be read:
 * the article's own, the project's styles/ and Paged.js.
 */
export const PRINT_ORIGIN = 'https://broadside.invalid';
export const ARTICLE_BASE = `${PRINT_ORIGIN}/article/`;
export const STYLES_BASE = `${PRINT_ORIGIN}/styles/`;
export const SCRIPT_BASE = `${PRINT_ORIGIN}/_broadside/`;
export const DOCUMENT_URL = `${PRINT_ORIGIN}/print.html`;

export interface LockdownOptions {
  /** The print document, served at DOCUMENT_URL. */
  html: string;
  /** Folder of the article: its relative images resolve here. */
  articleDir: string;
  /** The project's styles/ folder. */
  stylesDir: string;
  /** Our own scripts, by file name under SCRIPT_BASE, with their absolute paths. */
  scripts: Record<string, string>;
}

const MIME: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.svg': 'image/svg+xml',
  '.css': 'text/css',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
};

// Only our scripts run; article markup cannot add any, nor frames, forms or fetches.
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `script-src ${SCRIPT_BASE}`,
  `style-src 'unsafe-inline' ${PRINT_ORIGIN}`,
  `img-src ${PRINT_ORIGIN} data:`,
  `font-src ${PRINT_ORIGIN} data:`,
  "frame-src 'none'",
  "form-action 'none'",
  "base-uri " + PRINT_ORIGIN,
].join('; ');

export interface Lockdown {
  /** Every load refused so far, in order. */
  blocked: string[];
  /** Serve another print document at DOCUMENT_URL from the next navigation on (the next variant, in the same tab). */
  serve(html: string): void;
}

/** Serve the print page and its few permitted files; refuse everything else. */
export async function lockDown(page: Page, options: LockdownOptions): Promise<Lockdown> {
  const blocked: string[] = [];
  let html = options.html;
  const roots = {
    article: await realpath(options.articleDir),
    styles: await realpath(options.stylesDir),
  };
  await logRefusedLoads(page, blocked);
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    if (request.isInterceptResolutionHandled()) return;
    answer(request, { ...options, html }, roots, blocked).catch(() => {
      blocked.push(request.url());
      if (!request.isInterceptResolutionHandled()) request.abort('blockedbyclient').catch(() => undefined);
    });
  });
  return { blocked, serve: (next) => void (html = next) };
}

/**
 * Chromium refuses some loads before interception sees them: those the CSP
 * forbids (a remote image, an @import) and file: URLs. They never leave the
 * browser, but they go in the same log, so it lists every load the page
 * tried and did not get.
 */
async function logRefusedLoads(page: Page, blocked: string[]): Promise<void> {
  const session = await page.createCDPSession();
  const urls = new Map<string, string>();
  session.on('Network.requestWillBeSent', (event) => urls.set(event.requestId, event.request.url));
  session.on('Network.loadingFailed', (event) => {
    const url = urls.get(event.requestId);
    if (url && !blocked.includes(url) && (event.blockedReason || url.startsWith('file:'))) blocked.push(url);
  });
  await session.send('Network.enable');
}

async function answer(request: HTTPRequest, options: LockdownOptions, roots: { article: string; styles: string }, blocked: string[]): Promise<boolean> {
  const url = request.url();
  if (url.startsWith('data:')) {
    await request.continue();
    return true;
  }
  const refuse = async () => {
    blocked.push(url);
    await request.abort('blockedbyclient');
    return false;
  };
  if (!url.startsWith(`${PRINT_ORIGIN}/`) || request.method() !== 'GET') return refuse();
  const pathname = decodeURIComponent(new URL(url).pathname);
  if (url === DOCUMENT_URL) {
    await request.respond({
      status: 200,
      contentType: 'text/html; charset=utf-8',
      headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY },
      body: options.html,
    });
    return true;
  }
  if (pathname.startsWith('/_broadside/')) {
    const script = options.scripts[pathname.slice('/_broadside/'.length)];
    if (!script) return refuse();
    await request.respond({ status: 200, contentType: 'text/javascript; charset=utf-8', body: await scriptBytes(script) });
    return true;
  }
  const [, area, ...rest] = pathname.split('/');
  const root = area === 'article' ? roots.article : area === 'styles' ? roots.styles : undefined;
  if (!root || request.resourceType() === 'script') return refuse();
  const file = await insideFolder(root, rest.join('/'));
  const type = file && MIME[path.extname(file).toLowerCase()];
  if (!file || !type) return refuse();
  await request.respond({ status: 200, contentType: type, body: await readFile(file) });
  return true;
}

// Our scripts (Paged.js is 0.9 MB) are read once per process, not once per page and variant.
const scriptCache = new Map<string, Promise<Buffer>>();
function scriptBytes(file: string): Promise<Buffer> {
  let bytes = scriptCache.get(file);
  if (!bytes) {
    bytes = readFile(file);
    // A failed read is not remembered: the next page tries again.
    bytes.catch(() => scriptCache.delete(file));
    scriptCache.set(file, bytes);
  }
  return bytes;
}

/** The real path of `relative` under `root`, or undefined when it escapes it (.., symlinks) or does not exist. */
export async function insideFolder(root: string, relative: string): Promise<string | undefined> {
  try {
    const resolved = await realpath(path.resolve(root, relative));
    return resolved === root || resolved.startsWith(root + path.sep) ? resolved : undefined;
  } catch {
    return undefined;
  }
}
