import { isTrackingImage } from './images.js';

/** Elements that are never article text, whatever the page. */
const NEVER_CONTENT = [
  'script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'form', 'button', 'input', 'select',
  'textarea', 'dialog', 'link', 'meta', 'nav', 'menu',
  '[role="navigation"]', '[role="banner"]', '[role="contentinfo"]', '[role="search"]', '[role="dialog"]',
  '[role="alertdialog"]', '[aria-hidden="true"]', '[hidden]',
].join(',');

/** Elements that are page chrome unless they sit inside the article. */
const CHROME_OUTSIDE_ARTICLE = ['header', 'footer', 'aside', '[role="complementary"]'].join(',');

/**
 * Class or id words of site chrome: comment threads, share bars, cookie and
 * consent banners, newsletter boxes, related-post lists, sidebars, ads.
 * Matched as whole words of a class or id (split on space, `-` and `_`).
 */
const CHROME_WORDS = new Set([
  'comment', 'comments', 'respond', 'reply', 'replies', 'disqus', 'share', 'sharing', 'social', 'sharedaddy',
  'cookie', 'cookies', 'consent', 'gdpr', 'newsletter', 'subscribe', 'subscription', 'signup', 'related',
  'recommended', 'sidebar', 'widget', 'advert', 'advertisement', 'ads', 'ad', 'sponsor', 'sponsored', 'promo',
  'popup', 'modal', 'breadcrumb', 'breadcrumbs', 'pagination', 'skip', 'toolbar', 'masthead',
]);

/** Links that exist to share the page, not to cite anything. */
const SHARE_LINK = /twitter\.com\/intent|x\.com\/intent|facebook\.com\/shar|linkedin\.com\/share|reddit\.com\/submit|pinterest\.com\/pin\/create|wa\.me\/|api\.whatsapp\.com\/send|t\.me\/share|mailto:\?/i;

function chromeWords(element: Element): string[] {
  return `${element.getAttribute('class') ?? ''} ${element.id}`.toLowerCase().split(/[\s_-]+/).filter(Boolean);
}

function textLength(element: Element | null): number {
  return (element?.textContent ?? '').replace(/\s+/g, ' ').length;
}

/** The element that holds the article, if the page marks one. */
export function articleRoot(doc: Document): Element | null {
  return doc.querySelector('[itemprop="articleBody"]') ?? doc.querySelector('article') ?? doc.querySelector('main, [role="main"]');
}

/**
 * Remove what is not the article before extraction, so that Readability never
 * mistakes a long comment thread or a sidebar for the text. Never removes the
 * article itself or anything holding it.
 */
export function removeChrome(doc: Document): void {
  const article = articleRoot(doc);
  const pageText = textLength(doc.body);
  // Without a marked article, an element holding the title or most of the text is taken to hold it
  // (a `<body class="has-sidebar">` or `<div class="content with-comments">` must stay).
  const holdsArticle = (element: Element) =>
    element === doc.body ||
    element === doc.documentElement ||
    (article !== null
      ? element === article || element.contains(article)
      : element.querySelector('h1') !== null || textLength(element) > pageText / 2);
  const remove = (element: Element) => {
    if (!holdsArticle(element)) element.remove();
  };

  doc.querySelectorAll(NEVER_CONTENT).forEach(remove);
  doc.querySelectorAll(CHROME_OUTSIDE_ARTICLE).forEach((element) => {
    if (!article || !article.contains(element)) remove(element);
  });
  doc.querySelectorAll('[class], [id]').forEach((element) => {
    if (element.isConnected && chromeWords(element).some((word) => CHROME_WORDS.has(word))) remove(element);
  });
  doc.querySelectorAll('a[href]').forEach((link) => {
    if (SHARE_LINK.test(link.getAttribute('href') ?? '')) link.remove();
  });
  doc.querySelectorAll('img').forEach((img) => {
    const src = img.getAttribute('src') ?? img.getAttribute('data-src') ?? '';
    if (isTrackingImage(src, img.getAttribute('width'), img.getAttribute('height'), img.getAttribute('style'))) img.remove();
  });
}
