import { afterEach, describe, expect, it } from 'vitest';
import { createDigestScheduler } from '../../../src/digest/index.js';
import { channelA, startDigestHarness, type DigestHarness } from '../../helpers/digest-harness.js';
import { storyParagraphs, type FeedDocItem } from '../../helpers/feed-server.js';

const MIN = 60_000;
const HOUR = 60 * MIN;

let h: DigestHarness;
let items: FeedDocItem[] = [];
let n = 0;
afterEach(() => h.close());

/** Publishes one more story, dated now on the harness clock. */
const addStory = (subject: string) => {
  n++;
  h.feeds.setArticle(`/a/${n}`, subject, storyParagraphs(subject, n));
  items = [
    { guid: `s-${n}`, title: subject, link: h.feeds.url(`/a/${n}`), published: h.clock.now - MIN },
    ...items,
  ];
  h.feeds.setFeed('/feed.xml', { title: 'Feed', items });
};
const parents = () => h.publisher.posted.filter((p) => p.kind === 'parent');
const replies = () => h.publisher.posted.filter((p) => p.kind === 'story');
const at = async (time: number) => {
  h.clock.now = time;
  await h.scheduler.tick();
};

async function setup(start: number, time: string, timezone: string) {
  h = await startDigestHarness({ start });
  items = [];
  n = 0;
  addStory('First story about the harbour tram');
  await h.digest.subscribe({
    channel: channelA,
    feedUrl: h.feeds.url('/feed.xml'),
    time,
    timezone,
    addedBy: 'U1',
  });
}

describe('scheduled digests on an injected clock', () => {
  it('sends exactly one digest when the time is reached, across ticks and a restart', async () => {
    const day = Date.UTC(2025, 5, 2);
    await setup(day + 6 * HOUR, '09:00', 'Europe/Berlin'); // 08:00 in Berlin (CEST, UTC+2)
    await at(day + 6 * HOUR + 59 * MIN); // 08:59 local
    expect(parents()).toHaveLength(0);
    await at(day + 7 * HOUR); // 09:00 local
    expect(parents()).toHaveLength(1);
    expect(parents()[0]!.localDate).toBe('2025-06-02');
    expect(replies()).toHaveLength(1);

    addStory('Second story arrives after the digest');
    await at(day + 7 * HOUR + MIN);
    await Promise.all([h.scheduler.tick(), h.scheduler.tick()]);
    await h.restart();
    await at(day + 8 * HOUR);
    expect(parents()).toHaveLength(1);

    // Tomorrow at 09:00 local: only what came after.
    await at(day + 24 * HOUR + 7 * HOUR);
    expect(parents()).toHaveLength(2);
    expect(parents()[1]!.headlines).toEqual(['Second story arrives after the digest']);
  });

  it('fetches a feed and an article once per tick however many channels carry them', async () => {
    const day = Date.UTC(2025, 5, 2);
    await setup(day + 6 * HOUR, '09:00', 'UTC');
    const other = { platform: 'discord' as const, workspaceId: 'G1', channelId: 'C9' };
    await h.digest.subscribe({
      channel: other,
      feedUrl: h.feeds.url('/feed.xml'),
      time: '09:00',
      timezone: 'UTC',
      addedBy: 'U2',
    });
    addStory('Story both channels follow');
    const feedBefore = h.feeds.count('/feed.xml');
    await at(day + 9 * HOUR);
    expect(
      parents()
        .map((p) => p.channel)
        .sort(),
    ).toEqual(['discord:G1/C9', 'slack:T1/C1']);
    expect(h.feeds.count('/feed.xml') - feedBefore).toBe(1);
    expect(h.feeds.count('/a/1')).toBe(1);
    expect(h.feeds.count('/a/2')).toBe(1);
  });

  it('catches up once, the same day, when the process was down at the scheduled time', async () => {
    const day = Date.UTC(2025, 5, 2);
    await setup(day + 6 * HOUR, '09:00', 'UTC');
    await h.restart(); // "down" from 06:00 until 11:30
    await at(day + 11 * HOUR + 30 * MIN);
    expect(parents()).toHaveLength(1);
    await at(day + 11 * HOUR + 31 * MIN);
    expect(parents()).toHaveLength(1);
  });

  it('does not send today when the subscription was added after today’s time', async () => {
    const day = Date.UTC(2025, 5, 2);
    await setup(day + 10 * HOUR, '09:00', 'UTC');
    await at(day + 10 * HOUR + MIN);
    expect(parents()).toHaveLength(0);
    await at(day + 24 * HOUR + 9 * HOUR);
    expect(parents()).toHaveLength(1);
  });

  it('a "now" does not use up the scheduled slot: the scheduled one brings only what came after', async () => {
    const day = Date.UTC(2025, 5, 2);
    await setup(day + 6 * HOUR, '09:00', 'UTC');
    expect(await h.digest.runNow(channelA, h.publisher)).toMatchObject({ status: 'posted', stories: 1 });
    await at(day + 9 * HOUR); // nothing new since the "now": nothing posted
    expect(parents()).toHaveLength(1);
    addStory('Afternoon story');
    await at(day + 15 * HOUR); // the 09:00 slot was used (empty): the afternoon story waits for tomorrow
    expect(parents()).toHaveLength(1);
    await at(day + 33 * HOUR);
    expect(parents()).toHaveLength(2);
    expect(parents()[1]!.headlines).toEqual(['Afternoon story']);
  });

  it('keeps 09:00 local across the spring-forward change in New York', async () => {
    // 8 March 2025 12:00 EST; clocks go 02:00 -> 03:00 on 9 March.
    await setup(Date.UTC(2025, 2, 8, 17), '09:00', 'America/New_York');
    await at(Date.UTC(2025, 2, 9, 12, 59)); // 08:59 EDT (09:00 EST would be 14:00 UTC)
    expect(parents()).toHaveLength(0);
    await at(Date.UTC(2025, 2, 9, 13, 0)); // 09:00 EDT
    expect(parents()).toHaveLength(1);
    addStory('Story after the change');
    await at(Date.UTC(2025, 2, 9, 14, 0)); // 10:00 EDT: not a second one
    expect(parents()).toHaveLength(1);
  });

  it('sends a time in the spring-forward gap once, when the clock jumps', async () => {
    await setup(Date.UTC(2025, 2, 8, 17), '02:30', 'America/New_York');
    await at(Date.UTC(2025, 2, 9, 6, 59)); // 01:59 EST
    expect(parents()).toHaveLength(0);
    await at(Date.UTC(2025, 2, 9, 7, 0)); // 03:00 EDT: 02:30 never happened today
    expect(parents()).toHaveLength(1);
    addStory('Later that morning');
    await at(Date.UTC(2025, 2, 9, 7, 30));
    expect(parents()).toHaveLength(1);
  });

  it('sends a time repeated by the fall-back change once (London, 01:30 on 26 October)', async () => {
    await setup(Date.UTC(2025, 9, 25, 12), '01:30', 'Europe/London');
    await at(Date.UTC(2025, 9, 26, 0, 30)); // 01:30 BST, first occurrence
    expect(parents()).toHaveLength(1);
    addStory('Between the two 01:30s');
    await at(Date.UTC(2025, 9, 26, 1, 30)); // 01:30 GMT, the repeat
    expect(parents()).toHaveLength(1);
    await at(Date.UTC(2025, 9, 27, 1, 30)); // next day 01:30 GMT
    expect(parents()).toHaveLength(2);
    expect(parents()[1]!.headlines).toEqual(['Between the two 01:30s']);
  });
});

describe('feeds that fail at the scheduled time', () => {
  it('retries the slot later instead of spending it on an empty digest', async () => {
    const day = Date.UTC(2025, 5, 2);
    await setup(day + 6 * HOUR, '09:00', 'UTC');
    h.feeds.setRaw('/feed.xml', 'Service Unavailable', 'text/plain');
    await at(day + 9 * HOUR);
    expect(parents()).toHaveLength(0);
    const fetches = h.feeds.count('/feed.xml');
    await at(day + 9 * HOUR + 5 * MIN); // not yet: retries are 15 minutes apart
    expect(h.feeds.count('/feed.xml')).toBe(fetches);
    addStory('Story published while the feed was down'); // the feed works again
    await at(day + 9 * HOUR + 16 * MIN);
    expect(parents()).toHaveLength(1);
    expect(parents()[0]!.headlines).toContain('Story published while the feed was down');
  });

  it('records the day as empty after three failed retries', async () => {
    const day = Date.UTC(2025, 5, 2);
    await setup(day + 6 * HOUR, '09:00', 'UTC');
    h.feeds.setRaw('/feed.xml', 'Service Unavailable', 'text/plain');
    for (let i = 0; i <= 4; i++) await at(day + 9 * HOUR + i * 16 * MIN);
    expect(await h.store.hasScheduledDigest(channelA, '2025-06-02')).toBe(true);
    const fetches = h.feeds.count('/feed.xml');
    await at(day + 11 * HOUR);
    expect(h.feeds.count('/feed.xml')).toBe(fetches);
    expect(parents()).toHaveLength(0);
  });
});

describe('delivery that crashes half-way', () => {
  it('resumes after a crash between the parent and the replies without re-posting the parent', async () => {
    const day = Date.UTC(2025, 5, 2);
    await setup(day + 6 * HOUR, '09:00', 'UTC');
    addStory('Second story of the morning');
    h.publisher.failNext('story', 'hang'); // the process dies while posting the first reply
    h.clock.now = day + 9 * HOUR;
    void h.scheduler.tick();
    await expect.poll(() => parents().length).toBe(1);
    await h.restart();
    // The dead process's delivery lease still runs: another process cannot tell it from a slow one.
    await at(day + 9 * HOUR + MIN);
    expect(replies()).toEqual([]);
    // Once it has run out, the restarted process resumes at the first reply.
    await at(day + 9 * HOUR + 3 * MIN);
    expect(parents()).toHaveLength(1);
    expect(replies().map((r) => [r.parentRef, r.index])).toEqual([
      ['p1', 0],
      ['p1', 1],
    ]);
    // And it is done: nothing more later that day or after another restart.
    await h.restart();
    await at(day + 10 * HOUR);
    expect(h.publisher.posted).toHaveLength(3);
  });

  it('retries a parent that failed to post, later, once', async () => {
    const day = Date.UTC(2025, 5, 2);
    await setup(day + 6 * HOUR, '09:00', 'UTC');
    h.publisher.failNext('parent', 'throw');
    await at(day + 9 * HOUR);
    expect(parents()).toHaveLength(0);
    await at(day + 9 * HOUR + MIN); // backing off
    expect(parents()).toHaveLength(0);
    await at(day + 9 * HOUR + 5 * MIN);
    expect(parents()).toHaveLength(1);
    expect(replies()).toHaveLength(1);
    await at(day + 9 * HOUR + 30 * MIN);
    expect(parents()).toHaveLength(1);
  });

  it('a "now" whose parent cannot be posted leaves its stories for the next try', async () => {
    const day = Date.UTC(2025, 5, 2);
    await setup(day + 6 * HOUR, '09:00', 'UTC');
    h.publisher.failNext('parent', 'throw');
    await expect(h.digest.runNow(channelA, h.publisher)).rejects.toThrow(/test/);
    expect(await h.digest.runNow(channelA, h.publisher)).toMatchObject({ status: 'posted', stories: 1 });
  });

  it('a "now" whose reply fails reports the post, and the scheduler posts the missing reply', async () => {
    const day = Date.UTC(2025, 5, 2);
    await setup(day + 6 * HOUR, '08:00', 'UTC');
    h.publisher.failNext('story', 'throw');
    expect(await h.digest.runNow(channelA, h.publisher)).toMatchObject({ status: 'posted', stories: 1 });
    expect(replies()).toHaveLength(0);
    await at(day + 6 * HOUR + 2 * 60_000);
    expect(parents()).toHaveLength(1);
    expect(replies().map((r) => r.parentRef)).toEqual(['p1']);
  });
});

describe('the scheduler timer', () => {
  it('ticks at start and then just past every minute, never overlapping; stop() waits for a running tick', async () => {
    const day = Date.UTC(2025, 5, 2);
    await setup(day + 6 * HOUR, '09:00', 'UTC');
    const timers: Array<{ fn: () => void; ms: number; cancelled: boolean }> = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let parentsStarted = 0;
    const scheduler = createDigestScheduler({
      digest: h.digest,
      store: h.store,
      publishers: {
        slack: {
          postParent: async (d) => {
            parentsStarted++;
            await gate;
            return h.publisher.postParent(d);
          },
          postStory: (d, ref, i) => h.publisher.postStory(d, ref, i),
        },
      },
      now: () => h.clock.now,
      setTimer: (fn, ms) => {
        const t = { fn, ms, cancelled: false };
        timers.push(t);
        return { cancel: () => void (t.cancelled = true) };
      },
    });
    h.clock.now = day + 9 * HOUR + 30_000;
    scheduler.start();
    await expect.poll(() => parentsStarted).toBe(1);
    // A second tick while one runs joins it instead of starting another.
    const joined = scheduler.tick();
    expect(parentsStarted).toBe(1);
    let stopped = false;
    const stopping = scheduler.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(stopped).toBe(false);
    release();
    await Promise.all([joined, stopping]);
    expect(parents()).toHaveLength(1);
    expect(replies()).toHaveLength(1);
    // Stopped before the first timer was set: none is left behind.
    expect(timers.filter((t) => !t.cancelled)).toHaveLength(0);

    // Started again: the next tick is two seconds past the next minute.
    scheduler.start();
    await expect.poll(() => timers.length).toBe(1);
    expect(timers[0]!.ms).toBe(32_000);
    timers[0]!.fn();
    await expect.poll(() => timers.length).toBe(2);
    await scheduler.stop();
    expect(timers[1]!.cancelled).toBe(true);
    expect(parents()).toHaveLength(1);
  });
});
