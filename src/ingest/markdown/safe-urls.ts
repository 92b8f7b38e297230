import type { Parents, Root, RootContent } from 'mdast';

const SAFE_PROTOCOLS: Record<'link' | 'image', string[]> = {
  link: ['http', 'https', 'mailto', 'tel'],
  image: ['http', 'https'],
};

/** The URL's protocol, lower-cased, or undefined for a relative URL (as hast-util-sanitize decides it). */
function protocolOf(url: string): string | undefined {
  const colon = url.indexOf(':');
  if (colon < 0) return undefined;
  const before = url.slice(0, colon);
  if (/[/?#]/.test(before)) return undefined;
  return before.replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
}

function isSafe(url: string, kind: 'link' | 'image'): boolean {
  const protocol = protocolOf(url);
  return protocol === undefined || SAFE_PROTOCOLS[kind].includes(protocol);
}

/**
 * Markdown's own links and images get the same URL rules as raw HTML:
 * `[x](javascript:…)` keeps its text and loses its target, and an image from
 * a `data:` or `javascript:` address goes. Reference definitions are checked
 * where they are used.
 */
export default function remarkSafeUrls() {
  return (tree: Root): void => {
    const unsafeDefinitions = new Set<string>();
    for (const node of tree.children) {
      if (node.type === 'definition' && !isSafe(node.url, 'link')) unsafeDefinitions.add(node.identifier);
    }
    clean(tree, unsafeDefinitions);
  };
}

function clean(parent: Parents, unsafeDefinitions: Set<string>): void {
  const children: RootContent[] = [];
  for (const child of parent.children as RootContent[]) {
    if ('children' in child) clean(child, unsafeDefinitions);
    if (child.type === 'link' && !isSafe(child.url, 'link')) children.push(...child.children);
    else if (child.type === 'linkReference' && unsafeDefinitions.has(child.identifier)) children.push(...child.children);
    else if (child.type === 'image' && !isSafe(child.url, 'image')) continue;
    else if (child.type === 'imageReference' && unsafeDefinitions.has(child.identifier)) continue;
    else if (child.type === 'definition' && unsafeDefinitions.has(child.identifier)) continue;
    else children.push(child);
  }
  (parent as { children: RootContent[] }).children = children;
}
