import { describe, expect, it } from 'vitest';
import { canonicalLink, itemIdentity } from '../../../src/digest/item-identity.js';

describe('canonicalLink', () => {
  it.each([
    ['https://News.Example/a?utm_source=rss&utm_medium=feed', 'https://news.example/a'],
    ['https://news.example/a?id=7&fbclid=x&gclid=y#comments', 'https://news.example/a?id=7'],
    ['https://news.example/a?mc_cid=1&mc_eid=2&ref=hn&b=2&a=1', 'https://news.example/a?a=1&b=2'],
    ['https://news.example/a?', 'https://news.example/a'],
    ['https://news.example./a', 'https://news.example/a'],
    ['HTTPS://NEWS.EXAMPLE/Path/Keeps/Case', 'https://news.example/Path/Keeps/Case'],
  ])('%s => %s', (raw, canonical) => {
    expect(canonicalLink(raw)).toBe(canonical);
  });

  it('keeps parameters that choose the content', () => {
    expect(canonicalLink('https://news.example/story?id=42&page=2')).toBe(
      'https://news.example/story?id=42&page=2',
    );
  });

  it('returns null for what is not an http(s) link', () => {
    expect(canonicalLink('mailto:a@b.c')).toBeNull();
    expect(canonicalLink('not a url')).toBeNull();
    expect(canonicalLink('')).toBeNull();
    expect(canonicalLink(null)).toBeNull();
  });
});

describe('itemIdentity', () => {
  const feed = 'https://news.example/feed.xml';

  it('uses the guid, namespaced by feed, and keeps the canonical link as a second key', () => {
    const a = itemIdentity(feed, { guid: '123', link: 'https://news.example/a?utm_source=x' });
    const b = itemIdentity('https://other.example/rss', { guid: '123', link: 'https://other.example/b' });
    expect(a.key).toMatch(/^g:/);
    expect(a.key).not.toBe(b.key);
    expect(a.linkKey).toBe('l:https://news.example/a');
  });

  it('ignores changes of link or date when the guid stays', () => {
    const a = itemIdentity(feed, { guid: 'x', link: 'https://news.example/a', title: 'One' });
    const b = itemIdentity(feed, {
      guid: 'x',
      link: 'https://news.example/a-updated',
      title: 'One (updated)',
    });
    expect(a.key).toBe(b.key);
  });

  it('falls back to the canonical link: tracking parameters and fragments do not make a new item', () => {
    const a = itemIdentity(feed, { link: 'https://news.example/a?utm_campaign=1#top' });
    const b = itemIdentity(feed, { link: 'https://NEWS.example/a' });
    expect(a).toEqual(b);
    expect(a.key).toBe('l:https://news.example/a');
  });

  it('falls back to a hash of title and link', () => {
    const a = itemIdentity(feed, { title: 'Only a title' });
    expect(a.key).toMatch(/^h:[0-9a-f]{32}$/);
    expect(a.linkKey).toBeNull();
    expect(itemIdentity(feed, { title: 'Only a title' })).toEqual(a);
    expect(itemIdentity(feed, { title: 'Another title' }).key).not.toBe(a.key);
  });

  it('does not key items on a link every item of the feed shares', () => {
    const a = itemIdentity(feed, { link: 'https://news.example/', title: 'One' }, true);
    const b = itemIdentity(feed, { link: 'https://news.example/', title: 'Two' }, true);
    expect(a.key).not.toBe(b.key);
    expect(a.linkKey).toBeNull();
  });
});
