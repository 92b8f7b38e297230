import type { Element, Root } from 'hast';
import type { Position } from 'unist';
import { SKIP, visit } from 'unist-util-visit';

/**
 * Hosts that serve tracking pixels and beacons, never article images.
 * A host matches itself and its subdomains.
 */
export const TRACKER_HOSTS = [
  'google-analytics.com',
  'googletagmanager.com',
  'doubleclick.net',
  'googlesyndication.com',
  'facebook.com/tr',
  'connect.facebook.net',
  'scorecardresearch.com',
  'quantserve.com',
  'pixel.wp.com',
  'stats.wp.com',
  'pixel.quantserve.com',
  'bat.bing.com',
  'px.ads.linkedin.com',
  'ct.pinterest.com',
  'analytics.twitter.com',
  't.co/i/adsct',
  'hotjar.com',
  'chartbeat.net',
  'parsely.com',
  'omtrdc.net',
  'demdex.net',
  'adnxs.com',
  'amazon-adsystem.com',
  'criteo.com',
  'taboola.com',
  'outbrain.com',
  'mixpanel.com',
  'segment.io',
  'newrelic.com',
  'nr-data.net',
];

/** True for 1×1 (or smaller) images and images served by a known tracker. */
export function isTrackingImage(src: string, width?: unknown, height?: unknown, style?: unknown): boolean {
  const tiny = (value: unknown) => value !== undefined && value !== null && value !== '' && Number.parseFloat(String(value)) <= 1;
  if (tiny(width) && tiny(height)) return true;
  if (typeof style === 'string' && /width:\s*[01]px/i.test(style) && /height:\s*[01]px/i.test(style)) return true;
  if (/[?&/](pixel|beacon|track(ing)?)\.(gif|png)\b|\/(pixel|beacon)(\?|$)/i.test(src)) return true;
  let url: URL;
  try {
    url = new URL(src, 'https://relative.invalid/');
  } catch {
    return false;
  }
  const target = `${url.hostname}${url.pathname}`.toLowerCase();
  return TRACKER_HOSTS.some((entry) => {
    const [host, ...path] = entry.split('/');
    const onHost = url.hostname === host || url.hostname.endsWith(`.${host}`);
    return onHost && (path.length === 0 || target.includes(`/${path.join('/')}`));
  });
}

/** Only web and relative addresses survive sanitizing; an image without one (data:, blob:, file:) has nothing to show. */
function showable(src: string): boolean {
  return Boolean(src) && !(/^\s*[a-z][a-z\d+.-]*:/i.test(src) && !/^\s*https?:/i.test(src));
}

/**
 * A linked image with nothing to show (a lazy-loading page's `data:`
 * placeholder) leaves its alt text as the link's words: it is what the link
 * says ("You may also like: Pickled Brussels Sprouts Recipe"), and without it
 * the link would be empty in every edition.
 */
function keepLinkedImageWords(tree: Root): void {
  visit(tree, 'element', (link) => {
    if (link.tagName !== 'a') return;
    visit(link, 'element', (node, index, parent) => {
      const props = node.properties ?? {};
      if (node.tagName !== 'img' || !parent || index === undefined || showable(String(props.src ?? ''))) return;
      const alt = String(props.alt ?? '').trim();
      if (!alt || isTrackingImage(String(props.src ?? ''), props.width, props.height, props.style)) return;
      parent.children[index] = { type: 'text', value: alt };
      return [SKIP, index + 1];
    });
    return SKIP;
  });
}

/**
 * Drop tracking images, and make every other image one the shared pipeline can
 * check: an image with no alt attribute gets alt "" (the pipeline's image-alt
 * rule then reports it, once, for every kind of input), and an image without a
 * source position gets one from `locate`, so that the warning points somewhere.
 */
export function prepareHtmlImages(tree: Root, locate: (node: Element) => Position | undefined): void {
  keepLinkedImageWords(tree);
  visit(tree, 'element', (node, index, parent) => {
    if (node.tagName !== 'img') return;
    const props = node.properties ?? {};
    const src = String(props.src ?? '');
    if (!showable(src) || isTrackingImage(src, props.width, props.height, props.style)) {
      if (parent && index !== undefined) {
        parent.children.splice(index, 1);
        return [SKIP, index];
      }
      return;
    }
    if (props.alt === undefined || props.alt === null) props.alt = '';
    node.properties = props;
    node.position ??= locate(node);
    return;
  });
}
