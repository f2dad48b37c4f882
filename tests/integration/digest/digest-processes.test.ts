import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createDigestScheduler,
  createDigestService,
  type DigestScheduler,
} from '../../../src/digest/index.js';
import { silentLogger } from '../../../src/logger.js';
import { openStore, type KyselyStore } from '../../../src/store/open-store.js';
import { channelA, startDigestHarness, type DigestHarness } from '../../helpers/digest-harness.js';
import { storyParagraphs } from '../../helpers/feed-server.js';
import { emptyDatabase, postgresAvailable, usePostgresDatabase } from '../../helpers/postgres.js';

/**
 * Two bot processes on one PostgreSQL database, each with its own store (pool), digest service
 * and scheduler, posting through one recording publisher: the scale-out the ledger's rules exist
 * for. (Two SQLite stores in one thread would wait on each other's lock synchronously: on SQLite,
 * one process per file is the deployment, and tests/unit/store/concurrent-writers covers its locks.)
 */
const MIN = 60_000;
const HOUR = 60 * MIN;
const day = Date.UTC(2025, 5, 2);

describe.skipIf(!postgresAvailable)('digests with two processes on one PostgreSQL database', () => {
  const database = usePostgresDatabase();
  let h: DigestHarness;
  let other: { store: KyselyStore; scheduler: DigestScheduler };
  const parents = () => h.publisher.posted.filter((p) => p.kind === 'parent');
  const replies = () => h.publisher.posted.filter((p) => p.kind === 'story');

  beforeEach(async () => {
    await emptyDatabase(database.url);
    h = await startDigestHarness({ start: day + 6 * HOUR, databaseUrl: database.url });
    const store = await openStore(h.config.store);
    const digest = createDigestService({
      config: h.config,
      service: h.service,
      store,
      logger: silentLogger,
      now: () => h.clock.now,
    });
    const scheduler = createDigestScheduler({
      digest,
      publishers: { slack: h.publisher },
      logger: silentLogger,
      now: () => h.clock.now,
    });
    other = { store, scheduler };
    h.feeds.setArticle('/a/1', 'Harbour tram opens', storyParagraphs('Harbour tram opens', 1));
    h.feeds.setArticle('/a/2', 'Council budget passes', storyParagraphs('Council budget passes', 2));
    h.feeds.setFeed('/feed.xml', {
      title: 'Feed',
      items: [
        { guid: 's-1', title: 'Harbour tram opens', link: h.feeds.url('/a/1'), published: h.clock.now - MIN },
        {
          guid: 's-2',
          title: 'Council budget passes',
          link: h.feeds.url('/a/2'),
          published: h.clock.now - MIN,
        },
      ],
    });
    await h.digest.subscribe({
      channel: channelA,
      feedUrl: h.feeds.url('/feed.xml'),
      time: '09:00',
      timezone: 'UTC',
      addedBy: 'U1',
    });
  });
  afterEach(async () => {
    await other.scheduler.stop();
    await other.store.close();
    await h.close();
  });

  it('sends one scheduled digest when both schedulers tick at the same moment, again and again', async () => {
    h.clock.now = day + 9 * HOUR;
    await Promise.all([h.scheduler.tick(), other.scheduler.tick()]);
    expect(parents()).toHaveLength(1);
    expect(replies()).toHaveLength(2);
    for (const m of [1, 2, 5]) {
      h.clock.now = day + 9 * HOUR + m * MIN;
      await Promise.all([h.scheduler.tick(), other.scheduler.tick(), h.scheduler.tick()]);
    }
    expect(h.publisher.posted).toHaveLength(3);
  });

  it('lets the other process resume a delivery whose process died, once its lease has run out', async () => {
    h.publisher.failNext('story', 'hang'); // this process dies while posting the first reply
    h.clock.now = day + 9 * HOUR;
    void h.scheduler.tick();
    // Stuck in the first reply: the parent is posted and recorded, the lease is this process's.
    await expect.poll(() => h.publisher.hanging).toBe(1);
    expect(parents()).toHaveLength(1);
    await h.restart(); // the dead process is gone; its replacement does not tick in this test
    // Still leased to the dead process: the other one cannot tell it from a slow one yet.
    h.clock.now = day + 9 * HOUR + MIN;
    await other.scheduler.tick();
    expect(replies()).toHaveLength(0);
    h.clock.now = day + 9 * HOUR + 3 * MIN;
    await other.scheduler.tick();
    expect(parents()).toHaveLength(1);
    expect(replies().map((r) => [r.parentRef, r.index])).toEqual([
      ['p1', 0],
      ['p1', 1],
    ]);
    expect(await other.store.pendingDeliveries(h.clock.now)).toEqual([]);
  });

  it('keeps a "now" in one process from being delivered by the other\'s scheduler at the same time', async () => {
    h.clock.now = day + 7 * HOUR;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slowPublisher = {
      postParent: async (d: Parameters<typeof h.publisher.postParent>[0]) => {
        await gate;
        return h.publisher.postParent(d);
      },
      postStory: h.publisher.postStory.bind(h.publisher),
    };
    const now = h.digest.runNow(channelA, slowPublisher);
    // The "now" is committed and its parent is on its way; the other scheduler sees a leased entry.
    await expect
      .poll(async () => (await other.store.db.selectFrom('digest_ledger').select('id').execute()).length)
      .toBe(1);
    await other.scheduler.tick();
    release();
    expect(await now).toMatchObject({ status: 'posted', stories: 2 });
    expect(parents()).toHaveLength(1);
    expect(replies()).toHaveLength(2);
  });
});
