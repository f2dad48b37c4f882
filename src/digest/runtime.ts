import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Brief } from '../brief.js';
import type { Config } from '../config.js';
import type { Resolver } from '../ingest/index.js';
import type { Logger } from '../logger.js';
import { noopMetrics, type Metrics } from '../metrics/metrics.js';
import type { BriefService } from '../service.js';
import type { ChannelSchedule, DeliveryLease, DigestStore, LedgerEntry } from '../store/store.js';
import { composeDigest, type Composed } from './compose.js';
import { createFeedReader, type FeedReader } from './feed-reader.js';
import { createHostLimiter, type HostLimiter } from './host-limiter.js';
import type { ChannelRef, DigestProgress, DigestPublisher } from './types.js';
import type { BriefOptionsFor } from '../workspace-settings.js';

/**
 * What the digest service (commands) and the scheduler share: the store, one polite fetch limiter,
 * a lock per channel (a "now" and the scheduled digest never compose the same items at once), and
 * delivery from the ledger, which resumes where a crash left off.
 */
export interface DigestRuntimeDeps {
  config: Config;
  service: BriefService;
  store: DigestStore;
  logger: Logger;
  now?: () => number;
  resolve?: Resolver;
  /** Digests posted and failed, feeds that could not be read. */
  metrics?: Metrics;
  /** This runtime's name on delivery leases; default host, pid and a random part. */
  owner?: string;
  /** A channel's workspace defaults for its briefs (src/workspace-settings.ts); none without it. */
  briefOptionsFor?: BriefOptionsFor;
}

/**
 * How long a delivery lease lasts. It is renewed before every post, so it must outlast one post
 * (Slack: 10 s x 3 attempts; Discord: 15 s plus rate-limit waits), and it is how long a delivery
 * that a crashed process held waits before another process (or the restarted one) resumes it.
 */
export const DELIVERY_LEASE_MS = 2 * 60_000;

/** One digest run (a tick, a "now", a preview): each feed fetched and each article briefed once. */
export interface DigestRun {
  reader: FeedReader;
  memo?: Map<string, Promise<Brief>>;
}

export interface DigestRuntime {
  readonly config: Config;
  readonly store: DigestStore;
  readonly logger: Logger;
  readonly now: () => number;
  readonly limiter: HostLimiter;
  /** This runtime's name on delivery leases. */
  readonly owner: string;
  /** A delivery lease for this runtime from now (commitDigest takes one with the entry). */
  lease(): DeliveryLease;
  newRun(options?: { persist?: boolean }): DigestRun;
  /** Runs `work` while holding the channel's lock. */
  withChannel<T>(channel: ChannelRef, work: () => Promise<T>): Promise<T>;
  compose(
    run: DigestRun,
    schedule: Pick<ChannelSchedule, 'channel' | 'timezone' | 'maxStories'>,
    localDate: string,
    feeds: Array<{ url: string; title: string | null }>,
    options?: { seen?: boolean; signal?: AbortSignal; onProgress?: (p: DigestProgress) => void },
  ): Promise<Composed>;
  /**
   * Claims the entry and posts what it has not posted yet: the parent unless recorded, then each
   * remaining reply, renewing the claim before each post. False when another process holds the
   * entry (or it was delivered meanwhile): nothing was posted.
   */
  deliver(entry: LedgerEntry, publisher: DigestPublisher): Promise<boolean>;
}

export const channelKey = (c: ChannelRef) => `${c.platform}:${c.workspaceId}/${c.channelId}`;

export function createDigestRuntime(deps: DigestRuntimeDeps): DigestRuntime {
  const { config, store, logger } = deps;
  const now = deps.now ?? Date.now;
  const metrics = deps.metrics ?? noopMetrics;
  const limiter = createHostLimiter({
    total: config.digest.fetchConcurrency,
    perHost: config.digest.hostConcurrency,
  });
  // The extractive engine has no cache; the LLM's cache also records which channel saved a call.
  const extractive = config.engine === 'extractive' || (config.engine === 'auto' && config.llm === null);
  const locks = new Map<string, Promise<unknown>>();
  const owner = deps.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const lease = (): DeliveryLease => ({ owner, until: now() + DELIVERY_LEASE_MS });

  return {
    config,
    store,
    logger,
    now,
    limiter,
    owner,
    lease,
    newRun: ({ persist = true } = {}) => ({
      reader: createFeedReader({
        policy: config.fetch,
        resolve: deps.resolve,
        logger,
        limiter,
        maxItemsPerFeed: config.digest.maxItemsPerFeed,
        now,
        store: persist ? store : undefined,
        metrics,
      }),
      memo: extractive ? new Map() : undefined,
    }),
    async withChannel(channel, work) {
      const key = channelKey(channel);
      const previous = locks.get(key) ?? Promise.resolve();
      const mine = previous.catch(() => undefined).then(work);
      locks.set(key, mine);
      try {
        return await mine;
      } finally {
        if (locks.get(key) === mine) locks.delete(key);
      }
    },
    async compose(run, schedule, localDate, feeds, options = {}) {
      // A preview (seen: false) belongs to no workspace.
      const briefOptions =
        options.seen === false ? undefined : await deps.briefOptionsFor?.(schedule.channel);
      return composeDigest(
        {
          channel: schedule.channel,
          localDate,
          timezone: schedule.timezone,
          feeds,
          maxStories: schedule.maxStories,
        },
        {
          reader: run.reader,
          memo: run.memo,
          service: deps.service,
          limiter,
          logger,
          seen: options.seen === false ? undefined : store,
          signal: options.signal,
          onProgress: options.onProgress,
          ...(briefOptions ? { briefOptions } : {}),
        },
      );
    },
    async deliver(entry, publisher) {
      const { platform } = entry.channel;
      try {
        // The ledger as it is now, not as the caller last read it: another process may have moved it.
        const claimed = await store.claimDelivery(entry.id, lease(), now());
        if (!claimed) return false;
        const { digest } = claimed;
        let parentRef = claimed.parentRef;
        if (parentRef === null) {
          parentRef = await publisher.postParent(digest);
          if (!(await store.markParentPosted(claimed.id, parentRef, now()))) {
            logger.warn('digest parent recorded by another deliverer; stopping', { id: claimed.id });
            return false;
          }
        }
        for (let i = claimed.storiesPosted; i < digest.stories.length; i++) {
          // Renewed before each post: a lease that ran out (a stall) may belong to another process now.
          if (!(await store.claimDelivery(claimed.id, lease(), now()))) return false;
          await publisher.postStory(digest, parentRef, i);
          await store.markStoriesPosted(claimed.id, i + 1, now());
        }
        await store.markDone(claimed.id, now());
      } catch (err) {
        metrics.digestFailed(platform);
        throw err;
      }
      metrics.digestPosted(platform);
      return true;
    },
  };
}
