import { describe, expect, it } from 'vitest';
import {
  digestDateLabel,
  failedFeedName,
  linkTarget,
  sourceName,
} from '../../../src/render/digest-labels.js';

describe('digest labels', () => {
  it('names the local date as a calendar day, whatever zone the server runs in', () => {
    expect(digestDateLabel('2025-03-30')).toBe('Sunday, March 30, 2025');
    expect(digestDateLabel('2024-02-29')).toBe('Thursday, February 29, 2024');
    expect(digestDateLabel('not a date')).toBe('not a date');
  });

  it('names sources by feed title, else by site', () => {
    expect(sourceName({ url: 'https://www.news.example/a', feedTitle: '  World  ' })).toBe('World');
    expect(sourceName({ url: 'https://www.news.example/a', feedTitle: null })).toBe('news.example');
    expect(sourceName({ url: 'nonsense', feedTitle: '' })).toBe('link');
    expect(failedFeedName({ feedUrl: 'https://down.example/rss', title: null, reason: 'x' })).toBe(
      'down.example',
    );
  });

  it.each([
    ['https://a.example/x', 'https://a.example/x'],
    ['http://a.example', 'http://a.example/'],
    ['javascript:alert(1)', null],
    ['data:text/html,hi', null],
    ['https://user:pw@a.example/', null],
    ['', null],
    [null, null],
  ])('link target of %j is %j', (raw, expected) => {
    expect(linkTarget(raw)).toBe(expected);
  });
});
