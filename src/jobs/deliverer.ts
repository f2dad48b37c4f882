import type { Brief } from '../brief.js';
import type { DigestPublisher, FailedFeed, SubscribeResult, Subscription } from '../digest/types.js';
import type { DeliveryTarget } from './types.js';

/**
 * What the core tells a requester privately. Plain data, like jobs: each platform renders it with
 * its own markup and escaping (adapters' notices), from the shared wording in src/render/notices.ts.
 */
export type Notice =
  /** A failure the user should hear about: a BriefError's message, or the generic apology. */
  | { kind: 'error'; message: string }
  /** The queue refused the job: try again in a minute. */
  | { kind: 'busy' }
  | { kind: 'digest_busy' }
  /** The process is stopping: the work was cut short. */
  | { kind: 'restarting' }
  | { kind: 'digest_subscribed'; result: SubscribeResult }
  | { kind: 'digest_list'; subscriptions: Subscription[] }
  | { kind: 'digest_removed'; removed: Subscription | null; id: number }
  /** `now` with no feeds to read. */
  | { kind: 'digest_no_feeds' }
  | { kind: 'digest_posted'; stories: number; failedFeeds: FailedFeed[] }
  | { kind: 'digest_nothing_new'; failedFeeds: FailedFeed[] }
  /** The platform refused the digest post: the bot is not in the channel, or lacks permissions. */
  | { kind: 'digest_cannot_post' };

export type BriefDelivery =
  /** Delivered; `via` says how, for the logs ("channel", "response_url", "thread", "follow-up"). */
  | { status: 'delivered'; via: string }
  /** Nothing can reach the requester any more (token expired, channel deleted): stop the job. */
  | { status: 'unreachable' };

/**
 * Delivery for one job, opened by Deliverer.open(). Per-job state lives here (how many uses a
 * response_url has left, whether a deferred Discord reply was answered yet), so one deliverer
 * serves any number of jobs at once.
 */
export interface DeliverySession {
  /**
   * Posts one brief: the reply (headline, summary, footer) and its key facts (a thread, or
   * follow-ups where no thread can be made). Throws when the platform refused it, so the runner
   * can tell the user; resolves `unreachable` when nobody can be told anything any more.
   */
  brief(brief: Brief, context: { requestedUrl: string | null }): Promise<BriefDelivery>;
  /**
   * Tells the requester privately. Never throws: a failed notice is logged. Resolves false when the
   * requester can no longer be reached (the job stops).
   */
  notice(notice: Notice): Promise<boolean>;
}

/**
 * What each chat adapter implements, from its REST/Web API client only: no gateway, no request
 * object. So the same deliverer works in the process that received the request and in a worker
 * that did not.
 */
export interface Deliverer<T extends DeliveryTarget = DeliveryTarget> {
  open(target: T): DeliverySession;
  /** True for an error (or a cause of one) meaning "the bot may not post in that channel". */
  cannotPost(err: unknown): boolean;
  /**
   * True for a failure that may pass on its own (the network, a 5xx after the client's own
   * retries): a job that delivered nothing yet is worth running again later.
   */
  transient(err: unknown): boolean;
  /**
   * False when the target's workspace is gone (it uninstalled the app): nothing may be posted there
   * and nobody can be told, so the job ends quietly. Unset: always reachable.
   */
  reachable?(target: T): Promise<boolean>;
  /**
   * How long (ms) the platform asked the target's workspace to wait (a 429's Retry-After still
   * running); 0 when it did not. A job the queue can defer waits outside its slot instead.
   */
  deferMs?(target: T): number;
  /** The requester's own IANA time zone when the platform knows it (Slack does); null otherwise. */
  userTimezone?(target: T): Promise<string | null>;
  /** Posts digests on this platform (the scheduler's and `digest now`'s publisher). */
  publisher: DigestPublisher;
}

export type Deliverers = {
  [P in DeliveryTarget['platform']]?: Deliverer<Extract<DeliveryTarget, { platform: P }>>;
};
