/**
 * The app side of bench/slack.ts, in its own process as in production: what `npm start` does for
 * Slack (config from the environment, the real service, startSlack), or with `--bare` a node:http
 * server that answers 200 at once (the ack baseline). Tells the parent its port over IPC.
 */
import { once } from 'node:events';
import { subscribe } from 'node:diagnostics_channel';
import type { ServerResponse } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSlack } from '../adapters/slack/start.js';
import { loadConfig } from '../src/config.js';
import { createExtractiveEngine } from '../src/engines/extractive/index.js';
import { createLogger } from '../src/logger.js';
import { createBriefService, type BriefService } from '../src/service.js';
import { createWorkerBriefService } from '../src/worker-service.js';

async function main(): Promise<void> {
  if (process.argv.includes('--bare')) {
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200).end());
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    process.send?.({ port: (server.address() as AddressInfo).port });
    return;
  }
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel ?? 'warn');
  // `--workers N`: the service on N worker threads (src/worker-service.ts); otherwise in this thread.
  const workersArg = process.argv.indexOf('--workers');
  const service: BriefService =
    workersArg > 0
      ? createWorkerBriefService({ config, logger, size: Number(process.argv[workersArg + 1]) })
      : createBriefService({ config, engines: { extractive: createExtractiveEngine() }, logger });
  const concurrencyArg = process.argv.indexOf('--concurrency');
  const concurrency = concurrencyArg > 0 ? Number(process.argv[concurrencyArg + 1]) : undefined;
  const slack = await startSlack(config.slack!, { service, logger }, { host: '127.0.0.1', concurrency });
  // Server-side ack time: from the request's arrival to the response being finished.
  const started = new WeakMap<ServerResponse, number>();
  const serverAcks: number[] = [];
  subscribe('http.server.request.start', (m) =>
    started.set((m as { response: ServerResponse }).response, performance.now()),
  );
  subscribe('http.server.response.finish', (m) => {
    const t = started.get((m as { response: ServerResponse }).response);
    if (t !== undefined) serverAcks.push(performance.now() - t);
  });
  // Event-loop delay shows how long CPU work (ingest, engine) holds up acks.
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();
  process.on('message', (msg: { type?: string }) => {
    if (msg.type === 'idle') {
      void slack.idle().then(() => {
        process.send?.({
          idle: true,
          loopDelayMaxMs: loopDelay.max / 1e6,
          serverAcks: serverAcks.splice(0),
        });
        loopDelay.reset();
      });
    }
  });
  process.on('SIGINT', () => process.exit(0));
  process.send?.({ port: slack.port });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
