import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger.js';
import type { MetricsExporter } from '../metrics/metrics.js';
import type { Readiness } from './readiness.js';

export const HEALTH_PATH = '/healthz';
export const READY_PATH = '/readyz';
export const METRICS_PATH = '/metrics';

/** Serves a request it recognises and returns true, or returns false to let the next one try. */
export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

export interface HttpServerOptions {
  /** 0 picks a free port (tests). */
  port: number;
  /** All interfaces by default; tests use 127.0.0.1. */
  host?: string;
  readiness: Readiness;
  /** Without one, /metrics is 404. */
  metrics?: MetricsExporter;
  logger: Logger;
}

export interface HttpServer {
  /** The port listened on (the chosen one with port 0). */
  readonly port: number;
  /** Adds routes (Slack's receiver: /slack/events, later /slack/install); returns the unmount. */
  mount(handler: RequestHandler): () => void;
  /** Stops listening and closes every connection. */
  close(): Promise<void>;
}

const json = (res: ServerResponse, status: number, body: unknown) =>
  res
    .writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' })
    .end(JSON.stringify(body));

/**
 * One HTTP server per process, on PORT, whatever runs in it: /healthz (the process lives),
 * /readyz (every started part is ready), /metrics (Prometheus), and the routes adapters mount
 * (Slack's events in HTTP mode). A Discord-only or Socket Mode process serves the same probes.
 */
export async function startHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  const { readiness, metrics, logger } = options;
  const handlers: RequestHandler[] = [];

  const probe = async (path: string, res: ServerResponse) => {
    if (path === HEALTH_PATH) return json(res, 200, { ok: true });
    if (path === READY_PATH) {
      const report = await readiness.check();
      const notReady = Object.entries(report.parts)
        .filter(([, ok]) => !ok)
        .map(([name]) => name);
      return json(res, report.ready ? 200 : 503, { ...report, ...(report.ready ? {} : { notReady }) });
    }
    if (!metrics) return json(res, 404, { error: 'metrics are not enabled' });
    const body = await metrics.render();
    res.writeHead(200, { 'content-type': metrics.contentType, 'cache-control': 'no-store' }).end(body);
  };

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === HEALTH_PATH || path === READY_PATH || path === METRICS_PATH) {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD' }).end();
        return;
      }
      probe(path, res).catch((err: unknown) => {
        logger.error('http probe failed', { path, err });
        if (!res.headersSent) json(res, 500, { error: 'internal error' });
        else res.destroy();
      });
      return;
    }
    try {
      for (const handler of handlers) if (handler(req, res)) return;
    } catch (err) {
      logger.error('http handler failed', { path, method: req.method, err });
      if (!res.headersSent) json(res, 500, { error: 'internal error' });
      return;
    }
    json(res, 404, { error: 'not found' });
  });
  // A busy port or a bad host fails start-up here, instead of crashing the process later.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (err) => logger.error('http server error', { err }));

  return {
    port: (server.address() as AddressInfo).port,
    mount(handler) {
      handlers.push(handler);
      return () => {
        const i = handlers.indexOf(handler);
        if (i >= 0) handlers.splice(i, 1);
      };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
