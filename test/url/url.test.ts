import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/build/config.js';
import { build } from '../../src/index.js';
import { USER_AGENT } from '../../src/ingest/url/fetch.js';
import { FIXTURES, tempDir } from '../helpers/fixtures.js';
import { runCliAsync, startServer } from './server.js';

// Every address fetched here is on 127.0.0.1: nothing leaves the machine.
let server: Awaited<ReturnType<typeof startServer>>;
const out = tempDir('broadside-urltest-');
/** The private folders pages are fetched into. */
const staging = () => readdirSync(tmpdir()).filter((name) => name.startsWith('broadside-url-'));

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.close();
  await rm(out, { recursive: true, force: true });
});

/** Build one address (HTML edition only) through the API, with loopback allowed unless told otherwise. */
async function fetchOne(pathname: string, options: Parameters<typeof build>[0] = {}) {
  const result = await build({ inputs: [`${server.base}${pathname}`], outDir: out, formats: ['html'], allowPrivateNetwork: true, ...options });
  return result.articles[0]!;
}

describe('an article from a URL', () => {
  it('is fetched with its images and built like a saved page, through the real CLI (page and PDF)', async () => {
    const before = staging();
    const address = `${server.base}/2025/repair-cafe`;
    const run = await runCliAsync(['build', address, '--out', out, '--formats', 'html,pdf', '--allow-private-network']);
    expect(run.status, run.stderr).toBe(0);
    const folder = path.join(out, 'repair-cafe');
    const page = new JSDOM(readFileSync(path.join(folder, 'index.html'), 'utf8')).window.document;
    expect(page.querySelector('h1')?.textContent).toMatch(/repair/i);
    // The photo came from the server into the page's folder, byte for byte.
    const img = page.querySelector('main img');
    expect(img?.getAttribute('src')).toBe('images/1.jpg');
    expect(readFileSync(path.join(folder, 'images', '1.jpg'))).toEqual(readFileSync(path.join(FIXTURES, 'images', 'bike-rack.jpg')));
    // The PDF shows it too (poppler lists the embedded image).
    const images = execFileSync('pdfimages', ['-list', path.join(folder, 'repair-cafe.pdf')], { encoding: 'utf8' });
    expect(images.split('\n').filter((line) => /^\s*\d+\s+\d+\s+image/u.test(line)).length).toBeGreaterThanOrEqual(1);
    // The missing image is a warning naming it; the tracking pixels were never asked for.
    expect(run.stderr).toMatch(/image http:\/\/127\.0\.0\.1:\d+\/media\/authors\.jpg was not fetched: the server answered 404/u);
    // At the <img> in the page as served (test/fixtures/saved-page.html, line 142), with its rule id.
    expect(run.stderr).toMatch(/^ *142:13 +warning +image http:\S+\/authors\.jpg was not fetched.* fetch +broadside$/mu);
    expect(run.stderr).not.toMatch(/pixel\.wp\.com|facebook\.com\/tr/u);
    const manifest = JSON.parse(readFileSync(path.join(folder, 'manifest.json'), 'utf8'));
    expect(manifest.source).toBe(address);
    // Broadside says who it is, and never sends back the cookie the page set.
    const asked = server.seen.filter((request) => request.path.startsWith('/2025/') || request.path.startsWith('/media/'));
    expect(asked.map((request) => request.path)).toEqual(expect.arrayContaining(['/2025/repair-cafe', '/media/repair-table.jpg']));
    for (const request of asked) {
      expect(request.headers['user-agent']).toBe(USER_AGENT);
      expect(request.headers['user-agent']).toMatch(/^Broadside\/\d+\.\d+\.\d+ /u);
      expect(request.headers.cookie).toBeUndefined();
    }
    // The private folder the page was fetched into is gone.
    expect(staging()).toEqual(before);
  });

  it('is refused on loopback without --allow-private-network, in one line, while the other inputs still build', async () => {
    const before = server.seen.length;
    const address = `${server.base}/2025/repair-cafe`;
    const run = await runCliAsync(['build', address, path.join(FIXTURES, 'post.md'), '--out', out, '--formats', 'html']);
    expect(run.status).toBe(1);
    const errors = run.stderr.split('\n').filter((line) => line.startsWith('✗'));
    expect(errors).toEqual([`✗ ${address}: refused: 127.0.0.1 is a loopback address (127.0.0.0/8) (allow it with --allow-private-network, or allowPrivateNetwork in the config)`]);
    expect(run.stderr).toMatch(/1 built, 1 failed/u);
    expect(existsSync(path.join(out, 'post', 'index.html'))).toBe(true);
    // Refused before any connection.
    expect(server.seen.length).toBe(before);
  });

  it('takes allowPrivateNetwork (a list of addresses) and fetchTimeoutMs from the config file', async () => {
    const cwd = tempDir('broadside-urlconfig-');
    const config = path.join(cwd, 'broadside.config.json');
    writeFileSync(config, JSON.stringify({ formats: ['html'], allowPrivateNetwork: ['127.0.0.1'], fetchTimeoutMs: 1500 }));
    const run = await runCliAsync(['build', `${server.base}/2025/repair-cafe`, `${server.base}/slow`, '--out', path.join(cwd, 'out')], cwd);
    expect(run.stderr).toMatch(/✓ http:\/\/127\.0\.0\.1:\d+\/2025\/repair-cafe → /u);
    expect(run.stderr).toMatch(/✗ http:\/\/127\.0\.0\.1:\d+\/slow: no complete answer within 1500 ms/u);
    expect(run.status).toBe(1);
    writeFileSync(config, JSON.stringify({ allowPrivateNetwork: ['intranet'] }));
    await expect(loadConfig(cwd)).rejects.toThrow(/broadside\.config\.json: allowPrivateNetwork/u);
    await rm(cwd, { recursive: true, force: true });
  });

  it('reads a gzip-compressed page', async () => {
    const article = await fetchOne('/gzipped');
    expect(article.error).toBeUndefined();
    expect(readFileSync(path.join(out, 'gzipped', 'index.html'), 'utf8')).toMatch(/images\/1\.jpg/u);
  });
});

describe('the fetch rules', () => {
  it('follows up to 5 redirects, and refuses a sixth', async () => {
    const five = await fetchOne('/hop/4');
    expect(five.error).toBeUndefined();
    expect(five.outDir).toBe(path.join(out, '4'));
    const six = await fetchOne('/hop/5');
    expect(six.ok).toBe(false);
    expect(six.error).toBe(`${server.base}/hop/5: more than 5 redirects`);
    expect(existsSync(six.outDir)).toBe(false);
  });

  it('checks every redirect: a hop to a refused address or scheme is refused', async () => {
    // Only the test server's own address is allowed: the hop to ::1 is to another loopback address.
    const six = await fetchOne('/to-loopback-six', { allowPrivateNetwork: ['127.0.0.1'] });
    expect(six.error).toMatch(/\/to-loopback-six: redirected to http:\/\/\[::1\]:\d+\/2025\/repair-cafe: refused: \[::1\] is the loopback address \(::1\)/u);
    const metadata = await fetchOne('/to-metadata', { allowPrivateNetwork: ['127.0.0.1'] });
    expect(metadata.error).toMatch(/redirected to http:\/\/169\.254\.169\.254\/latest\/meta-data\/: refused: 169\.254\.169\.254 is the cloud metadata address/u);
    const file = await fetchOne('/to-file');
    expect(file.error).toMatch(/redirected to file:\/\/\/etc\/passwd: .*only http and https are fetched/u);
  });

  it('checks a name after DNS resolution, and connects only to the address it checked', async () => {
    const before = server.seen.length;
    const local = `${server.base.replace('127.0.0.1', 'localhost')}/2025/repair-cafe`;
    // With another private address allowed, "localhost" is judged by what it resolves to: loopback, refused.
    const refused = await build({ inputs: [local], outDir: out, formats: ['html'], allowPrivateNetwork: ['192.0.2.7'] });
    expect(refused.articles[0]!.error).toMatch(/: refused: localhost resolves to (127\.0\.0\.1|::1), a loopback address/u);
    expect(server.seen.length).toBe(before);
    // With 127.0.0.1 allowed, the connection goes to 127.0.0.1 (the server listens nowhere else), whatever else localhost resolves to.
    const allowed = await build({ inputs: [local], outDir: out, formats: ['html'], allowPrivateNetwork: ['127.0.0.1'] });
    expect(allowed.articles[0]!.error).toBeUndefined();
  });

  it('gives up on a server that does not answer in time', async () => {
    const silent = await fetchOne('/slow', { fetchTimeoutMs: 1500 });
    expect(silent.error).toBe(`${server.base}/slow: no complete answer within 1500 ms (raise it with --fetch-timeout-ms or fetchTimeoutMs in the config)`);
    const trickle = await fetchOne('/slow-body', { fetchTimeoutMs: 1500 });
    expect(trickle.error).toMatch(/slow-body: no complete answer within 1500 ms/u);
  });

  it('refuses a body over the size limit, streamed or declared', async () => {
    const endless = await fetchOne('/huge', { maxInputBytes: 1_000_000 });
    expect(endless.error).toBe(`${server.base}/huge: the body is over the limit of 1000000 bytes (raise it with --max-input-bytes or maxInputBytes in the config)`);
    const declared = await fetchOne('/huge-declared');
    expect(declared.error).toMatch(/huge-declared: the body is over the limit of 20000000 bytes/u);
  });

  it('refuses what is not a web page, and a 404', async () => {
    const json = await fetchOne('/data.json');
    expect(json.error).toBe(`${server.base}/data.json: the server sent "application/json", not text/html`);
    const missing = await fetchOne('/no/such/article-404');
    expect(missing.outDir).toBe(path.join(out, 'article-404'));
    expect(missing.error).toBe(`${server.base}/no/such/article-404: the server answered 404 Not Found`);
    expect(existsSync(missing.outDir)).toBe(false);
  });

  it('refuses other schemes and credentials in one line each', async () => {
    const ftp = await build({ inputs: ['ftp://127.0.0.1/post.html'], outDir: out, formats: ['html'] });
    expect(ftp.articles[0]!.error).toBe('ftp://127.0.0.1/post.html: only http and https addresses can be fetched');
    const credentials = await fetchOne('', { inputs: [`${server.base.replace('//', '//user:pass@')}/2025/repair-cafe`] });
    expect(credentials.error).toMatch(/user name or password: credentials are never sent/u);
  });
});

describe('links to local networks, in any article', () => {
  it('are not kept as live links in the page; their text stays', async () => {
    const article = await fetchOne('/links');
    expect(article.error).toBeUndefined();
    const page = new JSDOM(readFileSync(path.join(out, 'links', 'index.html'), 'utf8')).window.document;
    const main = page.querySelector('main')!;
    expect([...main.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual(['https://example.org/report']);
    for (const words of ['the admin page', 'our about page', 'the router', 'the metadata', 'loopback six', 'localhost']) expect(main.textContent).toContain(words);
    expect(article.warnings.filter((warning) => /is not kept as a live link/u.test(warning))).toHaveLength(6);
  });
});
