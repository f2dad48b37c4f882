import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A real HTTP server on 127.0.0.1 for ingest tests (and anyone else who needs pages to fetch).
 *
 *   const server = await startArticleServer({
 *     '/story': { body: '<html>...</html>' },                          // 200 text/html
 *     '/gone': { status: 404, body: 'nope', headers: { 'content-type': 'text/plain' } },
 *     '/moved': { redirect: '/story' },                                // 302 Location
 *     '/slow': { hang: true },                                         // never answers
 *     '/custom': (req, res) => res.end('anything'),                    // full control
 *   });
 *   server.url('/story'); server.requests; await server.close();
 *
 * Tests must allow-list it: { host: '127.0.0.1', port: server.port } (loopback is refused by default).
 */
export type RouteHandler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export type Route =
  | { status?: number; headers?: Record<string, string | number>; body?: string | Buffer }
  | { redirect: string; status?: 301 | 302 | 303 | 307 | 308 }
  | { hang: true }
  | RouteHandler;

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
}

export interface ArticleServer {
  readonly port: number;
  /** Absolute URL for a path on this server, e.g. url('/story') => http://127.0.0.1:PORT/story. */
  url(path?: string): string;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  /** Adds or replaces a route while running. */
  route(path: string, route: Route): void;
  /** Stops the server, cutting hanging connections. */
  close(): Promise<void>;
}

export async function startArticleServer(routes: Record<string, Route> = {}): Promise<ArticleServer> {
  const table = new Map(Object.entries(routes));
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();

  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push({ method: req.method ?? 'GET', path, headers: req.headers });
    const route = table.get(path) ?? table.get(path.split('?')[0] ?? path);
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    } else if (typeof route === 'function') {
      route(req, res);
    } else if ('hang' in route) {
      // Leave the request open: close() destroys the socket.
    } else if ('redirect' in route) {
      res.writeHead(route.status ?? 302, { location: route.redirect }).end();
    } else {
      res.writeHead(route.status ?? 200, { 'content-type': 'text/html; charset=utf-8', ...route.headers });
      res.end(route.body ?? '');
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    port,
    requests,
    url: (path = '/') => `http://127.0.0.1:${port}${path}`,
    route: (path, route) => {
      table.set(path, route);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const socket of sockets) socket.destroy();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
