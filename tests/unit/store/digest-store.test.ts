import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelRef, Digest } from '../../../src/digest/types.js';
import { openSqliteStore } from '../../../src/store/sqlite-store.js';
import type { Store } from '../../../src/store/store.js';
import { sampleBrief } from '../../helpers/sample-brief.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

let tmp: ReturnType<typeof makeTempDir>;
let path: string;
let store: Store;
beforeEach(() => {
  tmp = makeTempDir();
  path = join(tmp.dir, 'brief.db');
  store = openSqliteStore(path);
});
afterEach(() => {
  store.close();
  tmp.cleanup();
});

const c1: ChannelRef = { platform: 'slack', workspaceId: 'T1', channelId: 'C1' };
const c2: ChannelRef = { platform: 'discord', workspaceId: 'G1', channelId: 'C1' };
const sub = (channel: ChannelRef, feedUrl: string, time = '09:00', timezone = 'UTC', createdAt = 1000) => ({
  channel,
  feedUrl,
  feedTitle: 'Feed',
  time,
  timezone,
  maxStories: 10,
  addedBy: 'U1',
  createdAt,
});
const digest = (channel: ChannelRef, localDate: string, stories = 2): Digest => ({
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

describe('subscriptions', () => {
  it('adds, lists per channel, refuses a duplicate feed and removes only in its own channel', () => {
    const a = store.addSubscription(sub(c1, 'https://a.example/feed'))!;
    expect(a).toMatchObject({
      id: expect.any(Number) as unknown,
      channel: c1,
      feedUrl: 'https://a.example/feed',
    });
    expect(store.addSubscription(sub(c1, 'https://a.example/feed'))).toBeNull();
    expect(store.addSubscription(sub(c2, 'https://a.example/feed'))).not.toBeNull();
    expect(store.listSubscriptions(c1)).toHaveLength(1);
    expect(store.removeSubscription(c2, a.id)).toBeNull();
    expect(store.removeSubscription(c1, a.id)?.id).toBe(a.id);
    expect(store.listSubscriptions(c1)).toEqual([]);
  });

  it('keeps one schedule per channel: a new time moves all feeds and restarts "since"', () => {
    store.addSubscription(sub(c1, 'https://a.example/1', '09:00', 'UTC', 1000));
    store.addSubscription(sub(c1, 'https://a.example/2', '09:00', 'UTC', 2000));
    expect(store.channelSchedule(c1)).toMatchObject({ time: '09:00', timezone: 'UTC', since: 1000 });
    store.addSubscription(sub(c1, 'https://a.example/3', '18:00', 'Europe/Berlin', 3000));
    expect(store.channelSchedule(c1)).toMatchObject({
      time: '18:00',
      timezone: 'Europe/Berlin',
      since: 3000,
    });
    expect(store.listSubscriptions(c1).map((s) => s.time)).toEqual(['18:00', '18:00', '18:00']);
    expect(store.channelSchedules()).toHaveLength(1);
    expect(store.channelSchedule(c2)).toBeNull();
  });
});

describe('seen items and the digest ledger', () => {
  it('commits a digest and marks its keys seen in one step; one scheduled digest per channel and date', () => {
    const entry = store.commitDigest({
      kind: 'scheduled',
      digest: digest(c1, '2025-06-02'),
      keys: ['a', 'b'],
      at: 5,
    })!;
    expect(entry).toMatchObject({
      status: 'composed',
      storiesPosted: 0,
      parentRef: null,
      localDate: '2025-06-02',
    });
    expect(store.seenKeys(c1, ['a', 'b', 'c'])).toEqual(new Set(['a', 'b']));
    expect(store.seenKeys(c2, ['a'])).toEqual(new Set());
    expect(store.hasScheduledDigest(c1, '2025-06-02')).toBe(true);
    // A second scheduled digest the same day is refused and marks nothing.
    expect(
      store.commitDigest({ kind: 'scheduled', digest: digest(c1, '2025-06-02'), keys: ['c'], at: 6 }),
    ).toBeNull();
    expect(store.seenKeys(c1, ['c'])).toEqual(new Set());
    // "now" digests are not limited.
    expect(
      store.commitDigest({ kind: 'now', digest: digest(c1, '2025-06-02'), keys: ['c'], at: 6 }),
    ).not.toBeNull();
    expect(
      store.commitDigest({ kind: 'now', digest: digest(c1, '2025-06-02'), keys: ['d'], at: 7 }),
    ).not.toBeNull();
  });

  it('records an empty digest as empty, not pending', () => {
    const entry = store.commitDigest({
      kind: 'scheduled',
      digest: digest(c1, '2025-06-02', 0),
      keys: [],
      at: 5,
    })!;
    expect(entry.status).toBe('empty');
    expect(store.pendingDeliveries(10)).toEqual([]);
  });

  it('tracks delivery progress and survives reopening the file', () => {
    const entry = store.commitDigest({
      kind: 'scheduled',
      digest: digest(c1, '2025-06-02', 3),
      keys: ['a'],
      at: 5,
    })!;
    store.markParentPosted(entry.id, '1717.000', 6);
    store.markStoriesPosted(entry.id, 1, 7);
    store.close();
    store = openSqliteStore(path);
    const [pending] = store.pendingDeliveries(10);
    expect(pending).toMatchObject({
      id: entry.id,
      status: 'parent_posted',
      parentRef: '1717.000',
      storiesPosted: 1,
    });
    expect(pending!.digest.stories[2]!.brief.headline).toBe(sampleBrief().headline);
    store.markDone(entry.id, 8);
    expect(store.pendingDeliveries(10)).toEqual([]);
    expect(store.getDigestEntry(entry.id)?.status).toBe('done');
  });

  it('backs off and gives up failed deliveries', () => {
    const entry = store.commitDigest({ kind: 'now', digest: digest(c1, '2025-06-02'), keys: [], at: 5 })!;
    store.markAttemptFailed(entry.id, 100, false, 6);
    expect(store.pendingDeliveries(99)).toEqual([]);
    expect(store.pendingDeliveries(100)[0]?.attempts).toBe(1);
    store.markAttemptFailed(entry.id, 200, true, 7);
    expect(store.pendingDeliveries(1000)).toEqual([]);
    expect(store.getDigestEntry(entry.id)?.status).toBe('failed');
  });

  it('rolls a digest back: the row goes, and only the keys it marked become new again', () => {
    store.markSeen(c1, ['old'], 1);
    const entry = store.commitDigest({
      kind: 'now',
      digest: digest(c1, '2025-06-02'),
      keys: ['old', 'new'],
      at: 5,
    })!;
    store.rollbackDigest(entry.id);
    expect(store.getDigestEntry(entry.id)).toBeNull();
    expect(store.seenKeys(c1, ['old', 'new'])).toEqual(new Set(['old']));
  });

  it('prunes seen keys older than the cut-off', () => {
    store.markSeen(c1, ['a'], 10);
    store.markSeen(c1, ['b'], 20);
    expect(store.pruneSeen(15)).toBe(1);
    expect(store.seenKeys(c1, ['a', 'b'])).toEqual(new Set(['b']));
  });
});

describe('feed state', () => {
  it('is dropped when the last subscription to the feed goes', () => {
    const a = store.addSubscription(sub(c1, 'https://a.example/feed'))!;
    const b = store.addSubscription(sub(c2, 'https://a.example/feed'))!;
    store.putFeedState({
      feedUrl: 'https://a.example/feed',
      etag: '"x"',
      lastModified: null,
      title: 'A',
      items: [],
      fetchedAt: 3,
    });
    store.removeSubscription(c1, a.id);
    expect(store.getFeedState('https://a.example/feed')).not.toBeNull();
    store.removeSubscription(c2, b.id);
    expect(store.getFeedState('https://a.example/feed')).toBeNull();
  });

  it('stores validators and items, and replaces them', () => {
    expect(store.getFeedState('https://a.example/feed')).toBeNull();
    const item = {
      key: 'g:1',
      linkKey: null,
      title: 'T',
      link: null,
      sharedLink: false,
      summary: null,
      content: null,
      publishedAt: null,
      firstSeenAt: 3,
    };
    store.putFeedState({
      feedUrl: 'https://a.example/feed',
      etag: '"x"',
      lastModified: null,
      title: 'A',
      items: [item],
      fetchedAt: 3,
    });
    store.putFeedState({
      feedUrl: 'https://a.example/feed',
      etag: '"y"',
      lastModified: 'Mon',
      title: 'A',
      items: [item, { ...item, key: 'g:2' }],
      fetchedAt: 4,
    });
    expect(store.getFeedState('https://a.example/feed')).toMatchObject({
      etag: '"y"',
      lastModified: 'Mon',
      fetchedAt: 4,
    });
    expect(store.getFeedState('https://a.example/feed')!.items).toHaveLength(2);
  });
});
