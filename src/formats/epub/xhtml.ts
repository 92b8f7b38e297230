import type { ElementContent, Root, RootContent } from 'hast';
import { h } from 'hastscript';
import { find, html } from 'property-information';

export const XHTML_NS = 'http://www.w3.org/1999/xhtml';
export const OPS_NS = 'http://www.idpf.org/2007/ops';

export interface XhtmlDocumentOptions {
  lang: string;
  dir: 'ltr' | 'rtl';
  title: string;
  /** Stylesheet hrefs, relative to the document. */
  stylesheets: string[];
  body: ElementContent[];
}

/** An XHTML content document (EPUB 3), serialised as well-formed XML. */
export function xhtmlDocument(options: XhtmlDocumentOptions): string {
  const html = h('html', { xmlns: XHTML_NS, 'xmlns:epub': OPS_NS, lang: options.lang, 'xml:lang': options.lang, dir: options.dir }, [
    h('head', [
      h('meta', { charSet: 'utf-8' }),
      h('title', options.title),
      ...options.stylesheets.map((href) => h('link', { rel: 'stylesheet', type: 'text/css', href })),
    ]),
    h('body', options.body),
  ]);
  return serialize({ type: 'root', children: [html] });
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

function escapeText(text: string): string {
  return text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');
}

function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/gu, '&quot;');
}

/**
 * One attribute as XML wants it: always a quoted value, so HTML's boolean
 * attributes (`checked`, `disabled`) repeat their own name, and false ones go.
 */
function attribute(key: string, value: unknown): string {
  if (value === false || value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value))) return '';
  const info = find(html, key);
  let text: string;
  if (value === true) text = info.boolean || info.overloadedBoolean ? info.attribute : '';
  else if (Array.isArray(value)) text = value.join(info.commaSeparated ? ', ' : ' ');
  else text = String(value);
  return ` ${info.attribute}="${escapeAttribute(text)}"`;
}

function serializeNode(node: Root | RootContent): string {
  switch (node.type) {
    case 'root':
      return node.children.map(serializeNode).join('');
    case 'element': {
      const attributes = Object.entries(node.properties ?? {}).map(([key, value]) => attribute(key, value)).join('');
      if (VOID.has(node.tagName)) return `<${node.tagName}${attributes}/>`;
      return `<${node.tagName}${attributes}>${node.children.map(serializeNode).join('')}</${node.tagName}>`;
    }
    case 'text':
      return escapeText(node.value);
    default:
      // Doctypes, comments and raw HTML have no place in the book.
      return '';
  }
}

/** Serialise a hast tree as an XML document (XHTML): closed empty elements, quoted values, the XML escapes only. */
export function serialize(tree: Root): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n${serializeNode(tree)}\n`;
}
