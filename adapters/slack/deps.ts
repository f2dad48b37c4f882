import type { webApi } from '@slack/bolt';
import type { DigestService } from '../../src/digest/types.js';
import type { JobQueue } from '../../src/jobs/queue.js';
import type { Logger } from '../../src/logger.js';
import type { SlackDeliverer } from './deliverer.js';

/**
 * What every listener group receives from startSlack; nothing here reads env or opens sockets.
 * Listeners only receive, acknowledge and enqueue: the work itself runs as a job (src/jobs).
 */
export interface SlackDeps {
  logger: Logger;
  /** Slow work (fetch, summarise, post; digest add and now) goes here after the ack. */
  jobs: JobQueue;
  /** For answers given at once, before any job (busy, usage hints). */
  deliverer: SlackDeliverer;
  now: () => number;
  /** Feed subscriptions and digests; null when the operator did not enable them. */
  digest: DigestService | null;
}

/** The Web API client type Bolt hands to listeners. */
export type SlackClient = webApi.WebClient;

/**
 * The bot's client for a workspace (team id). One installation: always the SLACK_BOT_TOKEN client.
 * Many workspaces (OAuth installs): the installation store's bot token for that team; rejects with
 * WorkspaceGoneError (src/errors.ts) when the team has no installation (it uninstalled).
 */
export type SlackClientFor = (teamId: string) => SlackClient | Promise<SlackClient>;
