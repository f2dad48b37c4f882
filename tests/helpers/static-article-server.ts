import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Serves fixed pages on 127.0.0.1 for tests and benchmarks that brief "URLs". Callers must put
 * `{ host: '127.0.0.1', port }` in the fetch allow-list (loopback is refused by default).
 */
export interface StaticPage {
  body: string;
  contentType?: string;
  /** Answer only after this long (a slow site). */
  delayMs?: number;
}

export interface StaticArticleServer {
  port: number;
  urlOf(path: string): string;
  hits: number;
  close(): Promise<void>;
}

export async function startStaticArticleServer(
  pages: Record<string, StaticPage>,
): Promise<StaticArticleServer> {
  const handle: StaticArticleServer = {
    port: 0,
    hits: 0,
    urlOf: (path) => `http://127.0.0.1:${handle.port}${path}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = createServer((req, res) => {
    handle.hits++;
    const page = pages[new URL(req.url ?? '/', 'http://x').pathname];
    if (!page) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const send = () =>
      res.writeHead(200, { 'content-type': page.contentType ?? 'text/html; charset=utf-8' }).end(page.body);
    if (page.delayMs) setTimeout(send, page.delayMs);
    else send();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  handle.port = (server.address() as AddressInfo).port;
  return handle;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A plain article page from a title and paragraphs (text is HTML-escaped, as a real CMS would). */
export function articleHtml(title: string, paragraphs: string[], extraHead = ''): string {
  return [
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeHtml(title)}</title>${extraHead}</head><body>`,
    '<nav><a href="/">Home</a> <a href="/world">World</a></nav>',
    `<main><article><h1>${escapeHtml(title)}</h1>`,
    ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    '</article></main><footer>© Test News</footer></body></html>',
  ].join('\n');
}
