import type { Brief } from '../brief.js';
import type { Config } from '../config.js';
import type { Resolver } from '../ingest/index.js';
import type { Logger } from '../logger.js';
import { noopMetrics, type Metrics } from '../metrics/metrics.js';
import type { BriefService } from '../service.js';
import type { ChannelSchedule, DigestStore, LedgerEntry } from '../store/store.js';
import { composeDigest, type Composed } from './compose.js';
import { createFeedReader, type FeedReader } from './feed-reader.js';
import { createHostLimiter, type HostLimiter } from './host-limiter.js';
import type { ChannelRef, DigestProgress, DigestPublisher } from './types.js';

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
}

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
  /** Posts what the entry has not posted yet: the parent unless recorded, then each remaining reply. */
  deliver(entry: LedgerEntry, publisher: DigestPublisher): Promise<void>;
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

  return {
    config,
    store,
    logger,
    now,
    limiter,
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
    compose(run, schedule, localDate, feeds, options = {}) {
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
        },
      );
    },
    async deliver(entry, publisher) {
      const { digest } = entry;
      const { platform } = entry.channel;
      try {
        let parentRef = entry.parentRef;
        if (parentRef === null) {
          parentRef = await publisher.postParent(digest);
          store.markParentPosted(entry.id, parentRef, now());
        }
        for (let i = entry.storiesPosted; i < digest.stories.length; i++) {
          await publisher.postStory(digest, parentRef, i);
          store.markStoriesPosted(entry.id, i + 1, now());
        }
        store.markDone(entry.id, now());
      } catch (err) {
        metrics.digestFailed(platform);
        throw err;
      }
      metrics.digestPosted(platform);
    },
  };
}
