import type { Root } from 'hast';
import { sanitize, type Schema } from 'hast-util-sanitize';
import { FOOTNOTE_REF_TAG } from './footnotes.js';

/** Placeholder element the Markdown reader uses for Markdown nodes between raw HTML tags. */
export const SLOT_TAG = 'broadside-slot';

/**
 * What survives from HTML, in a saved page or raw HTML inside Markdown.
 *
 * Elements outside `tagNames` are unwrapped (their text stays), except those in
 * `strip`, which go with everything inside them: active content, embeds, forms
 * and their controls, and things that only make sense to a browser.
 * Attributes are an allow-list, so every `on*` handler and `style` goes; URLs
 * keep only safe protocols, so `javascript:` links lose their target.
 */
export const articleSchema: Schema = {
  tagNames: [
    'a', 'abbr', 'article', 'aside', 'b', 'bdi', 'bdo', 'blockquote', 'br', 'caption', 'cite', 'code',
    'dd', 'del', 'details', 'dfn', 'div', 'dl', 'dt', 'em', 'figcaption', 'figure',
    'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'main', 'mark', 'ol', 'p',
    'pre', 'q', 's', 'samp', 'section', 'small', 'span', 'strike', 'strong', 'sub', 'summary', 'sup',
    'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'time', 'tr', 'u', 'ul', 'var', SLOT_TAG, FOOTNOTE_REF_TAG,
  ],
  strip: [
    'script', 'style', 'noscript', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet',
    'form', 'input', 'button', 'select', 'textarea', 'option', 'datalist', 'output', 'fieldset', 'label',
    'svg', 'math', 'canvas', 'video', 'audio', 'source', 'track', 'map', 'area',
    'head', 'title', 'meta', 'link', 'base', 'dialog', 'nav', 'menu',
  ],
  attributes: {
    '*': ['dir', 'lang'],
    a: ['href', 'title'],
    // A heading keeps the id the page gave it, so that in-page links still reach it.
    h1: ['id'], h2: ['id'], h3: ['id'], h4: ['id'], h5: ['id'], h6: ['id'],
    abbr: ['title'],
    dfn: ['title'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    blockquote: ['cite'],
    q: ['cite'],
    time: ['dateTime'],
    details: ['open'],
    ol: ['start', 'reversed'],
    td: ['colSpan', 'rowSpan', 'align'],
    th: ['colSpan', 'rowSpan', 'align', 'scope'],
    // The language of a code block, as `language-js`, and nothing else of class.
    code: [['className', /^language-[\w+#-]+$/]],
    [SLOT_TAG]: ['dataI'],
    [FOOTNOTE_REF_TAG]: ['dataNote'],
  },
  protocols: {
    href: ['http', 'https', 'mailto', 'tel'],
    src: ['http', 'https'],
    cite: ['http', 'https'],
  },
  required: {},
  clobber: [],
  allowComments: false,
  allowDoctypes: false,
};

/** A safe copy of an HTML tree, by `articleSchema`. */
export function sanitizeArticleHtml(tree: Root): Root {
  return sanitize(tree, articleSchema) as Root;
}
