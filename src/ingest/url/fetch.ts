import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Readable } from 'node:stream';
import { VERSION } from '../../version.js';
import { OPTION_DEFAULTS } from '../../options/schema.js';
import { localHost, refusedAddress } from '../../common/address.js';

/** How Broadside introduces itself to web servers. */
export const USER_AGENT = `Broadside/${VERSION} (fetches one article to make its accessible editions)`;
/** Redirects followed before giving up, as browsers' fetch() limits them (it allows 20; an article needs few). */
export const MAX_REDIRECTS = 5;
/** Default of `fetchTimeoutMs`: how long one fetch (its redirects and its whole body included) may take. */
export const DEFAULT_FETCH_TIMEOUT_MS = OPTION_DEFAULTS.fetchTimeoutMs;

export interface FetchRules {
  /** Largest body accepted, in bytes (after decompression). */
  maxBytes: number;
  /** Milliseconds the whole fetch may take, redirects included. */
  timeoutMs: number;
  /**
   * Fetch from loopback, private and link-local addresses too: all of them
   * (true), or only these IP addresses (say, an intranet server's). Default false.
   */
  allowPrivateNetwork?: boolean | string[];
  signal?: AbortSignal;
}

export interface Fetched {
  /** Where the body came from, after redirects. */
  url: URL;
  /** The media type, lower case, without parameters. */
  type: string;
  /** The `charset` parameter of the Content-Type, if any. */
  charset?: string;
  body: Buffer;
}

/** A fetch that did not give what was asked for; the message is the problem, for a line that names the address. */
export class FetchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FetchError';
  }
}

const ALLOW = ' (allow it with --allow-private-network, or allowPrivateNetwork in the config)';

/** Whether an address in a refused range may be fetched from anyway. */
function excepted(address: string, rules: FetchRules): boolean {
  const allow = rules.allowPrivateNetwork;
  if (allow === true) return true;
  if (!Array.isArray(allow)) return false;
  const bare = address.replace(/^\[|\]$/gu, '').toLowerCase();
  return allow.some((entry) => entry.replace(/^\[|\]$/gu, '').toLowerCase() === bare);
}

/** Refuse an address that is not http(s), carries credentials, or names a local host outright. */
function checkAddress(url: URL, rules: FetchRules, what: string): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FetchError(`${what} ${url.protocol.replace(/:$/u, '')}: address: only http and https are fetched`);
  if (url.username || url.password) throw new FetchError(`${what} an address with a user name or password: credentials are never sent`);
  // A name is checked by what it resolves to when a list of addresses is allowed; a literal address, now.
  const byName = Array.isArray(rules.allowPrivateNetwork) && !isIP(url.hostname.replace(/^\[|\]$/gu, ''));
  const local = excepted(url.hostname, rules) || byName ? undefined : localHost(url.hostname);
  if (local) throw new FetchError(`refused: ${url.hostname} is ${local}${ALLOW}`);
}

/**
 * DNS resolution that refuses local addresses, used as the connection's own
 * lookup: the address checked is the address connected to, so a name that
 * resolves to a public address for a check and to 127.0.0.1 for the
 * connection (DNS rebinding) has no window.
 */
function guardedLookup(rules: FetchRules): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const allowed = addresses.filter((entry) => !refusedAddress(entry.address) || excepted(entry.address, rules));
      if (!allowed.length) {
        const first = addresses[0];
        const why = first ? `${hostname} resolves to ${first.address}, ${refusedAddress(first.address)}` : `${hostname} has no address`;
        return callback(Object.assign(new FetchError(`refused: ${why}${ALLOW}`), { code: 'EREFUSEDADDRESS' }), '', 0);
      }
      if (options.all) return (callback as unknown as (e: null, all: LookupAddress[]) => void)(null, allowed);
      callback(null, allowed[0]!.address, allowed[0]!.family);
    });
  };
}

/** One GET, no redirect followed: resolves with the response, headers read, body not. */
function request(url: URL, accept: string, rules: FetchRules, signal: AbortSignal): Promise<IncomingMessage> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(url, {
      method: 'GET',
      // No pooled connection: one made under other rules (or to another address) is never reused.
      agent: false,
      lookup: guardedLookup(rules),
      signal,
      headers: {
        'user-agent': USER_AGENT,
        accept,
        'accept-encoding': 'gzip, deflate, br',
        // No Cookie, no Authorization, no Referer: nothing about the user or another site goes out.
      },
    });
    req.once('response', resolve);
    req.once('error', reject);
    req.end();
  });
}

/** The body, decompressed, refused as soon as it passes `maxBytes` (a huge or endless body, a compression bomb). */
async function readBody(response: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(response.headers['content-length']);
  const encoding = String(response.headers['content-encoding'] ?? 'identity').toLowerCase().trim();
  if (encoding === 'identity' && Number.isFinite(declared) && declared > maxBytes) {
    response.destroy();
    throw tooBig(maxBytes);
  }
  let stream: Readable = response;
  if (encoding === 'gzip' || encoding === 'x-gzip') stream = response.pipe(createGunzip());
  else if (encoding === 'deflate') stream = response.pipe(createInflate());
  else if (encoding === 'br') stream = response.pipe(createBrotliDecompress());
  else if (encoding !== 'identity') {
    response.destroy();
    throw new FetchError(`the server sent the body in an unknown encoding "${encoding}"`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) throw tooBig(maxBytes);
      chunks.push(chunk as Buffer);
    }
  } finally {
    response.destroy();
    if (stream !== response) stream.destroy();
  }
  return Buffer.concat(chunks);
}

function tooBig(maxBytes: number): FetchError {
  return new FetchError(`the body is over the limit of ${maxBytes} bytes (raise it with --max-input-bytes or maxInputBytes in the config)`);
}

/** What went wrong below HTTP, in words. */
function networkProblem(error: NodeJS.ErrnoException, url: URL): string {
  if (error instanceof FetchError) return error.message;
  const host = url.hostname;
  switch (error.code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `the host ${host} was not found (DNS)`;
    case 'ECONNREFUSED':
      return `${host} refused the connection`;
    case 'ECONNRESET':
    case 'EPIPE':
      return `${host} closed the connection`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${host} cannot be reached from this machine`;
    default:
      return `the fetch failed (${error.code ?? error.message.split('\n')[0]})`;
  }
}

/**
 * GET `address` under Broadside's fetch rules: http and https only, no
 * credentials, a User-Agent that names Broadside, no cookies, at most
 * MAX_REDIRECTS redirects, each hop checked again, local addresses refused
 * after DNS and connected to only as checked, one deadline for the lot, and
 * the body refused past `maxBytes`. `accepts` says which media types will do.
 * Throws FetchError with the problem in one line.
 */
export async function safeFetch(address: string | URL, accept: string, accepts: (type: string) => boolean, rules: FetchRules): Promise<Fetched> {
  const deadline = AbortSignal.timeout(rules.timeoutMs);
  const signal = rules.signal ? AbortSignal.any([rules.signal, deadline]) : deadline;
  let url = new URL(address);
  checkAddress(url, rules, 'cannot fetch');
  try {
    for (let redirects = 0; ; redirects++) {
      const response = await request(url, accept, rules, signal);
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (status >= 300 && status < 400 && location) {
        response.destroy();
        if (redirects === MAX_REDIRECTS) throw new FetchError(`more than ${MAX_REDIRECTS} redirects`);
        const next = new URL(location, url);
        try {
          checkAddress(next, rules, 'redirected to');
        } catch (error) {
          throw new FetchError(`redirected to ${next.href}: ${(error as Error).message}`);
        }
        url = next;
        continue;
      }
      if (status !== 200) {
        response.destroy();
        throw new FetchError(`the server answered ${status}${response.statusMessage ? ` ${response.statusMessage}` : ''}${redirects ? ` (at ${url.href})` : ''}`);
      }
      const contentType = String(response.headers['content-type'] ?? '');
      const type = contentType.split(';')[0]!.trim().toLowerCase();
      if (!accepts(type)) {
        response.destroy();
        throw new FetchError(`the server sent ${type ? `"${type}"` : 'no Content-Type'}, not ${accept.split(',')[0]}`);
      }
      const charset = /;\s*charset\s*=\s*"?([\w.:-]+)/iu.exec(contentType)?.[1];
      return { url, type, charset, body: await readBody(response, rules.maxBytes) };
    }
  } catch (error) {
    if (rules.signal?.aborted) throw rules.signal.reason ?? error;
    if (deadline.aborted) throw new FetchError(`no complete answer within ${rules.timeoutMs} ms (raise it with --fetch-timeout-ms or fetchTimeoutMs in the config)`);
    throw new FetchError(networkProblem(error as NodeJS.ErrnoException, url));
  }
}
