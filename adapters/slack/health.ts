import { once } from 'node:events';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const HEALTH_PATH = '/healthz';

/** 200 `{"ok":true}` once the adapter is ready, 503 before (load balancers, orchestrators). */
export function writeHealth(res: ServerResponse, ready: boolean): void {
  res.writeHead(ready ? 200 : 503, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ ok: ready }));
}

/**
 * Socket Mode has no HTTP listener of its own, so /healthz gets this small one. (Bolt's Socket Mode
 * receiver could serve custom routes, but it neither awaits listen() nor handles its errors: a busy
 * port would crash the process instead of failing start-up.)
 */
export async function startHealthServer(
  port: number,
  host: string | undefined,
  isReady: () => boolean,
): Promise<{ port: number; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    if (req.method === 'GET' && new URL(req.url ?? '/', 'http://x').pathname === HEALTH_PATH) {
      writeHealth(res, isReady());
    } else {
      res.writeHead(404).end();
    }
  });
  server.listen(port, host);
  await once(server, 'listening');
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
