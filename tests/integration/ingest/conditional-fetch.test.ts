import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BriefError } from '../../../src/errors.js';
import { safeFetch, type FetchPolicy } from '../../../src/ingest/index.js';
import { startFeedServer, type FeedServer } from '../../helpers/feed-server.js';

let server: FeedServer;
let policy: FetchPolicy;
beforeEach(async () => {
  server = await startFeedServer();
  policy = {
    allowHosts: [{ host: '127.0.0.1', port: server.port }],
    timeoutMs: 5000,
    maxBytes: 1 << 20,
    maxRedirects: 3,
  };
  server.setFeed('/feed.xml', { title: 'F', items: [{ guid: '1', title: 'One' }] });
});
afterEach(() => server.close());

describe('safe fetch for feeds', () => {
  it('accepts feed media types only when asked, and returns the validators', async () => {
    await expect(safeFetch(server.url('/feed.xml'), { policy })).rejects.toMatchObject({
      code: 'not_article',
    });
    const page = await safeFetch(server.url('/feed.xml'), { policy }, undefined, { accept: 'feed' });
    expect(page.notModified).toBe(false);
    expect(page.body.toString()).toContain('<rss');
    expect(page.etag).toMatch(/^"[0-9a-f]+"$/);
    expect(page.lastModified).toMatch(/GMT$/);
    expect(server.server.requests.at(-1)!.headers.accept).toMatch(/application\/rss\+xml/);
  });

  it('answers 304 without a body when the validators still match, and 200 once the feed changed', async () => {
    const first = await safeFetch(server.url('/feed.xml'), { policy }, undefined, { accept: 'feed' });
    const conditional = {
      accept: 'feed' as const,
      ifNoneMatch: first.etag,
      ifModifiedSince: first.lastModified,
    };
    const again = await safeFetch(server.url('/feed.xml'), { policy }, undefined, conditional);
    expect(again).toMatchObject({ status: 304, notModified: true, etag: first.etag });
    expect(again.body.length).toBe(0);
    expect(server.server.requests.at(-1)!.headers['if-none-match']).toBe(first.etag);
    expect(server.notModified('/feed.xml')).toBe(1);

    server.setFeed('/feed.xml', { title: 'F', items: [{ guid: '2', title: 'Two' }] });
    const changed = await safeFetch(server.url('/feed.xml'), { policy }, undefined, conditional);
    expect(changed.notModified).toBe(false);
    expect(changed.etag).not.toBe(first.etag);
  });

  it('still refuses images and loopback addresses that are not allow-listed', async () => {
    server.setRaw('/img', 'GIF89a', 'image/gif');
    await expect(
      safeFetch(server.url('/img'), { policy }, undefined, { accept: 'feed' }),
    ).rejects.toBeInstanceOf(BriefError);
    await expect(
      safeFetch(server.url('/feed.xml'), { policy: { ...policy, allowHosts: [] } }, undefined, {
        accept: 'feed',
      }),
    ).rejects.toMatchObject({ code: 'url_refused' });
  });
});
