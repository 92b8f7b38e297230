import { createReadStream, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { build } from '../build/build.js';
import { outputName } from '../common/names.js';
import type { BuildOptions, BuildResult, FormatId } from '../build/types.js';
import { DEFAULT_LEXICON_PATH, articleLexiconPlaces } from '../document/lexicon-files.js';
import { readArticle } from '../ingest/index.js';
import { stylePath } from '../styles.js';
import { contentType, fileInside } from '../common/serve.js';
import { OPTION_DEFAULTS } from '../options/schema.js';
import { RebuildQueue } from './rebuilds.js';
import { watchFiles } from './watch.js';

export interface PreviewOptions extends Pick<BuildOptions, 'outDir' | 'paper' | 'voice' | 'acx' | 'browserPath' | 'lexicon'> {
  /** The article to preview. */
  source: string;
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

/** The editions the preview builds unless told otherwise. */
export const PREVIEW_FORMATS: FormatId[] = ['html', 'audio'];

const RELOAD_SNIPPET =
  '<script>/* Broadside preview: reload when the article is rebuilt */' +
  "new EventSource('/_broadside/events').addEventListener('reload',()=>location.reload());</script>" +
  '<p style="position:fixed;bottom:0;right:0;margin:0;padding:.25rem .5rem;background:#1c1b18;color:#fdfbf3;font:14px sans-serif">' +
  'Preview · <a style="color:#fff0a8" href="/">page</a> · <a style="color:#fff0a8" href="/_broadside/print">print</a></p>';

/** What a change to which rebuilds the article: itself, its lexicons (also those not written yet) and the styles. */
function watchedFiles(source: string, lexicon: string | undefined): string[] {
  const styles = readdirSync(path.dirname(stylePath('web.css'))).map((file) => stylePath(file));
  return [source, ...articleLexiconPlaces(source), DEFAULT_LEXICON_PATH, ...styles, ...(lexicon ? [path.resolve(lexicon)] : [])];
}

/**
 * `broadside preview`: build the article, serve its editions on 127.0.0.1 with
 * a paged print preview, and rebuild when the article, a lexicon or a style
 * changes. Open pages reload by themselves (server-sent events).
 */
export async function startPreview(options: PreviewOptions): Promise<Preview> {
  const source = path.resolve(options.source);
  const outRoot = path.resolve(options.outDir ?? OPTION_DEFAULTS.outDir);
  // The folder the build writes, named as the build names it.
  const articleOut = path.join(outRoot, outputName(source));
  const formats = options.formats?.length ? options.formats : PREVIEW_FORMATS;
  const clients = new Set<ServerResponse>();
  const rebuilds = new RebuildQueue(async (changed) => {
    const result = await build({ ...options, inputs: [source], outDir: outRoot, formats });
    options.onRebuild?.(result, changed);
    const event = JSON.stringify({ ok: result.ok, error: result.articles[0]?.error ?? null });
    for (const client of clients) client.write(`event: reload\ndata: ${event}\n\n`);
  });
  await rebuilds.settled();
  const stopWatching = watchFiles(watchedFiles(source, options.lexicon), rebuilds.schedule);
  const handle = requestHandler({ source, articleOut, clients, options });
  const server = createServer((request, response) => {
    handle(request, response).catch((error: Error) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(`preview error: ${error.message}`);
    });
  });
  const url = await listen(server, options.port ?? 4321, options.host ?? '127.0.0.1');
  return {
    url,
    settled: () => rebuilds.settled(),
    close: async () => {
      stopWatching();
      for (const client of clients) client.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rebuilds.drain();
    },
  };
}

interface Served {
  source: string;
  articleOut: string;
  clients: Set<ServerResponse>;
  options: PreviewOptions;
}

/** Serves the built page (with the reload snippet), its files, the article's own images, the print preview and the reload events. */
function requestHandler({ source, articleOut, clients, options }: Served) {
  const dir = path.dirname(source);
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
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
    const file = await fileInside(articleOut, url.pathname === '/' ? 'index.html' : url.pathname.slice(1));
    if (!file) return notFound(response);
    if (!file.endsWith('.html')) return stream(response, file);
    const html = await readFile(file, 'utf8');
    return send(response, 200, contentType(file), html.replace('</body>', `${RELOAD_SNIPPET}</body>`));
  };
}

/** Listens, and resolves to the address to open. */
async function listen(server: Server, port: number, host: string): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}/`;
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
