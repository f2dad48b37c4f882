import type { webApi } from '@slack/bolt';
import type { DigestPublisher, DigestService } from '../../src/digest/types.js';
import type { Logger } from '../../src/logger.js';
import type { BriefService } from '../../src/service.js';
import type { WorkQueue } from '../../src/work-queue.js';

/** What every listener group receives from startSlack; nothing here reads env or opens sockets. */
export interface SlackDeps {
  service: BriefService;
  logger: Logger;
  /** Slow work (fetch, summarise, post) runs here after the ack. */
  queue: WorkQueue;
  now: () => number;
  /** For response_url posts (the Web API client has its own). */
  fetch: typeof fetch;
  /** Upper bound for one brief job: ingest + engine + posting. */
  jobTimeoutMs: number;
  /** Per response_url request. */
  httpTimeoutMs: number;
  /** Feed subscriptions and digests; null when the operator did not enable them. */
  digest: DigestService | null;
  /** Posts digests with the bot's client (the same one main.ts hands the scheduler). */
  digestPublisher: DigestPublisher;
  /**
   * `digest add` and `digest now` run here: feeds and whole digests are slow, and must not hold
   * the slots of single briefs.
   */
  digestQueue: WorkQueue;
  /** Aborted when the adapter stops (after a grace period), so long digest jobs end. */
  shutdown: AbortSignal;
}

/** The Web API client type Bolt hands to listeners. */
export type SlackClient = webApi.WebClient;
