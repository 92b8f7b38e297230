import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { JSDOM, VirtualConsole } from 'jsdom';
import { outputName } from '../../common/names.js';
import { isTrackingImage } from '../html/images.js';
import { locator, type Locate } from '../html/places.js';
import type { Position } from 'unist';
import { FetchError, safeFetch, type FetchRules } from './fetch.js';

/** Images fetched for one page at most; the others stay remote (the page then links them). */
export const MAX_IMAGES = 40;
/** Images fetched at the same time. */
const IMAGE_CONCURRENCY = 4;

const PAGE_TYPES = new Set(['text/html', 'application/xhtml+xml']);
const IMAGE_TYPES: Record<string, string> = {
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/gif': '.gif',
  'image/webp': '.webp',
  'image/avif': '.avif',
  'image/svg+xml': '.svg',
};

/** A web page saved for building: the page and its images in a private folder, as a saved page would be. */
export interface StagedPage {
  /** The page, as `<folder>/<name>.html`, in UTF-8. */
  file: string;
  folder: string;
  /** Where the page came from, after redirects. */
  url: URL;
  /** What did not come (an image refused or missing), one line each, at the line of the page as served where it is written. */
  warnings: { reason: string; place?: Position }[];
  /** Remove the folder. */
  dispose(): Promise<void>;
}

/** The page's text: the charset the server named, else a BOM or the page's own `<meta charset>`, else UTF-8 or windows-1252. */
function decodePage(body: Buffer, charset: string | undefined): string {
  const attempt = (label: string | undefined, fatal = false) => {
    if (!label) return undefined;
    try {
      return new TextDecoder(label, { fatal }).decode(body);
    } catch {
      return undefined;
    }
  };
  const head = body.subarray(0, 2048).toString('latin1');
  const declared = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/iu.exec(head)?.[1];
  return attempt(charset) ?? attempt(declared) ?? attempt('utf-8', true) ?? new TextDecoder('windows-1252').decode(body);
}

/** The image address a browser would show: `src`, or for a lazy-loading page its `data-src` or the largest `srcset` entry. */
function imageAddress(img: Element): string | undefined {
  const src = img.getAttribute('src')?.trim();
  if (src && !src.startsWith('data:')) return src;
  for (const attribute of ['data-src', 'data-lazy-src', 'data-original', 'data-url']) {
    const value = img.getAttribute(attribute)?.trim();
    if (value && !value.startsWith('data:')) return value;
  }
  const srcset = img.getAttribute('srcset') ?? img.getAttribute('data-srcset');
  if (!srcset) return src;
  const candidates = srcset.split(/,\s+/u).map((entry) => {
    const [url, size] = entry.trim().split(/\s+/u);
    return { url, width: Number.parseFloat(size ?? '1') || 1 };
  });
  return candidates.sort((a, b) => b.width - a.width)[0]?.url ?? src;
}

/**
 * Make the saved page stand on its own: links absolute (to where the page
 * was published), and nothing that would make the reader resolve relative
 * addresses elsewhere (`<base>`, the canonical link, og:url), so that the
 * local image paths stay local. It is written as UTF-8 and says so.
 */
function settle(document: Document): void {
  for (const link of document.querySelectorAll('a[href]')) {
    const href = link.getAttribute('href') ?? '';
    if (href.startsWith('#')) continue;
    try {
      link.setAttribute('href', new URL(href, document.baseURI).href);
    } catch {
      // An address that does not parse stays as written; the sanitizer decides.
    }
  }
  for (const node of document.querySelectorAll('base, link[rel~="canonical" i], meta[property="og:url" i], meta[charset], meta[http-equiv="content-type" i]')) node.remove();
  const charset = document.createElement('meta');
  charset.setAttribute('charset', 'utf-8');
  document.head.prepend(charset);
}

/** Fetch the page's images into `images/` and point the page at them; a refused or missing one stays remote, with a warning. */
async function fetchImages(document: Document, folder: string, rules: FetchRules, warnings: StagedPage['warnings'], locate: Locate): Promise<void> {
  const wanted = new Map<string, Element[]>();
  for (const img of document.querySelectorAll('img')) {
    const given = imageAddress(img);
    if (!given) continue;
    let url: URL;
    try {
      url = new URL(given, document.baseURI);
    } catch {
      continue;
    }
    if (isTrackingImage(url.href, img.getAttribute('width'), img.getAttribute('height'), img.getAttribute('style'))) continue;
    img.setAttribute('src', url.href);
    for (const attribute of ['srcset', 'sizes', 'data-src', 'data-lazy-src', 'data-original', 'data-url', 'data-srcset', 'loading']) img.removeAttribute(attribute);
    // Other sources of a <picture> would outrank the local file.
    if (img.parentElement?.tagName === 'PICTURE') for (const source of img.parentElement.querySelectorAll('source')) source.remove();
    if (wanted.size < MAX_IMAGES || wanted.has(url.href)) wanted.set(url.href, [...(wanted.get(url.href) ?? []), img]);
  }
  if (wanted.size) await mkdir(path.join(folder, 'images'));
  const queue = [...wanted.entries()].map(([href, uses], index) => ({ href, uses, index }));
  const worker = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      try {
        const image = await safeFetch(job.href, 'image/*', (type) => type in IMAGE_TYPES, rules);
        const name = `images/${job.index + 1}${IMAGE_TYPES[image.type]}`;
        await writeFile(path.join(folder, name), image.body);
        for (const img of job.uses) img.setAttribute('src', name);
      } catch (error) {
        if (!(error instanceof FetchError)) throw error;
        warnings.push({ reason: `image ${job.href} was not fetched: ${error.message}`, place: job.uses.map(locate).find(Boolean) });
      }
    }
  };
  await Promise.all(Array.from({ length: IMAGE_CONCURRENCY }, worker));
}

/**
 * Fetch a web page and its images under the fetch rules (see fetch.ts) into
 * a private temporary folder, as a saved page with local images. The caller
 * builds it as any saved page and disposes of the folder afterwards.
 */
export async function stagePage(address: string, rules: FetchRules): Promise<StagedPage> {
  const page = await safeFetch(address, 'text/html, application/xhtml+xml;q=0.9', (type) => PAGE_TYPES.has(type), rules);
  const folder = await mkdtemp(path.join(tmpdir(), 'broadside-url-'));
  const dispose = () => rm(folder, { recursive: true, force: true });
  try {
    const dom = new JSDOM(decodePage(page.body, page.charset), { url: page.url.href, contentType: 'text/html', virtualConsole: new VirtualConsole(), includeNodeLocations: true });
    const { document } = dom.window;
    const warnings: StagedPage['warnings'] = [];
    await fetchImages(document, folder, rules, warnings, locator((node) => dom.nodeLocation(node)));
    settle(document);
    const file = path.join(folder, `${outputName(address)}.html`);
    await writeFile(file, dom.serialize());
    dom.window.close();
    return { file, folder, url: page.url, warnings, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}
