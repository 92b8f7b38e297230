import type { Element, ElementContent, Nodes, Root } from 'hast';
import { visit } from 'unist-util-visit';

/** The text a node holds. */
const toString = (node: Nodes): string => (node.type === 'text' ? node.value : 'children' in node ? node.children.map((child) => toString(child)).join('') : '');

/** A heading's text as GitHub turns it into an id: lower case, punctuation dropped, spaces to hyphens. */
const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s/gu, '-');

/** The last part of an address, for a person: a file name or a host. */
function describeTarget(href: string): string {
  const clean = href.split(/[?#]/u)[0]!.replace(/\/+$/u, '');
  const last = decodeURIComponent(clean.split('/').pop() ?? '');
  return last || href;
}

/** Whether a link has any text a screen reader would announce (text, or an image's alt). */
function hasName(link: Element): boolean {
  if (toString(link).trim()) return true;
  let named = false;
  visit(link, 'element', (node) => {
    if (node.tagName === 'img' && String(node.properties?.alt ?? '').trim()) named = true;
  });
  return named || Boolean(String(link.properties?.ariaLabel ?? '').trim());
}

/**
 * Every link on the page leads somewhere and says where:
 * - a link to a fragment that no element holds (a README's table of
 *   contents written for another slugger) is pointed at the heading whose
 *   text gives that slug, or else kept as plain text;
 * - a link with no address is kept as plain text; one with no text at all
 *   is removed;
 * - a link whose only content is an image without alt text gets alt text
 *   naming its target, so it is announced as more than "link".
 */
export function mendLinks(tree: Root): void {
  const ids = new Set<string>();
  const bySlug = new Map<string, string>();
  visit(tree, 'element', (node) => {
    const id = node.properties?.id;
    if (typeof id === 'string' && id) ids.add(id);
    if (/^h[1-6]$/u.test(node.tagName) && typeof id === 'string') bySlug.set(slug(toString(node)), id);
  });
  visit(tree, 'element', (node, index, parent) => {
    if (node.tagName !== 'a' || !parent || index === undefined) return;
    const href = typeof node.properties?.href === 'string' ? node.properties.href : '';
    const unwrap = () => {
      parent.children.splice(index, 1, ...(node.children as ElementContent[]));
      return index;
    };
    if (href.startsWith('#') && href.length > 1) {
      const target = decodeURIComponent(href.slice(1));
      if (!ids.has(target)) {
        const found = bySlug.get(slug(target.replace(/-/gu, ' '))) ?? bySlug.get(target);
        if (found) node.properties = { ...node.properties, href: `#${found}` };
        else return unwrap();
      }
    }
    if (!href.trim()) return unwrap();
    if (hasName(node)) return;
    let image: Element | undefined;
    visit(node, 'element', (child) => void (child.tagName === 'img' && (image ??= child)));
    if (image) image.properties = { ...image.properties, alt: `Link to ${describeTarget(href)}` };
    else {
      node.children.push({ type: 'text', value: describeTarget(href) });
      // The name is the page's, not the article's: said so, for checks that compare the page with the narration.
      node.properties = { ...node.properties, dataNameFrom: 'href' };
    }
  });
}
