import type { Config } from '../config.js';
import { BriefError } from '../errors.js';
import { checkUrl, type Resolver } from '../ingest/index.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics/metrics.js';
import type { BriefService } from '../service.js';
import type { DigestStore } from '../store/store.js';
import { createDigestRuntime, type DigestRuntime } from './runtime.js';
import type { BriefOptionsFor } from '../workspace-settings.js';
import { localDateOf, parseTimeOrThrow, parseTimeZoneOrThrow } from './time.js';
import type { ChannelRef, Digest, DigestService, SubscribeRequest, SubscribeResult } from './types.js';

/**
 * The digest commands: subscribe, list, remove, "now" and the CLI's preview. See
 * src/digest/README.md for the rules (one digest per channel per day, what "now" consumes).
 */
export interface DigestServiceDeps {
  config: Config;
  service: BriefService;
  store: DigestStore;
  logger: Logger;
  now?: () => number;
  resolve?: Resolver;
  metrics?: Metrics;
  /** A channel's workspace defaults for its briefs (src/workspace-settings.ts). */
  briefOptionsFor?: BriefOptionsFor;
}

export interface DigestServiceWithRuntime extends DigestService {
  /** Shared with the scheduler (createDigestScheduler): the store, the fetch limiter, the channel locks. */
  readonly runtime: DigestRuntime;
}

const DAY = 86_400_000;
export const MAX_STORIES_LIMIT = 25;

export function createDigestService(deps: DigestServiceDeps): DigestServiceWithRuntime {
  const runtime = createDigestRuntime(deps);
  const { store, config, logger, now } = runtime;

  const feedsOf = async (channel: ChannelRef) =>
    (await store.listSubscriptions(channel)).map((s) => ({ url: s.feedUrl, title: s.feedTitle }));

  const subscribe = async (request: SubscribeRequest, signal?: AbortSignal): Promise<SubscribeResult> => {
    const feedUrl = checkUrl(request.feedUrl, config.fetch.allowHosts).url.href;
    const current = await store.channelSchedule(request.channel);
    const time = request.time ? parseTimeOrThrow(request.time) : (current?.time ?? config.digest.defaultTime);
    const timezone = request.timezone
      ? parseTimeZoneOrThrow(request.timezone)
      : (current?.timezone ?? config.digest.defaultTimezone);
    const maxStories = request.maxStories ?? config.digest.maxStories;
    if (!Number.isInteger(maxStories) || maxStories < 1 || maxStories > MAX_STORIES_LIMIT) {
      throw new BriefError('usage', `A digest holds 1 to ${MAX_STORIES_LIMIT} stories.`);
    }
    const duplicate = async () => {
      const existing = (await store.listSubscriptions(request.channel)).find((s) => s.feedUrl === feedUrl);
      return new BriefError(
        'already_subscribed',
        `This channel already follows that feed${existing ? ` (subscription ${existing.id})` : ''}. Remove it first to change it.`,
      );
    };
    if ((await store.listSubscriptions(request.channel)).some((s) => s.feedUrl === feedUrl))
      throw await duplicate();

    const load = await runtime.newRun().reader.load(feedUrl, signal);
    if (!load.ok) throw load.error;
    const at = now();
    const subscription = await store.addSubscription({
      channel: request.channel,
      feedUrl,
      feedTitle: load.title,
      time,
      timezone,
      maxStories,
      addedBy: request.addedBy,
      createdAt: at,
    });
    if (!subscription) throw await duplicate();
    // Only the last day's items wait for the first digest; a new feed must not flood the channel.
    const old = load.items.filter((i) => i.publishedAt === null || i.publishedAt < at - DAY);
    await store.markSeen(
      request.channel,
      old.flatMap((i) => (i.linkKey ? [i.key, i.linkKey] : [i.key])),
      at,
    );
    logger.info('digest subscription added', { id: subscription.id, feedUrl, time, timezone });
    const result: SubscribeResult = {
      subscription,
      feedTitle: load.title,
      itemCount: load.totalItems,
      waiting: load.items.length - old.length,
    };
    if (load.totalItems > load.items.length) result.itemLimit = load.items.length;
    if (current && (current.time !== time || current.timezone !== timezone)) {
      result.previousSchedule = { time: current.time, timezone: current.timezone };
    }
    return result;
  };

  return {
    runtime,
    subscribe,
    list: (channel) => store.listSubscriptions(channel),
    remove: (channel, id) => store.removeSubscription(channel, id),

    runNow: (channel, publisher, signal) =>
      runtime.withChannel(channel, async () => {
        const schedule = await store.channelSchedule(channel);
        if (!schedule) {
          throw new BriefError(
            'usage',
            'This channel follows no feeds yet. Add one first with "digest add <feed-url>".',
          );
        }
        const localDate = localDateOf(now(), schedule.timezone);
        const { digest, keys } = await runtime.compose(
          runtime.newRun(),
          schedule,
          localDate,
          await feedsOf(channel),
          {
            signal,
          },
        );
        if (digest.stories.length === 0) return { status: 'nothing_new', failedFeeds: digest.failedFeeds };
        const entry = await store.commitDigest({
          kind: 'now',
          digest,
          keys,
          at: now(),
          lease: runtime.lease(),
        });
        if (!entry) throw new Error('a "now" digest could not be recorded');
        try {
          await runtime.deliver(entry, publisher);
        } catch (err) {
          // Nothing reached the channel: undo, so the same stories come with the next try.
          if (await store.rollbackDigest(entry.id)) throw err;
          // The digest is visible; the scheduler posts the missing replies on its next ticks.
          await store.markAttemptFailed(entry.id, now() + 60_000, false, now());
          logger.warn('digest replies failed; the scheduler will resume them', { id: entry.id, err });
        }
        return { status: 'posted', stories: digest.stories.length, failedFeeds: digest.failedFeeds };
      }),

    async preview(feedUrls, onProgress): Promise<Digest> {
      const urls = [...new Set(feedUrls.map((u) => checkUrl(u, config.fetch.allowHosts).url.href))];
      const timezone = config.digest.defaultTimezone;
      const { digest } = await runtime.compose(
        runtime.newRun({ persist: false }),
        {
          channel: { platform: 'slack', workspaceId: 'preview', channelId: 'cli' },
          timezone,
          maxStories: config.digest.maxStories,
        },
        localDateOf(now(), timezone),
        urls.map((url) => ({ url, title: null })),
        { seen: false, onProgress },
      );
      return digest;
    },
  };
}
