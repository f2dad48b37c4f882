import { once } from 'node:events';
import { Events } from 'discord.js';
import type { DiscordConfig } from '../../src/config.js';
import type { DigestPublisher, DigestService } from '../../src/digest/types.js';
import type { Logger } from '../../src/logger.js';
import { createInProcessJobQueue } from '../../src/jobs/queue.js';
import { createJobRunner } from '../../src/jobs/runner.js';
import type { BriefService } from '../../src/service.js';
import { createWorkQueue } from '../../src/work-queue.js';
import { createDiscordClient, watchClient } from './client.js';
import { commands } from './commands/index.js';
import { createDiscordDeliverer } from './deliverer.js';
import { createInteractionListener } from './interactions.js';
import {
  BRIEF_CONCURRENCY,
  BRIEF_QUEUE_MAX,
  DETAILS_CONCURRENCY,
  DIGEST_CONCURRENCY,
  DIGEST_QUEUE_MAX,
} from './limits.js';
import { settleWithin } from '../../src/settle-within.js';

export interface DiscordDeps {
  service: BriefService;
  logger: Logger;
  /** Enables `/digest`; without it the command says digests are not enabled. */
  digest?: DigestService;
}

export interface DiscordBot {
  /** Posts digests to Discord channels with the bot's client: give it to the digest scheduler. */
  digestPublisher: DigestPublisher;
  /** Lets running briefs finish (a few seconds at most), then disconnects. */
  stop(): Promise<void>;
}

/** Time running briefs get to finish on stop before they are aborted. */
const STOP_GRACE_MS = 10_000;

/**
 * Connects to Discord and answers commands until stopped. Rejects when the bot cannot log in
 * (a bad token, an unreachable gateway); the caller decides whether that ends the process.
 */
export async function startDiscord(config: DiscordConfig, deps: DiscordDeps): Promise<DiscordBot> {
  const log = deps.logger.child({ adapter: 'discord' });
  const client = createDiscordClient(config);
  const shutdown = new AbortController();
  const queue = createWorkQueue({
    concurrency: BRIEF_CONCURRENCY,
    maxPending: BRIEF_QUEUE_MAX,
    onError: (err) => log.error('brief task failed', { err }),
  });
  // Full: the brief's own job posts its details itself (see deliverer.ts).
  const detailsQueue = createWorkQueue({
    concurrency: DETAILS_CONCURRENCY,
    maxPending: BRIEF_QUEUE_MAX,
    onError: (err) => log.error('posting details failed', { err }),
  });
  const digestQueue = createWorkQueue({
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
  client.on(
    Events.InteractionCreate,
    createInteractionListener(commands, { logger: log, jobs, deliverer, digest: deps.digest ?? null }),
  );

  const readyAbort = new AbortController();
  const ready = once(client, Events.ClientReady, { signal: readyAbort.signal });
  try {
    await client.login(config.token);
    await ready;
  } catch (err) {
    ready.catch(() => undefined);
    readyAbort.abort();
    await client.destroy();
    throw err;
  }
  log.info('discord ready', { user: client.user?.tag, guilds: client.guilds.cache.size });

  return {
    digestPublisher,
    async stop() {
      const idle = () =>
        Promise.all([queue.onIdle(), detailsQueue.onIdle(), digestQueue.onIdle()]).then(() => undefined);
      await settleWithin(idle(), STOP_GRACE_MS);
      shutdown.abort();
      await settleWithin(idle(), 2_000);
      await client.destroy();
      log.info('discord stopped');
    },
  };
}
