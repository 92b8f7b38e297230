import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { FIXTURES, ROOT } from '../helpers/fixtures.js';

/** What the test server was asked for. */
export interface Seen {
  path: string;
  headers: IncomingHttpHeaders;
}

/**
 * A real HTTP server on 127.0.0.1 serving a real saved page (test/fixtures/saved-page.html,
 * its images moved onto this server) and the awkward answers a fetcher must survive.
 */
export async function startServer(): Promise<{ base: string; seen: Seen[]; close(): Promise<void> }> {
  const seen: Seen[] = [];
  const sockets = new Set<Socket>();
  let base = '';
  const page = () => readFileSync(path.join(FIXTURES, 'saved-page.html'), 'utf8').replaceAll('https://fixers.example.net/media/', '/media/');
  const photo = readFileSync(path.join(FIXTURES, 'images', 'bike-rack.jpg'));
  const html = (response: ServerResponse, body: string) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
  const linkPage = `<!doctype html><html lang="en"><head><title>Links</title></head><body><article><h1>Links</h1>
    <p>${'This paragraph is here so that the page reads as an article with enough text in it. '.repeat(4)}</p>
    <p>See <a href="http://127.0.0.1:1/admin">the admin page</a>, <a href="/about/">our about page</a>,
    <a href="http://192.168.0.1/">the router</a>, <a href="http://169.254.169.254/latest/meta-data/">the metadata</a>,
    <a href="http://[::1]/">loopback six</a>, <a href="http://localhost:8080/">localhost</a> and <a href="https://example.org/report">the public report</a>.</p>
    </article></body></html>`;
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', base);
    seen.push({ path: url.pathname, headers: request.headers });
    const hop = /^\/hop\/(\d+)$/u.exec(url.pathname);
    if (hop) return void response.writeHead(302, { location: Number(hop[1]) > 0 ? `/hop/${Number(hop[1]) - 1}` : '/2025/repair-cafe' }).end();
    switch (url.pathname) {
      case '/2025/repair-cafe':
        response.setHeader('set-cookie', 'session=secret; Path=/');
        return html(response, page());
      case '/gzipped':
        return void response.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }).end(gzipSync(page()));
      case '/media/repair-table.jpg':
        return void response.writeHead(200, { 'content-type': 'image/jpeg' }).end(photo);
      case '/links':
        return html(response, linkPage);
      case '/to-metadata':
        return void response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      case '/to-loopback-six':
        return void response.writeHead(301, { location: `http://[::1]:${url.port}/2025/repair-cafe` }).end();
      case '/to-file':
        return void response.writeHead(302, { location: 'file:///etc/passwd' }).end();
      case '/slow':
        return; // Never answers.
      case '/slow-body':
        response.writeHead(200, { 'content-type': 'text/html' });
        return void response.write('<!doctype html><html><body><p>The start of a page that never ends');
      case '/huge': {
        // An endless body, without a length.
        response.writeHead(200, { 'content-type': 'text/html' });
        const chunk = `<p>${'x'.repeat(65_000)}</p>`;
        const more = () => {
          while (!response.destroyed && response.write(chunk));
          if (!response.destroyed) response.once('drain', more);
        };
        response.once('close', () => response.removeAllListeners('drain'));
        return more();
      }
      case '/huge-declared':
        response.writeHead(200, { 'content-type': 'text/html', 'content-length': String(5_000_000_000) });
        return void response.write('<p>');
      case '/data.json':
        return void response.writeHead(200, { 'content-type': 'application/json' }).end('{"title": "not a page"}');
      default:
        return void response.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>');
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    seen,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The real CLI, run without blocking this process (which serves the pages it fetches). */
export function runCliAsync(args: string[], cwd = ROOT): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'broadside.js'), ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (data) => (stdout += data));
    child.stderr.on('data', (data) => (stderr += data));
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}
