import type { AddressInfo } from 'node:net';
import { Server } from 'node:http';
import { App, type webApi } from '@slack/bolt';
import { ConfigError, type SlackConfig } from '../../src/config.js';
import type { DigestPublisher, DigestService } from '../../src/digest/types.js';
import type { Logger } from '../../src/logger.js';
import { createInProcessJobQueue } from '../../src/jobs/queue.js';
import { createJobRunner } from '../../src/jobs/runner.js';
import type { BriefService } from '../../src/service.js';
import { createWorkQueue } from '../../src/work-queue.js';
import { register as registerActions } from './actions/index.js';
import { boltLogger } from './bolt-logger.js';
import { register as registerCommands } from './commands/index.js';
import { createSlackDeliverer } from './deliverer.js';
import type { SlackDeps } from './deps.js';
import { dedupeEvents } from './events/dedupe.js';
import { register as registerEvents } from './events/index.js';
import { register as registerShortcuts } from './shortcuts/index.js';
import { slackErrorCode } from './slack-errors.js';
import { startHealthServer } from './health.js';
import { createTransport } from './transport.js';
import { settleWithin } from '../../src/settle-within.js';

/** The Web API client's default retries ~10 times over ~30 minutes; a brief is stale long before. */
const WEB_API_TIMEOUT_MS = 10_000;
const WEB_API_RETRIES = { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 2_000, randomize: true };
/** Ingest + engine + posting for one message; well inside the response_url's 30 minutes. */
const JOB_TIMEOUT_MS = 90_000;
const HTTP_TIMEOUT_MS = 10_000;
/** Briefs in flight at once, and waiting; beyond that users are told to retry (see work-queue.ts). */
const CONCURRENCY = 4;
const MAX_PENDING = 100;
/** `digest add` / `digest now` jobs at once (each fetches feeds and briefs many articles), and waiting. */
const DIGEST_CONCURRENCY = 2;
const DIGEST_MAX_PENDING = 20;
const DIGEST_STOP_GRACE_MS = 10_000;

/** Errors of auth.test that mean the token itself is wrong, not that Slack is unreachable. */
const BAD_TOKEN = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
]);

/** What Bolt passes to app.error with extendedErrorHandler: true. */
interface BoltErrorArgs {
  error: Error & { code?: string };
  body?: unknown;
  context?: { teamId?: string; retryNum?: number };
}

export interface SlackRuntimeOptions {
  /** Interface to listen on in HTTP mode; all interfaces by default. Tests use 127.0.0.1. */
  host?: string;
  concurrency?: number;
  maxPending?: number;
  /** Deadline for one brief job (fetch, engine, posting); default 90 s. */
  jobTimeoutMs?: number;
  now?: () => number;
  fetch?: typeof fetch;
}

export interface SlackHandle {
  stop(): Promise<void>;
  /** Resolves when no accepted brief is running or waiting (graceful shutdown, tests). */
  idle(): Promise<void>;
  /** The HTTP port actually listened on (useful with PORT=0): events and /healthz, or /healthz only in Socket Mode. */
  port: number;
  mode: 'http' | 'socket';
  /** Posts digests to Slack channels with the bot's client: give it to the digest scheduler. */
  digestPublisher: DigestPublisher;
}

export interface SlackAdapterDeps {
  service: BriefService;
  logger: Logger;
  /** Enables `/brief digest`; without it the subcommand says digests are not enabled. */
  digest?: DigestService;
}

/**
 * Starts the Slack adapter: checks the token with auth.test, then listens (HTTP or Socket Mode).
 * Rejects with a ConfigError naming the variable when Slack refuses the token.
 */
export async function startSlack(
  config: SlackConfig,
  deps: SlackAdapterDeps,
  options: SlackRuntimeOptions = {},
): Promise<SlackHandle> {
  const logger = deps.logger.child({ adapter: 'slack' });
  const bolt = boltLogger(logger);
  const clientOptions: webApi.WebClientOptions = {
    slackApiUrl: config.apiUrl,
    timeout: WEB_API_TIMEOUT_MS,
    retryConfig: WEB_API_RETRIES,
    logger: bolt,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  };
  let ready = false;
  const transport = createTransport(config, bolt, clientOptions, () => ready);
  const app = new App({
    token: config.botToken,
    receiver: transport.receiver,
    logger: bolt,
    clientOptions,
    // auth.test runs in init() below, where a bad token can fail start-up instead of floating.
    deferInitialization: true,
    extendedErrorHandler: true,
  });

  const queue = createWorkQueue({
    concurrency: options.concurrency ?? CONCURRENCY,
    maxPending: options.maxPending ?? MAX_PENDING,
    onError: (err) => logger.error('slack job failed outside its own handling', { err }),
  });
  const digestQueue = createWorkQueue({
    concurrency: DIGEST_CONCURRENCY,
    maxPending: DIGEST_MAX_PENDING,
    onError: (err) => logger.error('slack digest job failed outside its own handling', { err }),
  });
  const shutdown = new AbortController();
  const now = options.now ?? Date.now;
  // Jobs run in this process (src/jobs): the deliverer needs only the bot's Web API client.
  const deliverer = createSlackDeliverer(app.client, {
    logger,
    now,
    fetch: options.fetch ?? globalThis.fetch,
    httpTimeoutMs: HTTP_TIMEOUT_MS,
  });
  const digestPublisher = deliverer.publisher;
  const runner = createJobRunner({
    service: deps.service,
    digest: deps.digest ?? null,
    deliverers: { slack: deliverer },
    logger,
    now,
    shutdown: shutdown.signal,
    briefTimeoutMs: options.jobTimeoutMs ?? JOB_TIMEOUT_MS,
  });
  const jobs = createInProcessJobQueue({
    lanes: { brief: queue, digest: digestQueue },
    run: (job, meta) => runner.run(job, meta),
    now,
  });
  const slackDeps: SlackDeps = { logger, jobs, deliverer, now, digest: deps.digest ?? null };

  app.use(dedupeEvents(now, logger));
  registerCommands(app, slackDeps);
  registerEvents(app, slackDeps);
  registerShortcuts(app, slackDeps);
  registerActions(app);
  app.error(async ({ error, body, context }: BoltErrorArgs) => {
    // Ids only: the body carries user text, and tokens live in context.
    const b = (body ?? {}) as Record<string, unknown>;
    logger.error('slack listener error', {
      err: error,
      code: error.code,
      type: b['type'] ?? (b['command'] ? 'slash_command' : undefined),
      command: b['command'],
      eventId: b['event_id'],
      team: context?.teamId,
      retryNum: context?.retryNum,
    });
  });

  try {
    await app.init();
  } catch (err) {
    const code = slackErrorCode(err);
    if (code && BAD_TOKEN.has(code)) {
      throw new ConfigError(
        `SLACK_BOT_TOKEN: Slack refused the token (${code}); copy the Bot User OAuth Token again`,
      );
    }
    throw new Error(`Slack start-up failed: auth.test at ${config.apiUrl} did not answer (${String(err)})`, {
      cause: err,
    });
  }

  let port: number;
  let health: { close(): Promise<void> } | null = null;
  if (transport.mode === 'http') {
    const started = await app.start({ port: config.port, ...(options.host ? { host: options.host } : {}) });
    port = started instanceof Server ? (started.address() as AddressInfo).port : config.port;
  } else {
    const server = await startHealthServer(config.port, options.host, () => ready);
    health = server;
    port = server.port;
    try {
      await app.start();
    } catch (err) {
      await server.close();
      throw err;
    }
  }
  ready = true;
  logger.info('slack adapter ready', { mode: transport.mode, port });

  return {
    mode: transport.mode,
    port,
    digestPublisher,
    idle: () => Promise.all([queue.onIdle(), digestQueue.onIdle()]).then(() => undefined),
    async stop() {
      ready = false;
      await app.stop();
      await health?.close();
      // Jobs already accepted finish (each is bounded by JOB_TIMEOUT_MS) so no brief is cut in half.
      // A digest can take minutes: it gets a grace period, then is aborted (the service's ledger
      // lets the next run finish what was left).
      await Promise.all([queue.onIdle(), settleWithin(digestQueue.onIdle(), DIGEST_STOP_GRACE_MS)]);
      shutdown.abort();
      await digestQueue.onIdle();
    },
  };
}
