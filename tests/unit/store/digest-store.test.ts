import { beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../src/store/store.js';
import { sampleBrief } from '../../helpers/sample-brief.js';
import { c1, c2, ledgerDigest as digest, sub } from '../../helpers/sample-ledger.js';
import { describeEachStore } from '../../helpers/store-targets.js';

describeEachStore('digest store', (t) => {
  let store: Store;
  beforeEach(async () => {
    store = await t.open();
  });

  describe('subscriptions', () => {
    it('adds, lists per channel, refuses a duplicate feed and removes only in its own channel', async () => {
      const a = (await store.addSubscription(sub(c1, 'https://a.example/feed')))!;
      expect(a).toMatchObject({
        id: expect.any(Number) as unknown,
        channel: c1,
        feedUrl: 'https://a.example/feed',
        createdAt: 1000,
      });
      expect(await store.addSubscription(sub(c1, 'https://a.example/feed'))).toBeNull();
      expect(await store.addSubscription(sub(c2, 'https://a.example/feed'))).not.toBeNull();
      expect(await store.listSubscriptions(c1)).toHaveLength(1);
      expect(await store.removeSubscription(c2, a.id)).toBeNull();
      expect((await store.removeSubscription(c1, a.id))?.id).toBe(a.id);
      expect(await store.listSubscriptions(c1)).toEqual([]);
    });

    it('keeps one schedule per channel: a new time moves all feeds and restarts "since"', async () => {
      await store.addSubscription(sub(c1, 'https://a.example/1', '09:00', 'UTC', 1000));
      await store.addSubscription(sub(c1, 'https://a.example/2', '09:00', 'UTC', 2000));
      expect(await store.channelSchedule(c1)).toMatchObject({ time: '09:00', timezone: 'UTC', since: 1000 });
      await store.addSubscription(sub(c1, 'https://a.example/3', '18:00', 'Europe/Berlin', 3000));
      expect(await store.channelSchedule(c1)).toMatchObject({
        time: '18:00',
        timezone: 'Europe/Berlin',
        since: 3000,
      });
      expect((await store.listSubscriptions(c1)).map((s) => s.time)).toEqual(['18:00', '18:00', '18:00']);
      expect(await store.channelSchedules()).toHaveLength(1);
      expect(await store.channelSchedule(c2)).toBeNull();
    });
  });

  describe('seen items and the digest ledger', () => {
    it('commits a digest and marks its keys seen in one step; one scheduled digest per channel and date', async () => {
      const entry = (await store.commitDigest({
        kind: 'scheduled',
        digest: digest(c1, '2025-06-02'),
        keys: ['a', 'b'],
        at: 5,
      }))!;
      expect(entry).toMatchObject({
        status: 'composed',
        storiesPosted: 0,
        parentRef: null,
        localDate: '2025-06-02',
        leaseOwner: null,
        leaseUntil: 0,
      });
      expect(await store.seenKeys(c1, ['a', 'b', 'c'])).toEqual(new Set(['a', 'b']));
      expect(await store.seenKeys(c2, ['a'])).toEqual(new Set());
      expect(await store.hasScheduledDigest(c1, '2025-06-02')).toBe(true);
      // A second scheduled digest the same day is refused and marks nothing.
      expect(
        await store.commitDigest({ kind: 'scheduled', digest: digest(c1, '2025-06-02'), keys: ['c'], at: 6 }),
      ).toBeNull();
      expect(await store.seenKeys(c1, ['c'])).toEqual(new Set());
      // "now" digests are not limited.
      expect(
        await store.commitDigest({ kind: 'now', digest: digest(c1, '2025-06-02'), keys: ['c'], at: 6 }),
      ).not.toBeNull();
      expect(
        await store.commitDigest({ kind: 'now', digest: digest(c1, '2025-06-02'), keys: ['d'], at: 7 }),
      ).not.toBeNull();
    });

    it('records an empty digest as empty, not pending', async () => {
      const entry = (await store.commitDigest({
        kind: 'scheduled',
        digest: digest(c1, '2025-06-02', 0),
        keys: [],
        at: 5,
      }))!;
      expect(entry.status).toBe('empty');
      expect(await store.pendingDeliveries(10)).toEqual([]);
    });

    it('tracks delivery progress and survives reopening the database', async () => {
      const entry = (await store.commitDigest({
        kind: 'scheduled',
        digest: digest(c1, '2025-06-02', 3),
        keys: ['a'],
        at: 5,
      }))!;
      expect(await store.markParentPosted(entry.id, '1717.000', 6)).toBe(true);
      expect(await store.markStoriesPosted(entry.id, 1, 7)).toBe(true);
      await t.closeAll();
      store = await t.open();
      const [pending] = await store.pendingDeliveries(10);
      expect(pending).toMatchObject({
        id: entry.id,
        status: 'parent_posted',
        parentRef: '1717.000',
        storiesPosted: 1,
      });
      expect(pending!.digest.stories[2]!.brief.headline).toBe(sampleBrief().headline);
      expect(await store.markDone(entry.id, 8)).toBe(true);
      expect(await store.pendingDeliveries(10)).toEqual([]);
      expect((await store.getDigestEntry(entry.id))?.status).toBe('done');
    });

    it('moves states only forward: each transition says whether it happened', async () => {
      const entry = (await store.commitDigest({
        kind: 'now',
        digest: digest(c1, '2025-06-02', 3),
        keys: [],
        at: 5,
      }))!;
      // Not before the parent is recorded.
      expect(await store.markStoriesPosted(entry.id, 1, 6)).toBe(false);
      expect(await store.markDone(entry.id, 6)).toBe(false);
      expect(await store.markParentPosted(entry.id, 'p1', 6)).toBe(true);
      // A second deliverer's parent is not recorded over the first's.
      expect(await store.markParentPosted(entry.id, 'p2', 7)).toBe(false);
      expect(await store.markStoriesPosted(entry.id, 2, 7)).toBe(true);
      // The count never goes back.
      expect(await store.markStoriesPosted(entry.id, 1, 8)).toBe(false);
      expect(await store.markStoriesPosted(entry.id, 2, 8)).toBe(false);
      expect(await store.markDone(entry.id, 9)).toBe(true);
      expect(await store.markDone(entry.id, 9)).toBe(false);
      // A delivered entry is not failed, retried or rolled back afterwards.
      await store.markAttemptFailed(entry.id, 100, true, 10);
      expect(await store.rollbackDigest(entry.id)).toBe(false);
      expect(await store.getDigestEntry(entry.id)).toMatchObject({
        status: 'done',
        parentRef: 'p1',
        storiesPosted: 2,
        attempts: 0,
      });
    });

    it('backs off and gives up failed deliveries', async () => {
      const entry = (await store.commitDigest({
        kind: 'now',
        digest: digest(c1, '2025-06-02'),
        keys: [],
        at: 5,
      }))!;
      await store.markAttemptFailed(entry.id, 100, false, 6);
      expect(await store.pendingDeliveries(99)).toEqual([]);
      expect((await store.pendingDeliveries(100))[0]?.attempts).toBe(1);
      await store.markAttemptFailed(entry.id, 200, true, 7);
      expect(await store.pendingDeliveries(1000)).toEqual([]);
      expect((await store.getDigestEntry(entry.id))?.status).toBe('failed');
    });

    it('rolls a digest back: the row goes, and only the keys it marked become new again', async () => {
      await store.markSeen(c1, ['old'], 1);
      const entry = (await store.commitDigest({
        kind: 'now',
        digest: digest(c1, '2025-06-02'),
        keys: ['old', 'new'],
        at: 5,
      }))!;
      expect(await store.rollbackDigest(entry.id)).toBe(true);
      expect(await store.getDigestEntry(entry.id)).toBeNull();
      expect(await store.seenKeys(c1, ['old', 'new'])).toEqual(new Set(['old']));
    });

    it('does not roll back a digest whose parent is posted', async () => {
      const entry = (await store.commitDigest({
        kind: 'now',
        digest: digest(c1, '2025-06-02'),
        keys: ['a'],
        at: 5,
      }))!;
      await store.markParentPosted(entry.id, 'p1', 6);
      expect(await store.rollbackDigest(entry.id)).toBe(false);
      expect(await store.seenKeys(c1, ['a'])).toEqual(new Set(['a']));
    });

    it('prunes seen keys older than the cut-off', async () => {
      await store.markSeen(c1, ['a'], 10);
      await store.markSeen(c1, ['b'], 20);
      expect(await store.pruneSeen(15)).toBe(1);
      expect(await store.seenKeys(c1, ['a', 'b'])).toEqual(new Set(['b']));
    });

    it('looks up and marks thousands of keys in one statement', async () => {
      const keys = Array.from({ length: 5000 }, (_, i) => `https://news.example/${i}?q='x"`);
      await store.markSeen(c1, keys.slice(0, 2500), 1);
      const seen = await store.seenKeys(c1, keys);
      expect(seen.size).toBe(2500);
      expect(seen.has(keys[0]!)).toBe(true);
      expect(seen.has(keys[4999]!)).toBe(false);
    });
  });

  describe('delivery leases', () => {
    it('lets one owner at a time claim an entry, renew it, and anyone claim it once it expires', async () => {
      const entry = (await store.commitDigest({
        kind: 'now',
        digest: digest(c1, '2025-06-02'),
        keys: [],
        at: 5,
      }))!;
      const a = await store.claimDelivery(entry.id, { owner: 'A', until: 100 }, 10);
      expect(a).toMatchObject({ id: entry.id, leaseOwner: 'A', leaseUntil: 100 });
      expect(await store.claimDelivery(entry.id, { owner: 'B', until: 150 }, 50)).toBeNull();
      // Held entries are not offered for delivery.
      expect(await store.pendingDeliveries(50)).toEqual([]);
      expect(await store.claimDelivery(entry.id, { owner: 'A', until: 200 }, 60)).toMatchObject({
        leaseUntil: 200,
      });
      expect(await store.claimDelivery(entry.id, { owner: 'B', until: 250 }, 150)).toBeNull();
      // A crashed: its lease runs out and B resumes.
      expect(await store.pendingDeliveries(200)).toHaveLength(1);
      expect(await store.claimDelivery(entry.id, { owner: 'B', until: 300 }, 200)).toMatchObject({
        leaseOwner: 'B',
      });
    });

    it('takes the lease in the commit, releases it on failure and when done, and never leases a finished entry', async () => {
      const entry = (await store.commitDigest({
        kind: 'scheduled',
        digest: digest(c1, '2025-06-02'),
        keys: [],
        at: 5,
        lease: { owner: 'A', until: 100 },
      }))!;
      expect(entry).toMatchObject({ leaseOwner: 'A', leaseUntil: 100 });
      expect(await store.claimDelivery(entry.id, { owner: 'B', until: 150 }, 10)).toBeNull();
      await store.markAttemptFailed(entry.id, 20, false, 11);
      expect(await store.claimDelivery(entry.id, { owner: 'B', until: 150 }, 20)).toMatchObject({
        leaseOwner: 'B',
        attempts: 1,
      });
      await store.releaseDelivery(entry.id, 'A'); // not A's any more: no effect
      expect((await store.getDigestEntry(entry.id))?.leaseOwner).toBe('B');
      await store.releaseDelivery(entry.id, 'B');
      expect((await store.getDigestEntry(entry.id))?.leaseOwner).toBeNull();
      await store.markParentPosted(entry.id, 'p', 30);
      await store.markDone(entry.id, 31);
      expect(await store.getDigestEntry(entry.id)).toMatchObject({ leaseOwner: null, leaseUntil: 0 });
      expect(await store.claimDelivery(entry.id, { owner: 'C', until: 500 }, 40)).toBeNull();
    });
  });

  describe('feed state', () => {
    it('is dropped when the last subscription to the feed goes', async () => {
      const a = (await store.addSubscription(sub(c1, 'https://a.example/feed')))!;
      const b = (await store.addSubscription(sub(c2, 'https://a.example/feed')))!;
      await store.putFeedState({
        feedUrl: 'https://a.example/feed',
        etag: '"x"',
        lastModified: null,
        title: 'A',
        items: [],
        fetchedAt: 3,
      });
      await store.removeSubscription(c1, a.id);
      expect(await store.getFeedState('https://a.example/feed')).not.toBeNull();
      await store.removeSubscription(c2, b.id);
      expect(await store.getFeedState('https://a.example/feed')).toBeNull();
    });

    it('stores validators and items, and replaces them', async () => {
      expect(await store.getFeedState('https://a.example/feed')).toBeNull();
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
      await store.putFeedState({
        feedUrl: 'https://a.example/feed',
        etag: '"x"',
        lastModified: null,
        title: 'A',
        items: [item],
        fetchedAt: 3,
      });
      await store.putFeedState({
        feedUrl: 'https://a.example/feed',
        etag: '"y"',
        lastModified: 'Mon',
        title: 'A',
        items: [item, { ...item, key: 'g:2' }],
        fetchedAt: 4,
      });
      expect(await store.getFeedState('https://a.example/feed')).toMatchObject({
        etag: '"y"',
        lastModified: 'Mon',
        fetchedAt: 4,
      });
      expect((await store.getFeedState('https://a.example/feed'))!.items).toHaveLength(2);
    });
  });
});
