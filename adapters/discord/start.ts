import { once } from 'node:events';
import { DiscordjsErrorCodes, Events, type Client } from 'discord.js';
import { ConfigError, type DiscordConfig } from '../../src/config.js';
import type { DigestPublisher, DigestService } from '../../src/digest/types.js';
import { drainQueues, type DrainCounts } from '../../src/drain.js';
import type { HttpServer, Readiness } from '../../src/http/index.js';
import type { Logger } from '../../src/logger.js';
import { createInProcessJobQueue } from '../../src/jobs/queue.js';
import { createJobRunner } from '../../src/jobs/runner.js';
import { noopMetrics, type Metrics } from '../../src/metrics/metrics.js';
import type { BriefService } from '../../src/service.js';
import { settleWithin } from '../../src/settle-within.js';
import { createWorkQueue } from '../../src/work-queue.js';
import { timeInteractionAcks } from './ack-timing.js';
import { createDiscordClient, watchClient } from './client.js';
import { commands } from './commands/index.js';
import { createDiscordDeliverer } from './deliverer.js';
import { answerWhileDraining } from './draining.js';
import { createInteractionListener } from './interactions.js';
import {
  BRIEF_CONCURRENCY,
  BRIEF_QUEUE_MAX,
  DETAILS_CONCURRENCY,
  DIGEST_CONCURRENCY,
  DIGEST_QUEUE_MAX,
} from './limits.js';

export interface DiscordDeps {
  service: BriefService;
  logger: Logger;
  /** Enables `/digest`; without it the command says digests are not enabled. */
  digest?: DigestService;
  /** Ack latency, queue depths and rejections; none recorded without it. */
  metrics?: Metrics;
  /** The process's readiness (src/main.ts): the bot registers the "discord" part. */
  http?: { server: HttpServer; readiness: Readiness };
}

export interface DiscordBot {
  /** Posts digests to Discord channels with the bot's client: give it to the digest scheduler. */
  digestPublisher: DigestPublisher;
  /** Stops taking new work: new commands are answered "restarting". */
  drain(): void;
  /**
   * Drains, lets running briefs and digests finish until `deadline` (default 10 s), aborts the
   * rest, then disconnects. Resolves with what finished, was aborted and was refused meanwhile.
   */
  stop(options?: { deadline?: AbortSignal }): Promise<DrainCounts>;
}

/** Time running briefs get to finish on stop when no deadline is given. */
const STOP_GRACE_MS = 10_000;
/** After the grace period, aborted tasks get this long to tell their users and end. */
const ABORT_SETTLE_MS = 2_000;

/**
 * Connects to Discord and answers commands until stopped. Rejects when the bot cannot log in: a
 * token Discord refuses is a ConfigError naming DISCORD_TOKEN; an API that does not answer says
 * where it was looked for.
 */
export async function startDiscord(config: DiscordConfig, deps: DiscordDeps): Promise<DiscordBot> {
  const log = deps.logger.child({ adapter: 'discord' });
  const metrics = deps.metrics ?? noopMetrics;
  const client = createDiscordClient(config);
  const shutdown = new AbortController();
  const queue = createWorkQueue({
    name: 'discord-brief',
    metrics,
    concurrency: BRIEF_CONCURRENCY,
    maxPending: BRIEF_QUEUE_MAX,
    onError: (err) => log.error('brief task failed', { err }),
  });
  // Full: the brief's own job posts its details itself (see deliverer.ts).
  const detailsQueue = createWorkQueue({
    name: 'discord-details',
    metrics,
    concurrency: DETAILS_CONCURRENCY,
    maxPending: BRIEF_QUEUE_MAX,
    onError: (err) => log.error('posting details failed', { err }),
  });
  const digestQueue = createWorkQueue({
    name: 'discord-digest',
    metrics,
    concurrency: DIGEST_CONCURRENCY,
    maxPending: DIGEST_QUEUE_MAX,
    onError: (err) => log.error('digest task failed', { err }),
  });
  // Jobs run in this process (src/jobs); they deliver over REST, as a worker process would.
  const deliverer = createDiscordDeliverer(client.rest, { logger: log, detailsQueue });
  const digestPublisher = deliverer.publisher;
  const runner = createJobRunner({
    service: deps.service,
    digest: deps.digest ?? null,
    deliverers: { discord: deliverer },
    logger: log,
    shutdown: shutdown.signal,
  });
  const jobs = createInProcessJobQueue({
    lanes: { brief: queue, digest: digestQueue },
    run: (job, meta) => runner.run(job, meta),
  });
  watchClient(client, log);
  const listener = createInteractionListener(commands, {
    logger: log,
    jobs,
    deliverer,
    digest: deps.digest ?? null,
  });
  let draining = false;
  let rejected = 0;
  // First: arrival times for the ack latency, before any command runs.
  client.on(
    Events.InteractionCreate,
    timeInteractionAcks(client, (kind, seconds) => metrics.ack('discord', kind, seconds)),
  );
  client.on(Events.InteractionCreate, (interaction) => {
    if (!draining) return listener(interaction);
    if (answerWhileDraining(interaction, log)) rejected++;
  });

  await logIn(client, config);
  log.info('discord ready', { user: client.user?.tag, guilds: client.guilds.cache.size });
  const unregister = deps.http?.readiness.register('discord', () => client.isReady()) ?? (() => {});

  const queues = [queue, detailsQueue, digestQueue];
  const idle = () => Promise.all(queues.map((q) => q.onIdle())).then(() => undefined);
  return {
    digestPublisher,
    drain() {
      draining = true;
    },
    async stop({ deadline = AbortSignal.timeout(STOP_GRACE_MS) } = {}) {
      draining = true;
      const counts = await drainQueues(queues, deadline);
      shutdown.abort();
      await settleWithin(idle(), ABORT_SETTLE_MS);
      unregister();
      await client.destroy();
      log.info('discord stopped');
      return { ...counts, rejected };
    },
  };
}

/** Gateway close codes that mean the token, not the network: 4004 Authentication failed. */
const TOKEN_CLOSE_CODES = new Set([4004]);

/** Logs in and waits for READY, turning failures into errors that say what to fix. */
async function logIn(client: Client, config: DiscordConfig): Promise<void> {
  const abort = new AbortController();
  const ready = once(client, Events.ClientReady, { signal: abort.signal });
  // The gateway refusing the token closes the socket for good; login() itself may not reject.
  const refused = once(client, Events.ShardDisconnect, { signal: abort.signal }).then(([event]) => {
    const code = (event as { code: number }).code;
    throw TOKEN_CLOSE_CODES.has(code)
      ? refusedToken(`the gateway closed with ${code} (authentication failed)`)
      : new Error(`Discord start-up failed: the gateway closed with ${code} and will not reconnect`);
  });
  try {
    try {
      await client.login(config.token);
    } catch (err) {
      throw loginError(err, config);
    }
    await Promise.race([ready, refused]);
  } catch (err) {
    await client.destroy();
    throw err;
  } finally {
    abort.abort();
    ready.catch(() => undefined);
    refused.catch(() => undefined);
  }
}

/**
 * @discordjs/ws rejects login with a plain Error for the gateway's fatal close codes; its message
 * is all that tells them apart (4004 is "Authentication failed").
 */
const GATEWAY_REFUSALS = new Set([
  'Invalid shard',
  'Sharding is required',
  'Used an invalid API version',
  'Used invalid intents',
  'Used disallowed intents',
]);

function loginError(err: unknown, config: DiscordConfig): Error {
  const { code, message } = (err ?? {}) as { code?: unknown; message?: unknown };
  if (code === DiscordjsErrorCodes.TokenInvalid) {
    return refusedToken('GET /gateway/bot answered 401 Unauthorized', err);
  }
  if (message === 'Authentication failed') {
    return refusedToken('the gateway closed with 4004 (authentication failed)', err);
  }
  if (typeof message === 'string' && GATEWAY_REFUSALS.has(message)) {
    return new Error(`Discord start-up failed: the gateway refused the bot (${message})`, { cause: err });
  }
  return new Error(`Discord start-up failed: the API at ${config.apiUrl} did not answer (${String(err)})`, {
    cause: err,
  });
}

function refusedToken(detail: string, cause?: unknown): ConfigError {
  return new ConfigError(
    `DISCORD_TOKEN was refused by Discord: ${detail}; copy the token again from the Developer Portal (Bot > Reset Token)`,
    { cause },
  );
}
