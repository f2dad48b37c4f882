import { afterEach, describe, expect, it } from 'vitest';
import { createPrometheusMetrics } from '../../../src/metrics/index.js';
import { channelA, startDigestHarness, type DigestHarness } from '../../helpers/digest-harness.js';
import { storyParagraphs } from '../../helpers/feed-server.js';

const MIN = 60_000;
const DAY = Date.UTC(2025, 5, 2);

let h: DigestHarness;
afterEach(() => h.close());

async function setup(metrics?: ReturnType<typeof createPrometheusMetrics>) {
  h = await startDigestHarness({ start: DAY + 8 * 60 * MIN, ...(metrics ? { metrics } : {}) });
  h.feeds.setArticle('/a/1', 'The harbour tram opens', storyParagraphs('The harbour tram opens', 1));
  h.feeds.setFeed('/feed.xml', {
    title: 'Feed',
    items: [
      {
        guid: 's-1',
        title: 'The harbour tram opens',
        link: h.feeds.url('/a/1'),
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
}

describe('stopping the digest scheduler with a deadline', () => {
  it('aborts a digest still composing when the deadline passes; the next run makes it', async () => {
    await setup();
    // The article never answers: the digest is composing when the shutdown comes.
    h.feeds.server.route('/a/1', { hang: true });
    h.clock.now = DAY + 9 * 60 * MIN;
    const tick = h.scheduler.tick();
    await expect.poll(() => h.feeds.count('/a/1')).toBe(1);

    const deadline = new AbortController();
    const stopping = h.scheduler.stop({ deadline: deadline.signal });
    deadline.abort();
    expect(await stopping).toEqual({ finished: 0, aborted: 1, rejected: 0 });
    await tick;
    expect(h.publisher.posted).toEqual([]);
    expect(await h.store.hasScheduledDigest(channelA, '2025-06-02')).toBe(false);

    // The next process (after the restart) composes and posts it the same day.
    h.feeds.setArticle('/a/1', 'The harbour tram opens', storyParagraphs('The harbour tram opens', 1));
    await h.restart();
    await h.scheduler.tick();
    expect(h.publisher.posted.filter((p) => p.kind === 'parent')).toHaveLength(1);
  });

  it('lets a running tick finish when it ends before the deadline, and counts it', async () => {
    await setup();
    h.clock.now = DAY + 9 * 60 * MIN;
    const tick = h.scheduler.tick();
    const counts = await h.scheduler.stop({ deadline: AbortSignal.timeout(60_000) });
    await tick;
    expect(counts).toEqual({ finished: 1, aborted: 0, rejected: 0 });
    expect(h.publisher.posted.filter((p) => p.kind === 'parent')).toHaveLength(1);
  });
});

describe('digest metrics', () => {
  it('counts digests posted, delivery failures and feeds that could not be read', async () => {
    const metrics = createPrometheusMetrics({ defaultMetrics: false });
    await setup(metrics);
    await h.digest
      .subscribe({
        channel: channelA,
        feedUrl: h.feeds.url('/missing.xml'),
        time: '09:00',
        timezone: 'UTC',
        addedBy: 'U1',
      })
      .catch(() => undefined);
    h.publisher.failNext('parent', 'throw');
    h.clock.now = DAY + 9 * 60 * MIN;
    await h.scheduler.tick();
    // The ledger retries the delivery later.
    h.clock.now = DAY + 10 * 60 * MIN;
    await h.scheduler.tick();
    const text = await metrics.render();
    expect(text).toContain('brief_digest_failures_total{platform="slack"} 1');
    expect(text).toContain('brief_digest_posts_total{platform="slack"} 1');
    expect(text).toContain('brief_feed_fetch_failures_total{reason="fetch_http"} 1');
  });
});
