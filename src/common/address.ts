import { isIPv4, isIPv6 } from 'node:net';

/**
 * Which network addresses Broadside refuses to fetch from (and to keep as
 * live links): everything that is not on the public Internet. A server that
 * fetches what a user names must not become a way into the machine itself
 * (loopback), the network it sits in (private and shared ranges), the cloud
 * provider's metadata service (169.254.169.254, fd00:ec2::254), or ranges
 * that are never a real web server (multicast, reserved, documentation).
 */

type Range = [prefix: number[], bits: number, what: string];

/** IPv4 ranges (RFC 6890 special-purpose registry), most specific first. */
const IPV4: Range[] = [
  [[169, 254, 169, 254], 32, 'the cloud metadata address'],
  [[0, 0, 0, 0], 8, 'a "this network" address (0.0.0.0/8)'],
  [[10, 0, 0, 0], 8, 'a private address (10.0.0.0/8)'],
  [[100, 64, 0, 0], 10, 'a shared carrier-grade NAT address (100.64.0.0/10)'],
  [[127, 0, 0, 0], 8, 'a loopback address (127.0.0.0/8)'],
  [[169, 254, 0, 0], 16, 'a link-local address (169.254.0.0/16)'],
  [[172, 16, 0, 0], 12, 'a private address (172.16.0.0/12)'],
  [[192, 0, 0, 0], 24, 'an IETF protocol address (192.0.0.0/24)'],
  [[192, 0, 2, 0], 24, 'a documentation address (192.0.2.0/24)'],
  [[192, 88, 99, 0], 24, 'a 6to4 relay address (192.88.99.0/24)'],
  [[192, 168, 0, 0], 16, 'a private address (192.168.0.0/16)'],
  [[198, 18, 0, 0], 15, 'a benchmarking address (198.18.0.0/15)'],
  [[198, 51, 100, 0], 24, 'a documentation address (198.51.100.0/24)'],
  [[203, 0, 113, 0], 24, 'a documentation address (203.0.113.0/24)'],
  [[224, 0, 0, 0], 4, 'a multicast address (224.0.0.0/4)'],
  [[240, 0, 0, 0], 4, 'a reserved or broadcast address (240.0.0.0/4)'],
];

/** IPv6 ranges refused outright. Only 2000::/3 is global unicast; the rest of the space is refused after these. */
const IPV6: Range[] = [
  [[], 128, 'the unspecified address (::)'],
  [[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], 128, 'the loopback address (::1)'],
  [[0x20, 0x01, 0x0d, 0xb8], 32, 'a documentation address (2001:db8::/32)'],
  // Teredo hides the client's IPv4 address; nothing an article needs is served from it.
  [[0x20, 0x01, 0, 0], 32, 'a Teredo tunnel address (2001::/32)'],
  [[0xfc], 7, 'a unique local (private) address (fc00::/7)'],
  [[0xfe, 0x80], 10, 'a link-local address (fe80::/10)'],
  [[0xfe, 0xc0], 10, 'a site-local address (fec0::/10)'],
  [[0xff], 8, 'a multicast address (ff00::/8)'],
];

/** IPv6 forms that carry an IPv4 address, and where its four bytes are: the IPv4 rules then decide. */
const EMBEDS_IPV4: [prefix: number[], bits: number, at: number][] = [
  [[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff], 96, 12], // IPv4-mapped, ::ffff:a.b.c.d
  [[0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0], 96, 12], // IPv4-translated, ::ffff:0:a.b.c.d
  [[0, 0x64, 0xff, 0x9b], 96, 12], // NAT64, 64:ff9b::a.b.c.d
  [[0x20, 0x02], 16, 2], // 6to4, 2002:aabb:ccdd::
  [[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 96, 12], // IPv4-compatible (deprecated), ::a.b.c.d
];

function matches(bytes: number[], [prefix, bits]: [number[], number, ...unknown[]]): boolean {
  for (let bit = 0; bit < bits; bit++) {
    const byte = bit >> 3;
    const mask = 0x80 >> (bit & 7);
    if (((bytes[byte] ?? 0) & mask) !== ((prefix[byte] ?? 0) & mask)) return false;
  }
  return true;
}

function ipv4Bytes(address: string): number[] {
  return address.split('.').map(Number);
}

/** The 16 bytes of an IPv6 address (zone index dropped, a dotted IPv4 tail allowed). */
function ipv6Bytes(address: string): number[] {
  let text = address.replace(/%.*$/u, '');
  const tail = /(\d+\.\d+\.\d+\.\d+)$/u.exec(text);
  if (tail) {
    const [a, b, c, d] = ipv4Bytes(tail[1]!);
    text = `${text.slice(0, tail.index)}${((a! << 8) | b!).toString(16)}:${((c! << 8) | d!).toString(16)}`;
  }
  const [head, rest] = text.includes('::') ? text.split('::') : [text, undefined];
  const left = head ? head.split(':') : [];
  const right = rest ? rest.split(':') : [];
  const groups = rest === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return groups.flatMap((group) => {
    const value = Number.parseInt(group || '0', 16);
    return [value >> 8, value & 0xff];
  });
}

/**
 * Why an IP address (v4 or v6, as a string) is refused, or undefined when it
 * is a public one. Anything that is not an IP address is refused too.
 */
export function refusedAddress(address: string): string | undefined {
  const bare = address.replace(/^\[|\]$/gu, '');
  if (isIPv4(bare)) {
    const bytes = ipv4Bytes(bare);
    return IPV4.find((range) => matches(bytes, range))?.[2];
  }
  if (!isIPv6(bare.replace(/%.*$/u, ''))) return 'not an IP address';
  const bytes = ipv6Bytes(bare);
  const exact = IPV6.find((range) => matches(bytes, range));
  if (exact) return exact[2];
  for (const [prefix, bits, at] of EMBEDS_IPV4) {
    if (!matches(bytes, [prefix, bits])) continue;
    const embedded = bytes.slice(at, at + 4).join('.');
    const why = refusedAddress(embedded);
    return why ? `${why}, inside the IPv6 address` : undefined;
  }
  if (!matches(bytes, [[0x20], 3])) return 'a reserved IPv6 address (outside 2000::/3)';
  return undefined;
}

/**
 * Host names that always mean this machine or the local network, whatever
 * DNS says: `localhost` and its subdomains (RFC 6761), the names systems
 * give the loopback address, mDNS `.local`, and the names reserved for
 * private networks (`.home.arpa`, `.internal`).
 */
const LOCAL_NAMES = /^(?:localhost|localhost\.localdomain|ip6-localhost|ip6-loopback)$|\.(?:localhost|local|home\.arpa|internal)$/iu;

/**
 * Why a host (a URL's `hostname`: a name, an IPv4 address or a bracketed
 * IPv6 one) is local, decided from the name alone, without DNS: a literal
 * address in a refused range or a local name. Undefined for other names.
 */
export function localHost(hostname: string): string | undefined {
  const host = hostname.replace(/\.$/u, '').toLowerCase();
  const bare = host.replace(/^\[|\]$/gu, '');
  if (isIPv4(bare) || isIPv6(bare.replace(/%.*$/u, ''))) return refusedAddress(bare);
  if (LOCAL_NAMES.test(host)) return 'a local host name';
  return undefined;
}
