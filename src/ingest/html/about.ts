import type { RootContent } from 'mdast';
import { fromHtml } from 'hast-util-from-html';
import { sanitizeArticleHtml } from './sanitize.js';
import { htmlToMdast } from './to-mdast.js';

/** Boxes in which blogs and news sites introduce the authors. */
const BIO_SELECTORS = [
  '.author-bio', '.about-author', '.about-the-author', '.author-box', '.author-info', '.author-description',
  '.entry-author', '.post-author-bio', '[itemprop="author"] [itemprop="description"]',
].join(',');

// The box's own heading ("About the author") goes: the pipeline gives the section its heading.
const BIO_HEADING = 'h1, h2, h3, h4, h5, h6, img, picture, svg, a[href*="twitter.com"], a[href*="x.com"], a[href*="linkedin.com"]';

/**
 * Take the authors' bio box out of the page and return it as mdast, for the
 * "About the authors" section. Returns undefined when the page has none, or
 * when the box holds no sentence (a name and a photo are not a bio).
 */
export function extractAbout(doc: Document, article?: Element): RootContent[] | undefined {
  // The box is taken out of the extracted article too, where Readability left it.
  article?.querySelectorAll(BIO_SELECTORS).forEach((element) => element.remove());
  const box = doc.querySelector(BIO_SELECTORS);
  if (!box) return undefined;
  box.remove();
  // Readability may have unwrapped the box: its blocks, found by their text, go too.
  const texts = new Set([...box.querySelectorAll('p, h1, h2, h3, h4, h5, h6, li')].map((e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim()).filter(Boolean));
  article?.querySelectorAll('p, h1, h2, h3, h4, h5, h6, li').forEach((element) => {
    if (texts.has((element.textContent ?? '').replace(/\s+/g, ' ').trim())) element.remove();
  });
  box.querySelectorAll(BIO_HEADING).forEach((element) => element.remove());
  // A bio says something in a sentence; a name, a masthead and a list of links do not.
  if (!/[\p{L}]{2}[^.!?]{20,}[.!?](\s|$)/u.test((box.textContent ?? '').replace(/\s+/g, ' '))) return undefined;
  const content = htmlToMdast(sanitizeArticleHtml(fromHtml(box.outerHTML, { fragment: true })), { flow: true });
  return content.length ? content : undefined;
}
