/**
 * `npm start`: the composition root. It reads the configuration once, starts the HTTP server
 * (/healthz, /readyz, /metrics), the store, the brief workers, every configured chat adapter and
 * the digest scheduler in one process, and drains them on SIGTERM/SIGINT. It is the one file in
 * src/ allowed to import adapters (eslint.config.js), because it wires them together.
 */
import { startDiscord } from '../adapters/discord/start.js';
import { startSlack } from '../adapters/slack/start.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { createDigestScheduler, createDigestService, type DigestPublishers } from './digest/index.js';
import { addDrainCounts, noDrainCounts, type DrainCounts } from './drain.js';
import { createReadiness, startHttpServer, type HttpServer, type Readiness } from './http/index.js';
import { createStderrLogger, resolveLogFormat, type LogFormat, type Logger } from './logger.js';
import { createPrometheusMetrics, instrumentBriefService, type Metrics } from './metrics/index.js';
import type { DigestScheduler } from './digest/types.js';
import { openStore } from './store/open-store.js';
import { createWorkerBriefService } from './worker-service.js';
import { workspaceBriefOptions } from './workspace-settings.js';

export const NOTHING_CONFIGURED = `Nothing to start: no chat platform is configured.
Set one (or both) of:
  Slack:   SLACK_BOT_TOKEN=xoxb-... and SLACK_SIGNING_SECRET=... (or SLACK_APP_TOKEN=xapp-... for Socket Mode)
           or, for many workspaces ("Add to Slack"): SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET,
           BRIEF_ENCRYPTION_KEY and SLACK_SIGNING_SECRET
  Discord: DISCORD_TOKEN=... and DISCORD_APPLICATION_ID=...
See README.md ("Slack" and "Discord") for the steps. To brief one article without a bot: npm run brief -- <url|file>`;

/** A chat adapter as the shutdown sees it. */
interface Adapter {
  name: string;
  drain(): void;
  stop(options: { deadline: AbortSignal }): Promise<DrainCounts>;
}

/** Everything started, each piece stopped in its own step of shutdown(). */
interface Started {
  http: HttpServer | null;
  closeStore: (() => Promise<void>) | null;
  closeWorkers: (() => Promise<void>) | null;
  adapters: Adapter[];
  scheduler: DigestScheduler | null;
}

interface Runtime {
  config: Config;
  logger: Logger;
  logFormat: LogFormat;
  metrics: Metrics & { contentType: string; render(): Promise<string> };
  readiness: Readiness;
}

/** Starts the pieces in dependency order into `started`, so that a failure can stop what is up. */
async function startAll(rt: Runtime, started: Started): Promise<void> {
  const { config, logger, metrics, readiness } = rt;
  // First, so that /healthz answers (and /readyz says what is missing) while the rest starts.
  // Every part this process will start, so that none is missing from /readyz before it registers.
  for (const part of ['database', config.slack && 'slack', config.discord && 'discord']) {
    if (part) readiness.expect(part);
  }
  const http = await startHttpServer({ port: config.runtime.port, readiness, metrics, logger });
  started.http = http;
  logger.info('http listening', { port: http.port });

  // Subscriptions, feed state, the digest ledger, the brief cache and the token ledger.
  // The SQLite file, or PostgreSQL with BRIEF_DATABASE_URL; opened (and migrated) here, closed last.
  const store = await openStore(config.store, { logger });
  logger.info('store ready', { dialect: store.dialect });
  let storeOpen = true;
  started.closeStore = () => {
    storeOpen = false;
    return store.close();
  };
  readiness.register('database', () => storeOpen);

  // Briefing is CPU work (HTML parsing, ranking): it runs on worker threads so the main thread
  // stays free to acknowledge within Slack's and Discord's 3 seconds (see bench/slack.ts).
  const workers = createWorkerBriefService({ config, logger, logFormat: rt.logFormat, metrics });
  started.closeWorkers = () => workers.close();
  // Every worker loads its modules and briefs once before anything reports ready.
  logger.info('brief workers warm', await workers.warm());
  const service = instrumentBriefService(workers, metrics);
  // A workspace's defaults (App Home) apply to its briefs and digests alike.
  const briefDefaults = {
    engine: config.engine,
    language: config.llm?.language ?? null,
    llmConfigured: config.llm !== null,
  };
  const briefOptionsFor = workspaceBriefOptions({
    store,
    llmConfigured: briefDefaults.llmConfigured,
    logger,
  });
  const digest = createDigestService({ config, service, store, logger, metrics, briefOptionsFor });
  const publishers: DigestPublishers = {};
  const shared = { service, logger, digest, metrics, http: { server: http, readiness } };
  if (config.slack) {
    const slack = await startSlack(config.slack, { ...shared, store, briefDefaults });
    publishers.slack = slack.digestPublisher;
    logger.info('slack ready', { mode: slack.mode, port: slack.port });
    started.adapters.push({ name: 'slack', drain: () => slack.drain(), stop: (o) => slack.stop(o) });
  }
  if (config.discord) {
    const discord = await startDiscord(config.discord, shared);
    publishers.discord = discord.digestPublisher;
    logger.info('discord ready');
    started.adapters.push({ name: 'discord', drain: () => discord.drain(), stop: (o) => discord.stop(o) });
  }
  const scheduler = createDigestScheduler({ digest, publishers, store, logger });
  scheduler.start();
  started.scheduler = scheduler;
}

/**
 * Drains: not ready at once (load balancers stop sending), new requests answered "restarting",
 * running briefs and digests finish until the grace period ends and are aborted then; then the
 * workers stop, the HTTP server closes, and the store closes last. Never throws.
 */
async function shutdown(
  started: Started,
  rt: Runtime,
  graceMs: number,
): Promise<DrainCounts & { parts: Record<string, DrainCounts> }> {
  const { logger, readiness } = rt;
  readiness.drain();
  for (const adapter of started.adapters) adapter.drain();
  const deadline = AbortSignal.timeout(graceMs);
  let total = noDrainCounts();
  const parts: Record<string, DrainCounts> = {};
  const step = async (name: string, run: () => Promise<DrainCounts | void>) => {
    try {
      const counts = await run();
      if (counts) {
        parts[name] = counts;
        total = addDrainCounts(total, counts);
      }
    } catch (err) {
      logger.error('stop failed', { part: name, err });
    }
  };
  // The scheduler first: it posts through the adapters' clients, which must still be connected.
  if (started.scheduler) await step('digests', () => started.scheduler!.stop({ deadline }));
  await Promise.all(started.adapters.map((a) => step(a.name, () => a.stop({ deadline }))));
  if (started.closeWorkers) await step('brief workers', started.closeWorkers);
  if (started.http) await step('http', () => started.http!.close());
  if (started.closeStore) await step('store', () => started.closeStore!());
  return { ...total, parts };
}

function waitForSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}

async function main(): Promise<number> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`brief: configuration error\n${err.message}\n`);
    return 2;
  }
  if (!config.slack && !config.discord) {
    process.stderr.write(`${NOTHING_CONFIGURED}\n`);
    return 1;
  }
  const logFormat = resolveLogFormat(config.runtime.logFormat, process.stderr.isTTY === true);
  const logger = createStderrLogger(config.logLevel ?? 'info', logFormat);
  // A promise nobody handled is a bug to log, not a reason to drop every channel's work.
  process.on('unhandledRejection', (reason) => logger.error('unhandled rejection', { err: reason }));
  const rt: Runtime = {
    config,
    logger,
    logFormat,
    metrics: createPrometheusMetrics(),
    readiness: createReadiness(),
  };
  // Listening before start-up: a SIGTERM while Discord logs in still drains instead of killing.
  const signal = waitForSignal();
  const started: Started = {
    http: null,
    closeStore: null,
    closeWorkers: null,
    adapters: [],
    scheduler: null,
  };
  try {
    await startAll(rt, started);
  } catch (err) {
    await shutdown(started, rt, 0);
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`brief: could not start: ${message}\n`);
    return 1;
  }

  const received = await signal;
  const graceMs = config.runtime.shutdownGraceMs;
  logger.info('draining', { signal: received, graceMs });
  // A second signal while draining means "now".
  const force = () => process.exit(1);
  process.once('SIGINT', force);
  process.once('SIGTERM', force);
  const began = performance.now();
  const counts = await shutdown(started, rt, graceMs);
  logger.info('stopped', { ...counts, ms: Math.round(performance.now() - began) });
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(
      `brief: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exit(1);
  },
);
