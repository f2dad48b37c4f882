import type { webApi } from '@slack/bolt';
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
}

/** The Web API client type Bolt hands to listeners. */
export type SlackClient = webApi.WebClient;
