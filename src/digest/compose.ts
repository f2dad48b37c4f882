import type { SeenItemStore } from '../store/store.js';
import { clusterCandidates, type Candidate } from './cluster.js';
import { effectiveTime } from './feed-item.js';
import type { FeedReader } from './feed-reader.js';
import { storyOf, type StoryDeps } from './story.js';
import type { ChannelRef, Digest, DigestProgress, FailedFeed } from './types.js';

/**
 * A channel's digest from its feeds: what is unseen, merged into stories, ranked, the top N
 * briefed. Returns every key it consumed: the committed digest marks them all seen, including the
 * stories that did not make the cut (a digest covers its period; leftovers never pile up).
 */
export interface ComposeInput {
  channel: ChannelRef;
  localDate: string;
  timezone: string;
  feeds: Array<{ url: string; title: string | null }>;
  maxStories: number;
}

export interface ComposeDeps extends Omit<StoryDeps, 'caller'> {
  reader: FeedReader;
  /** Absent for a preview: every current item counts as new. */
  seen?: SeenItemStore;
  onProgress?: (progress: DigestProgress) => void;
}

export interface Composed {
  digest: Digest;
  keys: string[];
}

/** Clustering compares pairs; beyond this many new items the oldest are consumed unranked. */
const CLUSTER_LIMIT = 1000;

export function callerOf(channel: ChannelRef): string {
  return `digest:${channel.platform}:${channel.workspaceId}/${channel.channelId}`;
}

export async function composeDigest(input: ComposeInput, deps: ComposeDeps): Promise<Composed> {
  const { channel, feeds } = input;
  let done = 0;
  deps.onProgress?.({ phase: 'feeds', done, total: feeds.length });
  const loads = await Promise.all(
    feeds.map(async (f) => {
      const load = await deps.reader.load(f.url, deps.signal);
      deps.onProgress?.({ phase: 'feeds', done: ++done, total: feeds.length });
      return { feed: f, load };
    }),
  );

  const failedFeeds: FailedFeed[] = [];
  const candidates: Candidate[] = [];
  for (const { feed, load } of loads) {
    if (!load.ok) {
      failedFeeds.push({
        feedUrl: feed.url,
        title: load.title ?? feed.title,
        reason: load.error.userMessage,
      });
      continue;
    }
    for (const item of load.items)
      candidates.push({ item, feedUrl: feed.url, feedTitle: load.title ?? feed.title });
  }

  const allKeys = [
    ...new Set(candidates.flatMap((c) => (c.item.linkKey ? [c.item.key, c.item.linkKey] : [c.item.key]))),
  ];
  const seen = (await deps.seen?.seenKeys(channel, allKeys)) ?? new Set<string>();
  const fresh = candidates.filter(
    (c) => !seen.has(c.item.key) && !(c.item.linkKey !== null && seen.has(c.item.linkKey)),
  );
  const keys = [
    ...new Set(fresh.flatMap((c) => (c.item.linkKey ? [c.item.key, c.item.linkKey] : [c.item.key]))),
  ];

  const ranked = clusterCandidates(
    fresh.sort((a, b) => effectiveTime(b.item) - effectiveTime(a.item)).slice(0, CLUSTER_LIMIT),
  ).slice(0, input.maxStories);

  let briefed = 0;
  deps.onProgress?.({ phase: 'briefs', done: 0, total: ranked.length });
  const stories = await Promise.all(
    ranked.map(async (cluster) => {
      const story = await storyOf(cluster, { ...deps, caller: callerOf(channel) });
      deps.onProgress?.({ phase: 'briefs', done: ++briefed, total: ranked.length });
      return story;
    }),
  );
  return {
    digest: { channel, localDate: input.localDate, timezone: input.timezone, stories, failedFeeds },
    keys,
  };
}
