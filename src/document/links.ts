import type { Nodes, Parents, Root, RootContent } from 'mdast';
import type { Position } from 'unist';
import type { VFile } from 'vfile';
import { localHost } from '../common/address.js';

/**
 * Why a link target is on a local network, decided from the address alone
 * (no DNS: a link is published, and whatever a name resolves to here says
 * nothing about the reader's network): a literal loopback, private or
 * link-local address, or a local name such as `localhost`. Undefined for
 * relative links and other hosts.
 */
export function localTarget(url: string): { host: string; why: string } | undefined {
  let parsed: URL;
  const trimmed = url.trim();
  try {
    // A protocol-relative address ("//host/x") goes to that host too.
    parsed = new URL(/^[\\/]{2}/u.test(trimmed) ? `https:${trimmed}` : trimmed);
  } catch {
    return undefined;
  }
  // The WHATWG parser has already turned "0x7f.1", "2130706433" and "[::ffff:127.0.0.1]" into their plain forms.
  const why = parsed.hostname ? localHost(parsed.hostname) : undefined;
  return why ? { host: parsed.hostname, why } : undefined;
}

/** The address a link-like node points to: mdast links, and raw-HTML anchors kept as `a` elements. */
function targetOf(node: Nodes, definitions: Map<string, string>): string | undefined {
  if (node.type === 'link') return node.url;
  if (node.type === 'linkReference') return definitions.get(node.identifier);
  const props = node.data?.hName === 'a' ? node.data.hProperties : undefined;
  return typeof props?.href === 'string' ? props.href : undefined;
}

/**
 * A link into a loopback, private or link-local network is not kept live in
 * the page: its words stay, as text. Published, such a link points into
 * each reader's own network (their router's admin page, a cloud metadata
 * service); it is never what an article means to send its readers to. An
 * image from such an address is dropped too (the page would link it); its
 * description stays. Each is reported (rule `local-link`).
 */
export function unlinkLocalTargets() {
  return (tree: Root, file: VFile): void => {
    const definitions = new Map<string, string>();
    for (const node of tree.children) if (node.type === 'definition') definitions.set(node.identifier, node.url);
    // A link of a web page has no place of its own (only the page's blocks are found again): its block's stands in.
    const walk = (parent: Parents, around: Position | undefined): void => {
      const children: RootContent[] = [];
      for (const child of parent.children as RootContent[]) {
        if ('children' in child) walk(child as Parents, child.position ?? around);
        const image = child.type === 'image' ? child : undefined;
        const target = image ? image.url : targetOf(child, definitions);
        const local = target ? localTarget(target) : undefined;
        if (!local) {
          children.push(child);
          continue;
        }
        const what = image ? `image from ${target} is not shown` : `link to ${target} is not kept as a live link`;
        file.message(`${what}: ${local.host} is ${local.why}, on a local network; ${image ? 'its description stays' : 'its text stays'}`, {
          place: child.position ?? around,
          ruleId: 'local-link',
          source: 'broadside',
        });
        if (image) {
          if (image.alt?.trim()) children.push({ type: 'text', value: image.alt.trim() });
        } else if ('children' in child) children.push(...(child.children as RootContent[]));
      }
      (parent as { children: RootContent[] }).children = children;
    };
    walk(tree, undefined);
  };
}
