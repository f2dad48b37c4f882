import type { ChannelRef, Digest } from '../../src/digest/types.js';
import type { NewSubscription } from '../../src/store/store.js';
import { sampleBrief } from './sample-brief.js';

/** Channels, subscriptions and digests for store tests. */
export const c1: ChannelRef = { platform: 'slack', workspaceId: 'T1', channelId: 'C1' };
export const c2: ChannelRef = { platform: 'discord', workspaceId: 'G1', channelId: 'C1' };

export const sub = (
  channel: ChannelRef,
  feedUrl: string,
  time = '09:00',
  timezone = 'UTC',
  createdAt = 1000,
): NewSubscription => ({
  channel,
  feedUrl,
  feedTitle: 'Feed',
  time,
  timezone,
  maxStories: 10,
  addedBy: 'U1',
  createdAt,
});

export const ledgerDigest = (channel: ChannelRef, localDate: string, stories = 2): Digest => ({
  channel,
  localDate,
  timezone: 'UTC',
  stories: Array.from({ length: stories }, (_, i) => ({
    key: `k${i}`,
    headline: `Story ${i}`,
    line: 'A line.',
    sources: [{ url: `https://news.example/${i}`, feedTitle: 'Feed' }],
    publishedAt: 1,
    brief: sampleBrief(),
  })),
  failedFeeds: [],
});
