import { afterEach, describe, expect, it } from 'vitest';
import { createReadiness, startHttpServer, type HttpServer } from '../../../src/http/index.js';
import { silentLogger } from '../../../src/logger.js';
import { createPrometheusMetrics } from '../../../src/metrics/index.js';

let server: HttpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(withMetrics = true) {
  const readiness = createReadiness();
  const metrics = createPrometheusMetrics({ defaultMetrics: false });
  server = await startHttpServer({
    port: 0,
    host: '127.0.0.1',
    readiness,
    logger: silentLogger,
    ...(withMetrics ? { metrics } : {}),
  });
  const url = (path: string) => `http://127.0.0.1:${server!.port}${path}`;
  return { readiness, metrics, url };
}

const readyz = async (url: (p: string) => string) => {
  const res = await fetch(url('/readyz'));
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe('the process HTTP server', () => {
  it('is alive at once, and ready only when every registered part is', async () => {
    const { readiness, url } = await start();
    expect((await fetch(url('/healthz'))).status).toBe(200);
    // Nothing started yet: not ready.
    expect(await readyz(url)).toEqual({
      status: 503,
      body: { ready: false, draining: false, parts: {}, notReady: [] },
    });

    let discord = false;
    readiness.register('database', () => true);
    readiness.register('discord', () => discord);
    expect(await readyz(url)).toMatchObject({
      status: 503,
      body: { ready: false, parts: { database: true, discord: false }, notReady: ['discord'] },
    });
    discord = true;
    expect(await readyz(url)).toEqual({
      status: 200,
      body: { ready: true, draining: false, parts: { database: true, discord: true } },
    });

    readiness.drain();
    expect(await readyz(url)).toMatchObject({ status: 503, body: { ready: false, draining: true } });
    // Draining is not dying: the liveness probe must not get the process killed.
    expect((await fetch(url('/healthz'))).status).toBe(200);
  });

  it('counts a check that throws or rejects as not ready', async () => {
    const { readiness, url } = await start();
    readiness.register('redis', () => {
      throw new Error('ECONNREFUSED');
    });
    readiness.register('postgres', () => Promise.reject(new Error('timeout')));
    expect(await readyz(url)).toMatchObject({
      status: 503,
      body: { parts: { redis: false, postgres: false }, notReady: ['redis', 'postgres'] },
    });
  });

  it('is not ready while an expected part has not registered yet', async () => {
    const { readiness, url } = await start();
    readiness.expect('slack');
    readiness.register('database', () => true);
    expect(await readyz(url)).toMatchObject({ status: 503, body: { notReady: ['slack'] } });
    readiness.register('slack', () => true);
    readiness.expect('slack');
    expect((await readyz(url)).status).toBe(200);
  });

  it('lets a part unregister itself', async () => {
    const { readiness, url } = await start();
    const unregister = readiness.register('slack', () => false);
    readiness.register('database', () => true);
    expect((await readyz(url)).status).toBe(503);
    unregister();
    expect(await readyz(url)).toMatchObject({ status: 200, body: { parts: { database: true } } });
  });

  it('serves Prometheus text at /metrics', async () => {
    const { metrics, url } = await start();
    metrics.llmFallback('timeout');
    const res = await fetch(url('/metrics'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(await res.text()).toContain('brief_llm_fallbacks_total{reason="timeout"} 1');
  });

  it('routes other paths to mounted handlers, in order, and answers 404 or 405 otherwise', async () => {
    const { url } = await start(false);
    expect((await fetch(url('/metrics'))).status).toBe(404);
    expect((await fetch(url('/healthz'), { method: 'POST' })).status).toBe(405);
    expect((await fetch(url('/slack/events'), { method: 'POST' })).status).toBe(404);

    const unmount = server!.mount((req, res) => {
      if (req.url !== '/slack/events') return false;
      res.writeHead(200).end('slack');
      return true;
    });
    server!.mount((req, _res) => {
      if (req.url !== '/boom') return false;
      throw new Error('handler bug');
    });
    expect(await (await fetch(url('/slack/events'), { method: 'POST' })).text()).toBe('slack');
    expect((await fetch(url('/elsewhere'))).status).toBe(404);
    expect((await fetch(url('/boom'))).status).toBe(500);
    unmount();
    expect((await fetch(url('/slack/events'), { method: 'POST' })).status).toBe(404);
  });

  it('fails to start on a port that is taken, instead of crashing later', async () => {
    const { url } = await start();
    const port = Number(new URL(url('/')).port);
    await expect(
      startHttpServer({ port, host: '127.0.0.1', readiness: createReadiness(), logger: silentLogger }),
    ).rejects.toThrow(/EADDRINUSE/);
  });
});
