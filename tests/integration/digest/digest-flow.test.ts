import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FeedDocItem } from '../../helpers/feed-server.js';
import { storyParagraphs } from '../../helpers/feed-server.js';
import { channelA, channelB, startDigestHarness, type DigestHarness } from '../../helpers/digest-harness.js';

const HOUR = 3_600_000;
const T0 = Date.UTC(2025, 5, 2, 6, 0); // Monday 2 June 2025, 06:00 UTC

let h: DigestHarness;
let items: FeedDocItem[];

const story = (n: number, ageHours: number, subject: string): FeedDocItem => {
  h.feeds.setArticle(`/a/${n}`, subject, storyParagraphs(subject, n));
  return {
    guid: `city-${n}`,
    title: subject,
    link: h.feeds.url(`/a/${n}?utm_source=rss`),
    description: `${subject}: what the council decided and what it will cost.`,
    published: T0 - ageHours * HOUR,
  };
};
const publish = () => h.feeds.setFeed('/news.xml', { title: 'City News', items });
const parents = () => h.publisher.posted.filter((p) => p.kind === 'parent');
const replies = () => h.publisher.posted.filter((p) => p.kind === 'story');

beforeEach(async () => {
  h = await startDigestHarness({ start: T0 });
  items = [
    story(1, 2, 'New tram line for the harbour district'),
    story(2, 5, 'Library opening hours extended to midnight'),
    story(3, 9, 'Bridge repairs close the river road in July'),
    story(4, 50, 'Old story about the park fountain'),
    story(5, 80, 'Older story about a school roof'),
  ];
  publish();
});
afterEach(() => h.close());

describe('digest: add, now, now again, new item, restart', () => {
  it('posts only what is new, once, across a restart', async () => {
    const added = await h.digest.subscribe({
      channel: channelA,
      feedUrl: h.feeds.url('/news.xml'),
      addedBy: 'U1',
    });
    expect(added).toMatchObject({ feedTitle: 'City News', itemCount: 5, waiting: 3 });
    expect(added.subscription).toMatchObject({ time: '09:00', timezone: 'UTC', maxStories: 10 });
    expect((await h.digest.list(channelA)).map((s) => s.id)).toEqual([added.subscription.id]);

    // now: a parent and one reply per story, replies threaded under the parent.
    const first = await h.digest.runNow(channelA, h.publisher);
    expect(first).toEqual({ status: 'posted', stories: 3, failedFeeds: [] });
    expect(parents()).toHaveLength(1);
    expect([...parents()[0]!.headlines].sort()).toEqual(
      [
        'Bridge repairs close the river road in July',
        'Library opening hours extended to midnight',
        'New tram line for the harbour district',
      ].sort(),
    );
    // Newest first.
    expect(parents()[0]!.headlines[0]).toBe('New tram line for the harbour district');
    expect(replies().map((r) => [r.parentRef, r.index])).toEqual([
      ['p1', 0],
      ['p1', 1],
      ['p1', 2],
    ]);
    const s0 = parents()[0]!.digest.stories[0]!;
    expect(s0.brief.extraction.status).toBe('ok');
    expect(s0.line.length).toBeGreaterThan(20);
    expect(s0.line.length).toBeLessThanOrEqual(200);
    expect(s0.sources[0]!.feedTitle).toBe('City News');

    // now again: nothing new, nothing posted.
    h.clock.now += 10 * 60_000;
    expect(await h.digest.runNow(channelA, h.publisher)).toEqual({ status: 'nothing_new', failedFeeds: [] });
    expect(h.publisher.posted).toHaveLength(4);
    expect(h.feeds.notModified('/news.xml')).toBeGreaterThanOrEqual(1);

    // A new item (and an old one the feed re-dated): only the new one.
    h.clock.now += HOUR;
    items = [
      { ...story(6, -1, 'Council approves a new cycle bridge'), published: h.clock.now - 60_000 },
      { ...items[0]!, published: h.clock.now },
      ...items.slice(1),
    ];
    publish();
    expect(await h.digest.runNow(channelA, h.publisher)).toMatchObject({ status: 'posted', stories: 1 });
    expect(parents()[1]!.headlines).toEqual(['Council approves a new cycle bridge']);

    // Restart: a new process over the same database posts nothing again.
    await h.restart();
    h.clock.now += 5 * 60_000;
    expect(await h.digest.runNow(channelA, h.publisher)).toMatchObject({ status: 'nothing_new' });
    expect(parents()).toHaveLength(2);
    expect(replies()).toHaveLength(4);
  });

  it('merges the same story from two feeds into one with both sources', async () => {
    h.feeds.setFeed('/other.xml', {
      title: 'Harbour Times',
      items: [{ ...items[0]!, guid: 'ht-77', link: h.feeds.url('/a/1?utm_medium=social#top') }],
    });
    await h.digest.subscribe({ channel: channelA, feedUrl: h.feeds.url('/news.xml'), addedBy: 'U1' });
    await h.digest.subscribe({ channel: channelA, feedUrl: h.feeds.url('/other.xml'), addedBy: 'U1' });
    expect(await h.digest.runNow(channelA, h.publisher)).toMatchObject({ status: 'posted', stories: 3 });
    const merged = parents()[0]!.digest.stories.find((s) => s.headline.startsWith('New tram'))!;
    expect(merged.sources.map((s) => s.feedTitle).sort()).toEqual(['City News', 'Harbour Times']);
  });

  it('names a broken feed beside a good one and still posts the good one', async () => {
    h.feeds.setFeed('/second.xml', { title: 'Second', items: [story(9, 1, 'Ferry timetable changes')] });
    await h.digest.subscribe({ channel: channelB, feedUrl: h.feeds.url('/news.xml'), addedBy: 'U1' });
    await h.digest.subscribe({ channel: channelB, feedUrl: h.feeds.url('/second.xml'), addedBy: 'U1' });
    h.feeds.setRaw(
      '/second.xml',
      '<rss version="2.0"><channel><title>x</title><item><title>a</item>',
      'application/rss+xml',
    );
    const result = await h.digest.runNow(channelB, h.publisher);
    expect(result).toMatchObject({ status: 'posted', stories: 3 });
    expect(result.failedFeeds).toEqual([
      {
        feedUrl: h.feeds.url('/second.xml'),
        title: 'Second',
        reason: expect.stringMatching(/malformed/) as unknown,
      },
    ]);
    expect(parents()[0]!.digest.failedFeeds).toHaveLength(1);

    // The broken feed's items were not consumed: once it is fixed, its story comes.
    h.feeds.setFeed('/second.xml', { title: 'Second', items: [story(9, 1, 'Ferry timetable changes')] });
    expect(await h.digest.runNow(channelB, h.publisher)).toMatchObject({
      status: 'posted',
      stories: 1,
      failedFeeds: [],
    });
    expect(parents()[1]!.headlines).toEqual(['Ferry timetable changes']);
  });

  it('briefs from the feed item when the article cannot be fetched', async () => {
    items = [
      {
        ...story(1, 1, 'Night market returns to the old square'),
        link: h.feeds.url('/gone'),
        content: `<p>${storyParagraphs('The night market', 3).join('</p><p>')}</p>`,
      },
    ];
    publish();
    await h.digest.subscribe({ channel: channelA, feedUrl: h.feeds.url('/news.xml'), addedBy: 'U1' });
    await h.digest.runNow(channelA, h.publisher);
    const s = parents()[0]!.digest.stories[0]!;
    expect(s.headline).toBe('Night market returns to the old square');
    expect(s.brief.summary.join(' ')).toMatch(/night market/i);
  });
});
