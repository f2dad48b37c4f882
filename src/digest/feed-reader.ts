import { BriefError, userMessageOf } from '../errors.js';
import { safeFetch, type FetchPolicy, type Resolver } from '../ingest/index.js';
import { decodeBytes } from '../ingest/decode.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics/metrics.js';
import type { FeedStateStore } from '../store/store.js';
import type { FeedItem } from './feed-item.js';
import type { HostLimiter } from './host-limiter.js';
import { parseFeedText } from './parse-feed.js';

/**
 * Fetches feeds through ingest's safe fetcher (SSRF guard, byte and time caps) with conditional
 * GET: the last answer's items are kept in feed state, so a 304 costs no body and no parse. One
 * reader serves one digest run and fetches each feed at most once, however many channels follow it.
 */
export type FeedLoad =
  | {
      feedUrl: string;
      ok: true;
      title: string | null;
      items: FeedItem[];
      totalItems: number;
      notModified: boolean;
    }
  | { feedUrl: string; ok: false; title: string | null; error: BriefError };

export interface FeedReaderDeps {
  policy: FetchPolicy;
  resolve?: Resolver;
  logger: Logger;
  limiter: HostLimiter;
  maxItemsPerFeed: number;
  now: () => number;
  /** Without a store (the CLI preview) every fetch is unconditional and nothing is saved. */
  store?: FeedStateStore;
  /** Feeds that could not be read, by reason. */
  metrics?: Metrics;
}

export interface FeedReader {
  load(feedUrl: string, signal?: AbortSignal): Promise<FeedLoad>;
}

function feedError(err: unknown, deps: FeedReaderDeps, feedUrl: string): BriefError {
  if (err instanceof BriefError) {
    // Ingest words these for articles ("paste the text instead"); a feed needs other advice.
    if (err.code === 'fetch_too_large') {
      const mib = Math.round((deps.policy.maxBytes / (1024 * 1024)) * 10) / 10;
      return new BriefError(
        'fetch_too_large',
        `That feed is larger than ${mib} MiB, too big for a news feed. Use a smaller feed of the site (a section or "latest" feed).`,
      );
    }
    if (err.code === 'not_article') {
      return new BriefError(
        'not_feed',
        'That address serves a file of another kind, not a feed. Give the address of an RSS, Atom or JSON feed.',
      );
    }
    return err;
  }
  deps.logger.error('feed load crashed', { feedUrl, err });
  return new BriefError('fetch_failed', userMessageOf(err));
}

export function createFeedReader(deps: FeedReaderDeps): FeedReader {
  const memo = new Map<string, Promise<FeedLoad>>();

  const fetchAndParse = async (feedUrl: string, signal?: AbortSignal): Promise<FeedLoad> => {
    const state = (await deps.store?.getFeedState(feedUrl)) ?? null;
    try {
      const page = await deps.limiter.run(feedUrl, () =>
        safeFetch(feedUrl, { policy: deps.policy, resolve: deps.resolve, logger: deps.logger }, signal, {
          accept: 'feed',
          ifNoneMatch: state?.etag,
          ifModifiedSince: state?.lastModified,
        }),
      );
      if (page.notModified && state) {
        return {
          feedUrl,
          ok: true,
          title: state.title,
          items: state.items,
          totalItems: state.items.length,
          notModified: true,
        };
      }
      if (page.body.length === 0) {
        throw new BriefError('not_feed', 'That feed answered with an empty document. Check the link.');
      }
      const now = deps.now();
      const text = decodeBytes(page.body, { contentType: page.contentType }).text;
      const parsed = parseFeedText(text, feedUrl, now, deps.maxItemsPerFeed);
      // Keep when we first saw each item: a feed re-dating an item must not make it newer.
      const firstSeen = new Map(state?.items.map((i) => [i.key, i.firstSeenAt]) ?? []);
      const items = parsed.items.map((i) => ({ ...i, firstSeenAt: firstSeen.get(i.key) ?? now }));
      await deps.store?.putFeedState({
        feedUrl,
        etag: page.etag,
        lastModified: page.lastModified,
        title: parsed.title,
        items,
        fetchedAt: now,
      });
      return {
        feedUrl,
        ok: true,
        title: parsed.title,
        items,
        totalItems: parsed.totalItems,
        notModified: false,
      };
    } catch (err) {
      if (signal?.aborted) throw err;
      const error = feedError(err, deps, feedUrl);
      deps.logger.info('feed failed', { feedUrl, code: error.code });
      deps.metrics?.feedFetchFailed(error.code);
      return { feedUrl, ok: false, title: state?.title ?? null, error };
    }
  };

  return {
    load(feedUrl, signal) {
      let p = memo.get(feedUrl);
      if (!p) {
        p = fetchAndParse(feedUrl, signal);
        memo.set(feedUrl, p);
      }
      return p;
    },
  };
}
