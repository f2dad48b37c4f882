import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectBriefError } from '../../helpers/brief-error.js';
import { channelA, channelB, startDigestHarness, type DigestHarness } from '../../helpers/digest-harness.js';
import { storyParagraphs, type FeedDocItem } from '../../helpers/feed-server.js';

const HOUR = 3_600_000;
let h: DigestHarness;
beforeEach(async () => {
  h = await startDigestHarness();
  h.feeds.setFeed('/ok.xml', {
    title: 'Ok Feed',
    items: [
      {
        guid: '1',
        title: 'Fresh story about trams',
        link: h.feeds.url('/a/1'),
        published: h.clock.now - HOUR,
      },
    ],
  });
});
afterEach(() => h.close());

const add = (feedPath: string, extra: { time?: string; timezone?: string } = {}, channel = channelA) =>
  h.digest.subscribe({
    channel,
    feedUrl: feedPath.startsWith('/') ? h.feeds.url(feedPath) : feedPath,
    addedBy: 'U1',
    ...extra,
  });

describe('digest add: bad input gets a clear message', () => {
  it('refuses what is not a URL, and private addresses', async () => {
    await expectBriefError(add('not a link'), 'url_invalid', /does not look like a web address/);
    await expectBriefError(add('http://10.0.0.7/feed.xml'), 'url_refused');
    await expectBriefError(add('ftp://example.com/feed.xml'), 'url_refused', /only http and https/);
    expect(await h.digest.list(channelA)).toEqual([]);
  });

  it('refuses a web page, malformed XML, a JSON document that is no feed, and a 404', async () => {
    h.feeds.setRaw('/page', '<!doctype html><html><body><p>Hello</p></body></html>', 'text/html');
    h.feeds.setRaw(
      '/broken.xml',
      '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>a</item>',
      'text/xml',
    );
    h.feeds.setRaw('/data.json', '{"hello": "world"}', 'application/json');
    h.feeds.setRaw('/image', 'GIF89a\u0000\u0001', 'image/gif');
    await expectBriefError(add('/page'), 'not_feed', /web page, not a feed/);
    await expectBriefError(add('/broken.xml'), 'not_feed', /malformed/);
    await expectBriefError(add('/data.json'), 'not_feed', /does not hold an RSS, Atom, RDF or JSON feed/);
    await expectBriefError(add('/image'), 'not_feed', /not a feed/);
    await expectBriefError(add('/missing.xml'), 'fetch_http', /404/);
    expect(await h.digest.list(channelA)).toEqual([]);
  });

  it('refuses 25:00, 9:5 and an unknown time zone, before fetching anything', async () => {
    const before = h.feeds.count('/ok.xml');
    await expectBriefError(add('/ok.xml', { time: '25:00' }), 'invalid_schedule', /HH:MM/);
    await expectBriefError(add('/ok.xml', { time: '9:5' }), 'invalid_schedule');
    await expectBriefError(add('/ok.xml', { timezone: 'Mars/Olympus_Mons' }), 'invalid_schedule', /IANA/);
    await expectBriefError(add('/ok.xml', { timezone: '+02:00' }), 'invalid_schedule');
    expect(h.feeds.count('/ok.xml')).toBe(before);
  });

  it('refuses the same feed twice in a channel, but another channel may follow it', async () => {
    await add('/ok.xml');
    await expectBriefError(
      add('/ok.xml'),
      'already_subscribed',
      /already follows that feed \(subscription \d+\)/,
    );
    await expect(add('/ok.xml', {}, channelB)).resolves.toMatchObject({ feedTitle: 'Ok Feed' });
  });
});

describe('digest add: schedules and feed formats', () => {
  it('accepts 9:05 and a lower-case zone, and gives the channel one schedule', async () => {
    h.feeds.setFeed('/two.xml', { title: 'Two', items: [] });
    const first = await add('/ok.xml', { time: '9:05', timezone: 'europe/berlin' });
    expect(first.subscription).toMatchObject({ time: '09:05', timezone: 'Europe/Berlin' });
    expect(first.previousSchedule).toBeUndefined();
    // A second feed without a time joins the channel's schedule.
    const second = await add('/two.xml');
    expect(second.subscription).toMatchObject({ time: '09:05', timezone: 'Europe/Berlin' });
    // A third with a new time moves the whole channel.
    h.feeds.setFeed('/three.xml', { title: 'Three', items: [] });
    const third = await add('/three.xml', { time: '18:30', timezone: 'UTC' });
    expect(third.previousSchedule).toEqual({ time: '09:05', timezone: 'Europe/Berlin' });
    expect((await h.digest.list(channelA)).map((s) => `${s.time} ${s.timezone}`)).toEqual(
      Array(3).fill('18:30 UTC'),
    );
    expect((await h.digest.remove(channelA, second.subscription.id))?.feedTitle).toBe('Two');
    expect(await h.digest.remove(channelA, second.subscription.id)).toBeNull();
    expect(await h.digest.remove(channelB, first.subscription.id)).toBeNull();
    expect(await h.digest.list(channelA)).toHaveLength(2);
  });

  it.each(['rss', 'atom', 'rdf', 'json'] as const)('reads a %s feed', async (format) => {
    h.feeds.setArticle('/a/1', 'Fresh story about trams', storyParagraphs('The tram', 1));
    const feedItems: FeedDocItem[] = [
      {
        guid: 'n1',
        title: 'Fresh story about trams',
        link: h.feeds.url('/a/1'),
        published: h.clock.now - HOUR,
      },
      {
        guid: 'n2',
        title: 'Old story about buses',
        link: h.feeds.url('/a/2'),
        published: h.clock.now - 72 * HOUR,
      },
    ];
    h.feeds.setFeed(`/f.${format}`, { title: `A ${format} feed`, items: feedItems }, format);
    const result = await add(`/f.${format}`);
    expect(result).toMatchObject({ feedTitle: `A ${format} feed`, itemCount: 2, waiting: 1 });
    expect(await h.digest.runNow(channelA, h.publisher)).toMatchObject({ status: 'posted', stories: 1 });
  });

  it('reads only the newest items of a 10,000-item feed, and says so', async () => {
    const start = h.clock.now;
    const items: FeedDocItem[] = Array.from({ length: 10_000 }, (_, i) => ({
      guid: `big-${i}`,
      title: `Item number ${i} of the very long feed`,
      link: h.feeds.url(`/big/${i}`),
      published: start - i * 60_000,
    }));
    h.feeds.setFeed('/big.xml', { title: 'Huge', items });
    const t = performance.now();
    const result = await add('/big.xml');
    expect(performance.now() - t).toBeLessThan(10_000);
    expect(result).toMatchObject({ feedTitle: 'Huge', itemCount: 10_000, itemLimit: 200 });
    expect(result.waiting).toBe(200); // the newest 200 are all from the last day (200 minutes)
    const now = await h.digest.runNow(channelA, h.publisher);
    expect(now).toMatchObject({ status: 'posted', stories: 10 });
    const parent = h.publisher.posted[0]!;
    expect(parent.kind === 'parent' && parent.headlines[0]).toBe('Item number 0 of the very long feed');
    // The other 190 were consumed with the digest, not left for tomorrow.
    expect(await h.digest.runNow(channelA, h.publisher)).toMatchObject({ status: 'nothing_new' });
  });

  it('says when a channel without feeds asks for a digest', async () => {
    await expectBriefError(h.digest.runNow(channelA, h.publisher), 'usage', /follows no feeds/);
  });
});
