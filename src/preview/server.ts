import { createReadStream, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { build } from '../build/build.js';
import type { BuildOptions, BuildResult, FormatId } from '../build/types.js';
import { DEFAULT_LEXICON_PATH } from '../document/lexicon.js';
import { readArticle } from '../ingest/index.js';
import { stylePath } from '../styles.js';
import { contentType, fileInside } from './files.js';
import { watchFiles } from './watch.js';

export interface PreviewOptions extends Pick<BuildOptions, 'paper' | 'voice' | 'acx' | 'browserPath' | 'lexicon'> {
  /** The article to preview. */
  source: string;
  /** Where the preview builds go. Default `output`. */
  outDir?: string;
  /** Editions to build on each change. Default html and audio (the print preview runs Paged.js in your browser). */
  formats?: FormatId[];
  /** Interface to listen on. Default 127.0.0.1: the preview is not for the network. */
  host?: string;
  /** Port; 0 picks a free one. Default 4321. */
  port?: number;
  /** Told about every rebuild. */
  onRebuild?: (result: BuildResult, changed: string | undefined) => void;
}

export interface Preview {
  url: string;
  /** Resolves after the rebuild in progress (if any) and any it queued have finished. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

const RELOAD_SNIPPET =
  '<script>/* Broadside preview: reload when the article is rebuilt */' +
  "new EventSource('/_broadside/events').addEventListener('reload',()=>location.reload());</script>" +
  '<p style="position:fixed;bottom:0;right:0;margin:0;padding:.25rem .5rem;background:#1c1b18;color:#fdfbf3;font:14px sans-serif">' +
  'Preview · <a style="color:#fff0a8" href="/">page</a> · <a style="color:#fff0a8" href="/_broadside/print">print</a></p>';

/**
 * `broadside preview`: build the article, serve its editions on 127.0.0.1 with
 * a paged print preview, and rebuild when the article, a lexicon or a style
 * changes. Open pages reload by themselves (server-sent events).
 */
export async function startPreview(options: PreviewOptions): Promise<Preview> {
  const source = path.resolve(options.source);
  const outRoot = path.resolve(options.outDir ?? 'output');
  const name = path.basename(source, path.extname(source));
  const articleOut = path.join(outRoot, name);
  const formats = options.formats ?? ['html', 'audio'];
  const clients = new Set<ServerResponse>();

  const runBuild = async (changed?: string) => {
    const result = await build({ ...options, inputs: [source], outDir: outRoot, formats });
    options.onRebuild?.(result, changed);
    for (const client of clients) client.write(`event: reload\ndata: ${JSON.stringify({ ok: result.ok, error: result.articles[0]?.error ?? null })}\n\n`);
  };
  // One rebuild at a time; changes during a rebuild queue exactly one more.
  let running: Promise<void> = runBuild();
  let queued: string | undefined;
  let pending = false;
  const schedule = (changed: string) => {
    queued = changed;
    if (pending) return;
    pending = true;
    running = running.then(() => {
      pending = false;
      return runBuild(queued);
    });
  };
  await running;

  const styles = readdirSync(path.dirname(stylePath('web.css'))).map((file) => stylePath(file));
  const dir = path.dirname(source);
  const watched = [source, path.join(dir, 'lexicon.yaml'), path.join(dir, `${name}.lexicon.yaml`), DEFAULT_LEXICON_PATH, ...styles];
  if (options.lexicon) watched.push(path.resolve(options.lexicon));
  const stopWatching = watchFiles(watched, schedule);

  const server = createServer((request, response) => {
    handle(request, response).catch((error: Error) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(`preview error: ${error.message}`);
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://preview.invalid');
    if (url.pathname === '/_broadside/events') {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      response.write(': connected\n\n');
      clients.add(response);
      request.on('close', () => clients.delete(response));
      return;
    }
    if (url.pathname === '/_broadside/print') {
      const { printPreviewHtml } = await import('./print.js');
      const doc = await readArticle(source, { lexicon: options.lexicon });
      return send(response, 200, 'text/html; charset=utf-8', await printPreviewHtml(doc, options.paper ?? 'a4', RELOAD_SNIPPET));
    }
    if (url.pathname === '/_broadside/paged.polyfill.js') {
      const { pagedPolyfillPath } = await import('./print.js');
      return stream(response, pagedPolyfillPath());
    }
    if (url.pathname.startsWith('/article/')) {
      const file = await fileInside(dir, url.pathname.slice('/article/'.length));
      return file ? stream(response, file) : notFound(response);
    }
    const relative = url.pathname === '/' ? 'index.html' : url.pathname.slice(1);
    const file = await fileInside(articleOut, relative);
    if (!file) return notFound(response);
    if (file.endsWith('.html')) {
      const html = await readFile(file, 'utf8');
      return send(response, 200, contentType(file), html.replace('</body>', `${RELOAD_SNIPPET}</body>`));
    }
    return stream(response, file);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4321, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}/`,
    settled: async () => {
      // A change may have been queued while waiting; wait until nothing is.
      let seen: Promise<void>;
      do {
        seen = running;
        await seen;
      } while (seen !== running);
    },
    close: async () => {
      stopWatching();
      for (const client of clients) client.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await running.catch(() => undefined);
    },
  };
}

function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  response.end(body);
}

function notFound(response: ServerResponse): void {
  send(response, 404, 'text/plain; charset=utf-8', 'not found');
}

function stream(response: ServerResponse, file: string): void {
  response.writeHead(200, { 'content-type': contentType(file), 'cache-control': 'no-store' });
  createReadStream(file).pipe(response);
}
