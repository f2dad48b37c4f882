import { describe, expect, it } from 'vitest';
import {
  listContent,
  nowContent,
  removedContent,
  subscribedContent,
} from '../../../../adapters/discord/digest-notices.js';
import { MESSAGE_CONTENT_MAX } from '../../../../adapters/discord/limits.js';
import type { Subscription } from '../../../../src/digest/types.js';

const subscription = (id: number, overrides: Partial<Subscription> = {}): Subscription => ({
  id,
  channel: { platform: 'discord', workspaceId: '1', channelId: '2' },
  feedUrl: `https://feeds.example/${id}.xml`,
  feedTitle: `Feed ${id}`,
  time: '09:00',
  timezone: 'America/New_York',
  maxStories: 10,
  addedBy: '3',
  createdAt: 0,
  ...overrides,
});

describe('digest notices (Discord)', () => {
  it('confirm a subscription, with the channel’s old schedule when it moved', () => {
    expect(
      subscribedContent({
        subscription: subscription(2, { feedTitle: '**Bold** @everyone' }),
        feedTitle: '**Bold** @everyone',
        itemCount: 12_000,
        waiting: 3,
        itemLimit: 200,
        previousSchedule: { time: '08:00', timezone: 'UTC' },
      }),
    ).toBe(
      '✅ This channel now gets **\\*\\*Bold\\*\\* @\u200Deveryone** (12,000 items) every day at 09:00 (America/New\\_York), subscription #2. ' +
        '3 recent items wait for the first digest. Only its newest 200 items are read each time. ' +
        'The channel’s digest moved from 08:00 (UTC) to this time, for all its feeds.',
    );
  });

  it('list within one message, and answer removals', () => {
    const many = listContent(
      Array.from({ length: 100 }, (_, i) => subscription(i + 1, { feedTitle: 'y'.repeat(300) })),
    );
    expect(many.length).toBeLessThanOrEqual(MESSAGE_CONTENT_MAX);
    expect(many).toMatch(/\n…and \d+ more$/);
    expect(removedContent(null, 7)).toBe('This channel has no subscription #7. See `/digest list`.');
    expect(listContent([subscription(3, { feedUrl: 'https://f.example/rss?x=`@everyone`' })])).toBe(
      'This channel’s daily digest follows:\n- **#3** Feed 3 · 09:00 America/New\\_York · `https://f.example/rss?x=%60@everyone%60`',
    );
  });

  it('stay within a message when many feeds failed', () => {
    const failedFeeds = Array.from({ length: 40 }, (_, i) => ({
      feedUrl: `https://f${i}.example/`,
      title: 'z'.repeat(500),
      reason: 'r'.repeat(500),
    }));
    const text = nowContent({ status: 'posted', stories: 10, failedFeeds });
    expect(text.length).toBeLessThanOrEqual(MESSAGE_CONTENT_MAX);
    expect(text).toMatch(/^Posted the digest in this channel: 10 stories\. ⚠️ Could not read: /);
  });
});
