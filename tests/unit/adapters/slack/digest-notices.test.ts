import { describe, expect, it } from 'vitest';
import { MAX_SECTION_TEXT } from '../../../../adapters/slack/limits.js';
import {
  listText,
  nowResultText,
  removedText,
  subscribedText,
} from '../../../../adapters/slack/render/digest-notices.js';
import type { SubscribeResult, Subscription } from '../../../../src/digest/types.js';

const subscription = (id: number, overrides: Partial<Subscription> = {}): Subscription => ({
  id,
  channel: { platform: 'slack', workspaceId: 'T1', channelId: 'C1' },
  feedUrl: `https://feeds.example/${id}.xml`,
  feedTitle: `Feed ${id}`,
  time: '09:00',
  timezone: 'Europe/Berlin',
  maxStories: 10,
  addedBy: 'U1',
  createdAt: 0,
  ...overrides,
});

describe('digest notices (Slack)', () => {
  it('confirm a subscription with the feed, its size, the schedule and what happens next', () => {
    const result: SubscribeResult = {
      subscription: subscription(4),
      feedTitle: 'Feed 4',
      itemCount: 1,
      waiting: 1,
    };
    expect(subscribedText(result)).toBe(
      '✅ This channel now gets *Feed 4* (1 item) every day at 09:00 (Europe/Berlin), subscription #4. 1 recent item waits for the first digest.',
    );
  });

  it('say when only the newest items of a long feed are read, and when the channel’s time moved', () => {
    const text = subscribedText({
      subscription: subscription(5, { time: '07:30', timezone: 'UTC' }),
      feedTitle: 'Big',
      itemCount: 10_000,
      waiting: 0,
      itemLimit: 200,
      previousSchedule: { time: '09:00', timezone: 'Europe/Berlin' },
    });
    expect(text).toContain('(10,000 items)');
    expect(text).toContain('Older items are skipped; new ones will come in the next digest.');
    expect(text).toContain('Only its newest 200 items are read each time.');
    expect(text).toContain('moved from 09:00 (Europe/Berlin) to this time, for all its feeds.');
  });

  it('escape what feeds call themselves', () => {
    const text = subscribedText({
      subscription: subscription(6, { feedTitle: '<!channel> & <@U1>' }),
      feedTitle: '<!channel> & <@U1>',
      itemCount: 2,
      waiting: 0,
    });
    expect(text).toContain('*&lt;!channel&gt; &amp; &lt;@U1&gt;*');
    expect(removedText(subscription(6, { feedTitle: '<!here>' }), 6)).toBe(
      'Removed #6: &lt;!here&gt; no longer comes to this channel.',
    );
  });

  it('list every feed while they fit in one section, then say how many more', () => {
    expect(listText([])).toMatch(/follows no feeds yet/);
    const few = listText([subscription(1), subscription(2, { feedTitle: null })]);
    expect(few.split('\n')).toEqual([
      'This channel’s daily digest follows:',
      '• *#1* Feed 1 — 09:00 Europe/Berlin — https://feeds.example/1.xml',
      '• *#2* https://feeds.example/2.xml — 09:00 Europe/Berlin — https://feeds.example/2.xml',
    ]);
    const many = listText(
      Array.from({ length: 200 }, (_, i) => subscription(i + 1, { feedTitle: 'x'.repeat(500) })),
    );
    expect(many.length).toBeLessThanOrEqual(MAX_SECTION_TEXT);
    expect(many).toMatch(/\n…and \d+ more$/);
  });

  it('tell the user privately only when nothing was posted', () => {
    expect(nowResultText({ status: 'posted', stories: 3, failedFeeds: [] })).toBeNull();
    expect(
      nowResultText({
        status: 'nothing_new',
        failedFeeds: [{ feedUrl: 'https://down.example/rss', title: null, reason: 'It answered 500.' }],
      }),
    ).toBe(
      'Nothing new since the last digest, so I posted nothing. ⚠️ Could not read: down.example (It answered 500.)',
    );
  });
});
