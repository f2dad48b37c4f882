import { describe, expect, it } from 'vitest';
import { clusterCandidates, sameStory, tokens, type Candidate } from '../../../src/digest/cluster.js';
import type { FeedItem } from '../../../src/digest/feed-item.js';
import { itemIdentity } from '../../../src/digest/item-identity.js';

const HOUR = 3_600_000;
const NOW = Date.UTC(2025, 5, 2, 12);

const candidate = (
  feedUrl: string,
  title: string,
  link: string | null,
  ageHours: number,
  summary: string | null = null,
): Candidate => {
  const item: FeedItem = {
    ...itemIdentity(feedUrl, { guid: `${feedUrl}#${title}`, link, title }),
    title,
    link,
    sharedLink: false,
    summary,
    content: null,
    publishedAt: NOW - ageHours * HOUR,
    firstSeenAt: NOW,
  };
  return { item, feedUrl, feedTitle: feedUrl };
};

describe('sameStory', () => {
  const f = (title: string, body = '') => ({ title: tokens(title), body: tokens(body) });

  it('matches near-identical headlines', () => {
    expect(
      sameStory(
        f('Council approves new tram line for harbour'),
        f('Council approves new tram line for the harbour district'),
      ),
    ).toBe(true);
  });

  it('does not match different stories that share a few words', () => {
    expect(sameStory(f('Council approves new tram line'), f('Council rejects new stadium plan'))).toBe(false);
  });

  it('never matches short generic headlines on words alone', () => {
    expect(sameStory(f('Live updates'), f('Live updates'))).toBe(false);
  });

  it('needs the content to agree when both have some', () => {
    const body1 =
      'The city council voted seven to two on Tuesday to build a tram line through the harbour district at a cost of 300 million.';
    const body2 =
      'A celebrity chef opened a restaurant on the harbour front, serving seafood and local wine to crowds of visitors all weekend.';
    const title = 'Harbour district gets big new investment this year';
    expect(sameStory(f(title, body1), f(title, body1.replace('Tuesday', 'Monday')))).toBe(true);
    expect(sameStory(f(title, body1), f(title, body2))).toBe(false);
  });
});

describe('clusterCandidates', () => {
  it('merges the same link from two feeds and the same headline from two sites', () => {
    const clusters = clusterCandidates([
      candidate(
        'feed-a',
        'Tram line approved for the harbour district',
        'https://a.example/tram?utm_source=rss',
        2,
      ),
      candidate('feed-b', 'Harbour tram: council says yes', 'https://a.example/tram', 3),
      candidate('feed-c', 'Tram line approved for the harbour district', 'https://c.example/news/991', 1),
      candidate('feed-a', 'Library opens until midnight', 'https://a.example/library', 1),
    ]);
    expect(clusters).toHaveLength(2);
    const tram = clusters.find((c) => c.members.length === 3)!;
    expect(tram.feeds).toBe(3);
    // The earliest report is the one briefed.
    expect(tram.members[0]!.item.link).toBe('https://a.example/tram');
  });

  it('ranks by recency, with each extra source worth half a day', () => {
    const ranked = clusterCandidates([
      candidate('a', 'Fresh single source story here', 'https://x.example/1', 1),
      candidate('a', 'Widely carried story from this morning', 'https://x.example/2', 6),
      candidate('b', 'Widely carried story from this morning', 'https://y.example/2', 6),
      candidate('c', 'Widely carried story from this morning', 'https://z.example/2', 6),
      candidate('a', 'Older single source story here', 'https://x.example/3', 20),
    ]);
    expect(ranked.map((c) => c.members[0]!.item.title)).toEqual([
      'Widely carried story from this morning',
      'Fresh single source story here',
      'Older single source story here',
    ]);
  });

  it('does not trust a date later than when the item was first seen', () => {
    // Dated next week, but we have known it for five hours: it counts as five hours old.
    const future = candidate('a', 'Story dated next week for clicks', 'https://x.example/f', -24 * 7);
    future.item.firstSeenAt = NOW - 5 * HOUR;
    const ranked = clusterCandidates([
      candidate('a', 'Genuinely fresh story today', 'https://x.example/g', 0.5),
      future,
    ]);
    expect(ranked[0]!.members[0]!.item.title).toBe('Genuinely fresh story today');
  });
});
