import type { Element, ElementContent, Root } from 'hast';
import { sanitize, type Schema } from 'hast-util-sanitize';
import { SKIP, visit } from 'unist-util-visit';

/**
 * The reviewed allow-list for the article body of the web page.
 *
 * Ingest already sanitises HTML it reads, but the page is what readers open,
 * so the body is checked again here, after mdast-util-to-hast, whatever the
 * reader did: only the elements and attributes our own plugins produce pass.
 * No script, style, frame, object, form or event handler; no `style`
 * attribute (so no CSS `url()`); links keep only web, mail and phone
 * targets; ids are kept as they are (sentence and heading ids are shared
 * with the captions and the PDF), so `clobber` is empty.
 */
export const pageSchema: Schema = {
  tagNames: [
    'a', 'abbr', 'aside', 'b', 'bdi', 'bdo', 'blockquote', 'br', 'caption', 'cite', 'code', 'dd', 'del',
    'details', 'dfn', 'div', 'dl', 'dt', 'em', 'figcaption', 'figure', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
    'hr', 'i', 'img', 'input', 'ins', 'kbd', 'li', 'mark', 'ol', 'p', 'pre', 'q', 's', 'samp', 'section',
    'small', 'span', 'strong', 'sub', 'summary', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead',
    'time', 'tr', 'u', 'ul', 'var',
  ],
  strip: ['script', 'style', 'noscript', 'template', 'iframe', 'frame', 'object', 'embed', 'svg', 'math', 'link', 'meta', 'base'],
  attributes: {
    '*': ['id', 'dir', 'lang', 'title', 'ariaLabel', 'ariaLabelledBy', 'ariaDescribedBy', 'ariaHidden'],
    a: ['href', 'dataFootnoteRef', 'dataFootnoteBackref', ['className', 'data-footnote-backref']],
    img: ['src', 'alt', 'width', 'height'],
    blockquote: ['cite'],
    q: ['cite'],
    time: ['dateTime'],
    details: ['open'],
    ol: ['start', 'reversed'],
    td: ['colSpan', 'rowSpan', 'align'],
    th: ['colSpan', 'rowSpan', 'align', 'scope'],
    // GFM task lists: a disabled checkbox, nothing else of input.
    input: [['type', 'checkbox'], ['disabled', true], 'checked'],
    li: [['className', 'task-list-item']],
    ul: [['className', 'contains-task-list']],
    section: ['dataFootnotes', ['className', 'footnotes']],
    h2: [['className', 'sr-only']],
    span: [['className', 's', 'nowrap']],
    code: [['className', /^language-[\w+#-]+$/]],
  },
  required: { input: { type: 'checkbox', disabled: true } },
  protocols: {
    href: ['http', 'https', 'mailto', 'tel'],
    src: ['http', 'https'],
    cite: ['http', 'https'],
  },
  clobber: [],
  allowComments: false,
  allowDoctypes: false,
};

/** An address that names a scheme or a host (`http:`, `file:`, `//host/`), so following it leaves the page's folder. */
function isAbsolute(url: string): boolean {
  return /^[a-z][a-z\d+.-]*:/iu.test(url.trim()) || /^[\\/]{2}/u.test(url.trim());
}

/**
 * The page loads nothing from elsewhere: an image given by an absolute
 * address becomes a link to it (web addresses) or just its description (any
 * other scheme, such as `file:`), so the words stay and nothing is fetched.
 */
function keepImagesLocal(tree: Root, imageLabel: string): void {
  // An image inside a link cannot become a link itself (links do not nest): it becomes its words.
  visit(tree, 'element', (link) => {
    if (link.tagName !== 'a') return;
    visit(link, 'element', (node, index, parent) => {
      if (node.tagName !== 'img' || !parent || index === undefined || !isAbsolute(String(node.properties?.src ?? ''))) return;
      const alt = String(node.properties?.alt ?? '').trim();
      parent.children[index] = { type: 'text', value: `${imageLabel}${alt ? `: ${alt}` : ''}` };
      return [SKIP, index + 1];
    });
    return SKIP;
  });
  visit(tree, 'element', (node, index, parent) => {
    if (node.tagName !== 'img' || !parent || index === undefined) return;
    const src = String(node.properties?.src ?? '');
    if (!isAbsolute(src)) return;
    const alt = String(node.properties?.alt ?? '').trim();
    const label = `${imageLabel}${alt ? `: ${alt}` : ''}`;
    // The image's id goes with its words: the narration's caption cue for the image names it.
    const id = node.properties?.id;
    const replacement: ElementContent = /^https?:/iu.test(src.trim())
      ? ({ type: 'element', tagName: 'a', properties: { href: src.trim(), ...(id ? { id } : {}) }, children: [{ type: 'text', value: label }] } satisfies Element)
      : { type: 'text', value: alt ? `[${label}]` : '' };
    parent.children[index] = replacement;
    return [SKIP, index + 1];
  });
}

/** The article body, safe to publish: local images only, then the allow-list. */
export function sanitizePageBody(tree: Root, imageLabel = 'Image'): Root {
  keepImagesLocal(tree, imageLabel);
  return sanitize(tree, pageSchema) as Root;
}
