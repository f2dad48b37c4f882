import { App, type AppOptions, type ReceiverEvent } from '@slack/bolt';
import { ConfigError, type SlackConfig } from '../../src/config.js';
import { isWorkspaceGone } from '../../src/errors.js';
import type { DigestPublisher, DigestService } from '../../src/digest/types.js';
import { drainQueues, type DrainCounts } from '../../src/drain.js';
import { createReadiness, startHttpServer, type HttpServer, type Readiness } from '../../src/http/index.js';
import type { Logger } from '../../src/logger.js';
import { createInProcessJobQueue } from '../../src/jobs/queue.js';
import { createJobRunner } from '../../src/jobs/runner.js';
import { noopMetrics, type Metrics } from '../../src/metrics/metrics.js';
import type { BriefService } from '../../src/service.js';
import { settleWithin } from '../../src/settle-within.js';
import type { Store } from '../../src/store/store.js';
import { createWorkQueue } from '../../src/work-queue.js';
import { workspaceBriefOptions, type ServerBriefDefaults } from '../../src/workspace-settings.js';
import { timeAck } from './ack-timing.js';
import { register as registerActions } from './actions/index.js';
import { boltLogger } from './bolt-logger.js';
import { singleWorkspaceClients, slackClientOptions, type SlackClients } from './clients.js';
import { register as registerCommands } from './commands/index.js';
import { createSlackDeliverer } from './deliverer.js';
import type { SlackDeps } from './deps.js';
import { refuseWhileDraining } from './draining.js';
import { dedupeEvents } from './events/dedupe.js';
import { register as registerEvents } from './events/index.js';
import { register as registerUninstall } from './events/uninstall.js';
import { register as registerHome } from './home/index.js';
import { createSlackOAuth, type SlackOAuth } from './installations/index.js';
import { installRoutes } from './installations/routes.js';
import { register as registerShortcuts } from './shortcuts/index.js';
import { slackErrorCode } from './slack-errors.js';
import { createTransport } from './transport.js';

/** Ingest + engine + posting for one message; well inside the response_url's 30 minutes. */
const JOB_TIMEOUT_MS = 90_000;
const HTTP_TIMEOUT_MS = 10_000;
/** Briefs in flight at once, and waiting; beyond that users are told to retry (see work-queue.ts). */
const CONCURRENCY = 4;
const MAX_PENDING = 100;
/** `digest add` / `digest now` jobs at once (each fetches feeds and briefs many articles), and waiting. */
const DIGEST_CONCURRENCY = 2;
const DIGEST_MAX_PENDING = 20;
/** Grace for running work when stop() is given no deadline (tests, benchmarks). */
const STOP_GRACE_MS = 20_000;
/** After the grace period, aborted jobs get this long to tell their users and end. */
const ABORT_SETTLE_MS = 5_000;

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
  /** Without deps.http: the interface and port of the adapter's own HTTP server (default 0, a free one). */
  host?: string;
  port?: number;
  concurrency?: number;
  maxPending?: number;
  /**
   * Many workspaces: at most this many of one workspace's briefs run at once (default half the
   * slots), so one workspace's burst or its 429 waits never hold every slot.
   */
  perWorkspaceConcurrency?: number;
  /** Deadline for one brief job (fetch, engine, posting); default 90 s. */
  jobTimeoutMs?: number;
  now?: () => number;
  fetch?: typeof fetch;
}

export interface SlackHandle {
  /** Stops taking new work: new commands, shortcuts and mentions are answered "restarting". */
  drain(): void;
  /**
   * Drains, lets running jobs finish until `deadline` (default 20 s), aborts the rest, then
   * disconnects. Resolves with what finished, was aborted and was refused meanwhile.
   */
  stop(options?: { deadline?: AbortSignal }): Promise<DrainCounts>;
  /** Resolves when no accepted brief is running or waiting (graceful shutdown, tests). */
  idle(): Promise<void>;
  /** The HTTP port serving /slack/events (HTTP mode) and the probes. */
  port: number;
  mode: 'http' | 'socket';
  /** Posts digests to Slack channels with the bot's client: give it to the digest scheduler. */
  digestPublisher: DigestPublisher;
  /** The bot's client per workspace (one token, or each installation's). */
  clients: SlackClients;
  /** Many workspaces: the OAuth installer and the installations; null with one bot token. */
  oauth: SlackOAuth | null;
}

export interface SlackAdapterDeps {
  service: BriefService;
  logger: Logger;
  /** Enables `/brief digest`; without it the subcommand says digests are not enabled. */
  digest?: DigestService;
  /** Ack latency, queue depths and rejections; none recorded without it. */
  metrics?: Metrics;
  /**
   * The process's HTTP server and readiness (src/main.ts): the adapter mounts /slack/events there
   * and registers the "slack" part. Without them it starts a server of its own (tests, benchmarks).
   */
  http?: { server: HttpServer; readiness: Readiness };
  /**
   * The store: with many workspaces the installations live there (required then); App Home and
   * workspace defaults read it. Without it (one workspace, tests) there is no Home tab.
   */
  store?: Store;
  /** The server's own brief settings, which App Home shows and workspace defaults fall back to. */
  briefDefaults?: ServerBriefDefaults;
}

/** Measures every ack (time from arrival) before Bolt sees the event; see ack-timing.ts. */
class TimedApp extends App {
  constructor(
    options: AppOptions,
    private readonly onAck: (kind: string, seconds: number) => void,
  ) {
    super(options);
  }

  override processEvent(event: ReceiverEvent): Promise<void> {
    return super.processEvent(timeAck(event, this.onAck));
  }
}

/**
 * Starts the Slack adapter: checks the token with auth.test (one workspace), then takes requests
 * (HTTP routes on the process's server, or a Socket Mode connection). Rejects with a ConfigError
 * naming the variable when Slack refuses the token. With OAuth (many workspaces) it also serves
 * /slack/install and /slack/oauth_redirect, and every request runs with its workspace's token.
 */
export async function startSlack(
  config: SlackConfig,
  deps: SlackAdapterDeps,
  options: SlackRuntimeOptions = {},
): Promise<SlackHandle> {
  const logger = deps.logger.child({ adapter: 'slack' });
  const metrics = deps.metrics ?? noopMetrics;
  const bolt = boltLogger(logger);
  const now = options.now ?? Date.now;
  const clientOptions = slackClientOptions({
    apiUrl: config.apiUrl,
    logger: bolt,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  // Many workspaces: each request is authorized from its workspace's installation (Bolt's
  // `authorize`), and posting uses that workspace's own client. One workspace: the bot token.
  let oauth: SlackOAuth | null = null;
  if (config.oauth) {
    if (!deps.store)
      throw new Error('Slack for many workspaces needs the store: the installations live there');
    oauth = createSlackOAuth(config.oauth, { store: deps.store, logger, clientOptions, now });
  }
  const transport = createTransport(config, bolt, clientOptions);
  const app = new TimedApp(
    {
      ...(oauth ? { authorize: oauth.authorize } : { token: config.botToken ?? undefined }),
      receiver: transport.receiver,
      logger: bolt,
      clientOptions,
      // auth.test runs in init() below, where a bad token can fail start-up instead of floating.
      deferInitialization: true,
      extendedErrorHandler: true,
    },
    (kind, seconds) => metrics.ack('slack', kind, seconds),
  );

  const concurrency = options.concurrency ?? CONCURRENCY;
  const maxPending = options.maxPending ?? MAX_PENDING;
  // Many workspaces share the slots fairly: one workspace's burst keeps to its share.
  const fairness = (slots: number, room: number) =>
    oauth
      ? {
          maxPerGroup: options.perWorkspaceConcurrency ?? Math.max(1, Math.ceil(slots / 2)),
          maxPendingPerGroup: Math.max(1, Math.ceil(room / 2)),
        }
      : {};
  const queue = createWorkQueue({
    name: 'slack-brief',
    metrics,
    concurrency,
    maxPending,
    ...fairness(concurrency, maxPending),
    onError: (err) => logger.error('slack job failed outside its own handling', { err }),
  });
  const digestQueue = createWorkQueue({
    name: 'slack-digest',
    metrics,
    concurrency: DIGEST_CONCURRENCY,
    maxPending: DIGEST_MAX_PENDING,
    ...fairness(DIGEST_CONCURRENCY, DIGEST_MAX_PENDING),
    onError: (err) => logger.error('slack digest job failed outside its own handling', { err }),
  });
  const shutdown = new AbortController();
  const clients = oauth ? oauth.clients : singleWorkspaceClients(app.client, now);
  // Jobs run in this process (src/jobs): the deliverer needs only the bot's client per workspace.
  const deliverer = createSlackDeliverer(clients.clientFor, {
    logger,
    now,
    fetch: options.fetch ?? globalThis.fetch,
    httpTimeoutMs: HTTP_TIMEOUT_MS,
    // A workspace waiting out a 429 puts its jobs off instead of holding slots (many workspaces).
    ...(oauth ? { limitedUntil: clients.limitedUntil } : {}),
  });
  const serverDefaults: ServerBriefDefaults = deps.briefDefaults ?? {
    engine: 'auto',
    language: null,
    llmConfigured: false,
  };
  const digestPublisher = deliverer.publisher;
  const runner = createJobRunner({
    service: deps.service,
    digest: deps.digest ?? null,
    deliverers: { slack: deliverer },
    logger,
    now,
    shutdown: shutdown.signal,
    briefTimeoutMs: options.jobTimeoutMs ?? JOB_TIMEOUT_MS,
    ...(deps.store
      ? {
          briefOptionsFor: workspaceBriefOptions({
            store: deps.store,
            llmConfigured: serverDefaults.llmConfigured,
            logger,
          }),
        }
      : {}),
  });
  const jobs = createInProcessJobQueue({
    lanes: { brief: queue, digest: digestQueue },
    run: (job, meta) => runner.run(job, meta),
    now,
    groupByWorkspace: oauth !== null,
    shutdown: shutdown.signal,
  });
  const slackDeps: SlackDeps = { logger, jobs, deliverer, now, digest: deps.digest ?? null };

  let draining = false;
  let rejected = 0;
  app.use(refuseWhileDraining({ draining: () => draining, refused: () => rejected++ }, logger));
  app.use(dedupeEvents(now, logger));
  registerCommands(app, slackDeps);
  registerEvents(app, slackDeps);
  registerShortcuts(app, slackDeps);
  registerActions(app);
  if (deps.store) {
    registerUninstall(app, {
      store: deps.store,
      installations: oauth?.installations ?? null,
      clients,
      logger,
    });
    registerHome(app, { store: deps.store, server: serverDefaults, logger, now });
  }
  app.error(async ({ error, body, context }: BoltErrorArgs) => {
    // Ids only: the body carries user text, and tokens live in context.
    const b = (body ?? {}) as Record<string, unknown>;
    // A request racing an uninstall (or from a workspace whose install is gone): Bolt calls no
    // listener and acks; nothing of ours failed.
    if (isWorkspaceGone((error as { original?: unknown }).original ?? error)) {
      logger.info('request from a workspace without an installation', { team: context?.teamId });
      return;
    }
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

  // The process's server, or one of our own when started alone.
  const own = deps.http
    ? null
    : await (async () => {
        const readiness = createReadiness();
        const server = await startHttpServer({
          port: options.port ?? 0,
          ...(options.host ? { host: options.host } : {}),
          readiness,
          logger,
        });
        return { server, readiness };
      })();
  const { server: httpServer, readiness } = deps.http ?? own!;

  let isReady: () => boolean;
  // "Add to Slack" and the OAuth redirect, in HTTP and Socket Mode alike: browsers need HTTP.
  const unmountInstall = oauth ? httpServer.mount(installRoutes(oauth.provider, logger)) : () => {};
  let unmount = () => {};
  if (transport.mode === 'http') {
    unmount = httpServer.mount(transport.handler);
    isReady = () => !draining;
  } else {
    // Ready while the WebSocket is up; the client reconnects by itself after a drop.
    let connected = false;
    const client = transport.receiver.client;
    client.on('connected', () => (connected = true));
    // 'close' comes from the WebSocket itself, seconds before the client says it reconnects.
    client.on('close', () => (connected = false));
    client.on('disconnected', () => (connected = false));
    try {
      await app.start();
    } catch (err) {
      await own?.server.close();
      throw err;
    }
    connected = true;
    isReady = () => connected;
  }
  const unregister = readiness.register('slack', () => isReady());
  logger.info('slack adapter ready', {
    mode: transport.mode,
    port: httpServer.port,
    workspaces: oauth ? 'many (OAuth installs)' : 'one (bot token)',
  });

  // Jobs put off for a rate limit count too: they come back into a lane.
  const idle = () => jobs.onIdle();
  return {
    mode: transport.mode,
    port: httpServer.port,
    digestPublisher,
    clients,
    oauth,
    idle,
    drain() {
      draining = true;
    },
    async stop({ deadline = AbortSignal.timeout(STOP_GRACE_MS) } = {}) {
      draining = true;
      // Accepted jobs run on (a brief is bounded by JOB_TIMEOUT_MS, a digest is not) until the
      // deadline; then they are aborted: a brief's user is told to retry, and a digest's ledger
      // lets the next run finish what was left.
      const counts = await drainQueues([queue, digestQueue], deadline);
      shutdown.abort();
      await settleWithin(idle(), ABORT_SETTLE_MS);
      unregister();
      unmount();
      unmountInstall();
      if (transport.mode === 'socket') await app.stop();
      await own?.server.close();
      return { ...counts, rejected };
    },
  };
}
