import { describe, expect, it } from 'vitest';
import { parseFeedText } from '../../../src/digest/parse-feed.js';
import { BriefError } from '../../../src/errors.js';
import { atomXml, jsonFeed, rdfXml, rssXml, type FeedDoc } from '../../helpers/feed-server.js';

const FEED = 'https://news.example/feed';
const NOW = Date.UTC(2025, 5, 2, 12);
const doc: FeedDoc = {
  title: 'News & Views',
  items: [
    {
      guid: 'b',
      title: 'Older <b>story</b>',
      link: 'https://news.example/b',
      published: NOW - 7_200_000,
      description: '<p>Second &amp; last</p>',
    },
    { guid: 'a', title: 'Newest story', link: '/a', published: NOW - 3_600_000, content: '<p>Body</p>' },
  ],
};

describe('parseFeedText', () => {
  it.each([
    ['rss', rssXml],
    ['atom', atomXml],
    ['rdf', rdfXml],
    ['json', jsonFeed],
  ] as const)('reads %s: title, items newest first, absolute links, plain-text titles', (_, render) => {
    const feed = parseFeedText(render(doc), FEED, NOW, 200);
    expect(feed.title).toBe('News & Views');
    expect(feed.totalItems).toBe(2);
    expect(feed.items.map((i) => i.link)).toEqual(['https://news.example/a', 'https://news.example/b']);
    expect(feed.items.map((i) => i.publishedAt)).toEqual([NOW - 3_600_000, NOW - 7_200_000]);
    expect(feed.items[1]!.title).toBe('Older story');
    expect(feed.items.every((i) => i.firstSeenAt === NOW)).toBe(true);
  });

  it('keeps summaries as plain text and content as HTML', () => {
    const [a, b] = parseFeedText(rssXml(doc), FEED, NOW, 200).items;
    expect(b!.summary).toBe('Second & last');
    expect(a!.content).toBe('<p>Body</p>');
  });

  it('keeps only the newest maxItems', () => {
    const many: FeedDoc = {
      title: 'Many',
      items: Array.from({ length: 50 }, (_, i) => ({
        guid: `${i}`,
        title: `Item ${i}`,
        published: NOW - (50 - i) * 1000,
      })),
    };
    const feed = parseFeedText(rssXml(many), FEED, NOW, 10);
    expect(feed.totalItems).toBe(50);
    expect(feed.items.map((i) => i.title)).toEqual(Array.from({ length: 10 }, (_, k) => `Item ${49 - k}`));
  });

  it('drops repeated items and never keys items on a link they all share', () => {
    const shared: FeedDoc = {
      title: 'Home links',
      items: [
        { title: 'One', link: 'https://news.example/' },
        { title: 'Two', link: 'https://news.example/' },
        { guid: 'x', title: 'Three' },
        { guid: 'x', title: 'Three again' },
      ],
    };
    const items = parseFeedText(rssXml(shared), FEED, NOW, 200).items;
    expect(items.map((i) => i.title)).toEqual(['One', 'Two', 'Three']);
    expect(items[0]!.sharedLink).toBe(true);
    expect(items[0]!.key).not.toBe(items[1]!.key);
  });

  it.each([
    ['<!doctype html><html><body>Hi</body></html>', /web page, not a feed/],
    ['just some text', /does not hold an RSS/],
    [
      '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>a</item></channel></rss>',
      /malformed/,
    ],
  ])('refuses %j with not_feed', (text, message) => {
    let error: unknown;
    try {
      parseFeedText(text, FEED, NOW, 200);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(BriefError);
    expect((error as BriefError).code).toBe('not_feed');
    expect((error as BriefError).userMessage).toMatch(message);
  });

  it('maps at most 1,000 items of a huge feed but still counts them', () => {
    const huge: FeedDoc = {
      title: 'Huge',
      items: Array.from({ length: 5000 }, (_, i) => ({
        guid: `${i}`,
        title: `Item ${i}`,
        published: NOW - i * 1000,
      })),
    };
    const feed = parseFeedText(rssXml(huge), FEED, NOW, 200);
    expect(feed.totalItems).toBe(5000);
    expect(feed.items).toHaveLength(200);
    expect(feed.items[0]!.title).toBe('Item 0');
  });
});
