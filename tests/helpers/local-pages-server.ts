/**
 * A tiny web server on 127.0.0.1 serving fixed pages, recording when each was requested (on the
 * same clock as the fake Discord) so tests can tell what happened first. Pages can be slow.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

export interface Page {
  body: string;
  status?: number;
  contentType?: string;
  delayMs?: number;
}

export interface PagesServer {
  port: number;
  url(path: string): string;
  /** Allow-list entry for config.fetch.allowHosts (loopback is refused by default). */
  allowHost: { host: string; port: number };
  requests: Array<{ path: string; at: number }>;
  close(): Promise<void>;
}

export async function startPagesServer(pages: Record<string, Page>): Promise<PagesServer> {
  const requests: PagesServer['requests'] = [];
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push({ path, at: performance.now() });
    const page = pages[path];
    const send = () => {
      if (!page) return res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>');
      res.writeHead(page.status ?? 200, { 'content-type': page.contentType ?? 'text/html; charset=utf-8' });
      res.end(page.body);
    };
    if (page?.delayMs) void sleep(page.delayMs).then(send);
    else send();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: (path) => `http://127.0.0.1:${port}${path}`,
    allowHost: { host: '127.0.0.1', port },
    requests,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
