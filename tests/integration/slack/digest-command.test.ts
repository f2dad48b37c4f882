import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACK_DEADLINE_MS } from '../../../adapters/slack/limits.js';
import {
  DIGEST_ADD_WORKING_TEXT,
  DIGEST_DISABLED_TEXT,
  DIGEST_NOT_IN_CHANNEL_TEXT,
  DIGEST_NOW_WORKING_TEXT,
} from '../../../adapters/slack/render/digest-notices.js';
import { startAdapterDigest, type AdapterDigest } from '../../helpers/adapter-digest.js';
import type { FeedDocItem } from '../../helpers/feed-server.js';
import type { RecordedCall } from '../../helpers/fake-slack-api.js';
import { allMrkdwnVerbatim, slackLimitViolations, slackMarkupIn } from '../../helpers/slack-limits.js';
import { startSlackHarness, TEST_SIGNING_SECRET, type SlackHarness } from '../../helpers/slack-harness.js';
import { postSlashCommand } from '../../helpers/slack-signed-client.js';

/**
 * `/brief digest` end to end: the real Bolt app and the real digest service (feeds over HTTP, the
 * extractive engine, a SQLite file), against the fake Web API. 30 March 2025 is the day Europe/Berlin
 * moves to summer time: 09:00 there is 07:00 UTC that day (08:00 UTC the day before).
 */
const T0 = Date.UTC(2025, 2, 30, 5, 0);
const MINUTE = 60_000;

let d: AdapterDigest;
let h: SlackHarness;
let world: FeedDocItem[];

const publishWorld = () => d.feeds.setFeed('/world.xml', { title: 'World Wire', items: world });

async function command(text: string, channel = 'C0CHANNEL', harness = h) {
  const responseUrl = harness.hooks.newUrl();
  const ack = await postSlashCommand(harness.eventsUrl, TEST_SIGNING_SECRET, {
    text,
    response_url: responseUrl,
    channel_id: channel,
  });
  expect(ack.status).toBe(200);
  expect(ack.ms).toBeLessThan(ACK_DEADLINE_MS);
  const body = JSON.parse(ack.body) as { response_type: string; text: string };
  expect(body.response_type).toBe('ephemeral');
  await harness.slack.idle();
  const later = harness.hooks
    .postsTo(responseUrl)
    .map((p) => p.body as { response_type: string; text: string });
  for (const post of later) expect(post.response_type).toBe('ephemeral');
  return { ack: body.text, later: later.map((p) => p.text) };
}

const posts = (harness = h) => harness.api.callsTo('chat.postMessage');
const blocksJson = (call: RecordedCall) => JSON.stringify(call.args['blocks']);

beforeAll(async () => {
  d = await startAdapterDigest(T0);
  world = [
    d.item(1, 'Harbour tram line approved', 2),
    d.item(2, 'Library opens until midnight', 5),
    d.item(3, 'Park fountain restored', 50),
  ];
  publishWorld();
  h = await startSlackHarness({ env: d.env, digest: d.factory });
  h.api.userTimezones['U0USER'] = 'Europe/Berlin';
});
afterAll(async () => {
  await h?.close();
  await d?.close();
});

describe('/brief digest in a channel', () => {
  it('add: checks the feed, then says what it subscribed, at 09:00 in the adder’s own zone', async () => {
    const { ack, later } = await command(`digest add <${d.feeds.url('/world.xml')}>`);
    expect(ack).toBe(DIGEST_ADD_WORKING_TEXT);
    expect(later).toEqual([
      '✅ This channel now gets *World Wire* (3 items) every day at 09:00 (Europe/Berlin), subscription #1. 2 recent items wait for the first digest.',
    ]);
    expect(h.api.callsTo('users.info')[0]?.args).toMatchObject({ user: 'U0USER' });
    expect(posts()).toEqual([]);
  });

  it('list: answers in the ack', async () => {
    const { ack, later } = await command('digest list');
    expect(ack).toContain(`• *#1* World Wire — 09:00 Europe/Berlin — ${d.feeds.url('/world.xml')}`);
    expect(later).toEqual([]);
  });

  it('now: the parent in the channel, then one thread reply per story', async () => {
    const { ack, later } = await command('digest now');
    expect(ack).toBe(DIGEST_NOW_WORKING_TEXT);
    expect(later).toEqual([]);
    const [parent, ...replies] = posts();
    expect(parent!.args).toMatchObject({ channel: 'C0CHANNEL', unfurl_links: false, unfurl_media: false });
    const json = blocksJson(parent!);
    expect(json).toContain('Digest for Sunday, March 30, 2025');
    expect(json).toContain(`*1. <${d.feeds.url('/a/1')}|Harbour tram line approved>*`);
    expect(json).toContain(`*2. <${d.feeds.url('/a/2')}|Library opens until midnight>*`);
    expect(json).not.toContain('Park fountain');
    expect(json).toContain('Source: <');
    expect(replies).toHaveLength(2);
    for (const [i, reply] of replies.entries()) {
      expect(reply.args['thread_ts']).toBe(parent!.response['ts']);
      expect(blocksJson(reply)).toContain(`Story ${i + 1} of 2`);
      expect(blocksJson(reply)).toContain('*Key facts*');
    }
    for (const call of [parent!, ...replies]) {
      expect(slackLimitViolations(call.args)).toEqual([]);
      expect(allMrkdwnVerbatim(call.args['blocks'])).toBe(true);
    }
  });

  it('now again: nothing new, says so privately and posts nothing', async () => {
    h.api.reset();
    d.clock.now += 10 * MINUTE;
    const { later } = await command('digest now');
    expect(later).toEqual(['Nothing new since the last digest, so I posted nothing.']);
    expect(posts()).toEqual([]);
  });

  it('a new item: only it', async () => {
    h.api.reset();
    world.unshift(d.item(4, 'Airport night flights banned', 1));
    publishWorld();
    await command('digest now');
    const [parent, ...replies] = posts();
    const json = blocksJson(parent!);
    expect(json).toContain('Airport night flights banned');
    expect(json).not.toMatch(/Harbour tram|Library opens/);
    expect(replies).toHaveLength(1);
  });

  it('after a restart: still nothing new, nothing posted twice', async () => {
    await h.close();
    h = await startSlackHarness({ env: d.env, digest: d.factory });
    const { later } = await command('digest now');
    expect(later).toEqual(['Nothing new since the last digest, so I posted nothing.']);
    expect(posts()).toEqual([]);
  });

  it('the scheduled time, reached on the injected clock across the DST change: exactly one digest', async () => {
    world.unshift(d.item(5, 'Harbour ferry gets electric engines', 1));
    publishWorld();
    const scheduler = d.scheduler({ slack: h.slack.digestPublisher });
    // 06:59 UTC is 08:59 in Berlin (summer time since 01:00 UTC): not yet.
    d.clock.now = Date.UTC(2025, 2, 30, 6, 59);
    await scheduler.tick();
    expect(posts()).toEqual([]);
    // 07:00 UTC is 09:00 summer time (winter time would have been 08:00 UTC).
    d.clock.now = Date.UTC(2025, 2, 30, 7, 0, 30);
    await scheduler.tick();
    expect(posts()).toHaveLength(2);
    await scheduler.tick();
    d.clock.now = Date.UTC(2025, 2, 30, 8, 5);
    await scheduler.tick();
    const [parent, ...replies] = posts();
    expect(posts().filter((p) => p.args['thread_ts'] === undefined)).toHaveLength(1);
    expect(blocksJson(parent!)).toContain('Harbour ferry gets electric engines');
    expect(replies).toHaveLength(1);
    await scheduler.stop();
  });

  it('a broken feed beside a good one: the good one’s stories, the broken one named in the footer', async () => {
    h.api.reset();
    d.feeds.setFeed('/later-broken.xml', { title: 'Flaky Times', items: [] });
    const { later } = await command(`digest add ${d.feeds.url('/later-broken.xml')}`);
    expect(later[0]).toMatch(
      /^✅ This channel now gets \*Flaky Times\* \(0 items\) every day at 09:00 \(Europe\/Berlin\)/,
    );
    d.feeds.setRaw('/later-broken.xml', '<rss><channel><title>Flaky', 'application/rss+xml');
    world.unshift(d.item(6, 'Stadium roof repaired before the season', 1));
    publishWorld();
    await command('digest now');
    const [parent, ...replies] = posts();
    const json = blocksJson(parent!);
    expect(json).toContain('Stadium roof repaired');
    expect(json).toMatch(/could not be read this time: Flaky Times \(/);
    expect(replies).toHaveLength(1);
  });

  it('now where the bot is not a member: a hint to invite it, and the stories wait', async () => {
    h.api.reset();
    world.unshift(d.item(7, 'Council approves new bike lanes', 1));
    publishWorld();
    h.api.failWith('chat.postMessage', 'not_in_channel');
    const { later } = await command('digest now');
    expect(later).toEqual([DIGEST_NOT_IN_CHANNEL_TEXT]);
    h.api.reset();
    await command('digest now');
    expect(blocksJson(posts()[0]!)).toContain('Council approves new bike lanes');
  });
});

describe('scheduled digests the bot cannot post', () => {
  it('are logged, crash nothing, and go out on a later tick once Slack accepts them', async () => {
    h.api.reset();
    world.unshift(d.item(9, 'Ferry timetable changes in April', 1));
    publishWorld();
    const scheduler = d.scheduler({ slack: h.slack.digestPublisher });
    // The next morning, 09:00 in Berlin.
    d.clock.now = Date.UTC(2025, 2, 31, 7, 0, 30);
    world[0]!.published = d.clock.now - 3_600_000;
    publishWorld();
    h.api.failWith('chat.postMessage', 'not_in_channel', { times: 10 });
    await scheduler.tick();
    const refused = posts().filter((p) => p.response['error'] === 'not_in_channel');
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(h.logs.some((l) => l['msg'] === 'digest delivery failed' && l['level'] === 'warn')).toBe(true);

    h.api.reset();
    d.clock.now += 30 * MINUTE;
    await scheduler.tick();
    await scheduler.stop();
    const [parent, ...replies] = posts();
    expect(blocksJson(parent!)).toContain('Ferry timetable changes in April');
    expect(replies.every((r) => r.args['thread_ts'] === parent!.response['ts'])).toBe(true);
  });
});

describe('/brief digest refuses bad input with a clear message', () => {
  const refusal = async (args: string) => {
    h.api.reset();
    const { later } = await command(`digest add ${args}`, 'C0OTHER');
    expect(posts()).toEqual([]);
    expect(later).toHaveLength(1);
    expect(later[0]).toMatch(/^⚠️ /);
    return later[0]!;
  };

  it('not a URL', async () => {
    expect(await refusal('not-a-url')).toMatch(/not look like a web address/);
  });

  it('not a feed (a web page)', async () => {
    d.feeds.setArticle('/page.html', 'Just a page', ['Nothing to see here at all.']);
    expect(await refusal(d.feeds.url('/page.html'))).toMatch(/a web page, not a feed/);
  });

  it('malformed XML', async () => {
    d.feeds.setRaw('/broken.xml', '<?xml version="1.0"?><rss><channel><title>Half', 'application/rss+xml');
    expect(await refusal(d.feeds.url('/broken.xml'))).toMatch(/feed is malformed/);
  });

  it('an unknown time zone', async () => {
    expect(await refusal(`${d.feeds.url('/world.xml')} 08:00 Mars/Olympus`)).toMatch(
      /"Mars\/Olympus" is not a time zone/,
    );
  });

  it('25:00', async () => {
    expect(await refusal(`${d.feeds.url('/world.xml')} 25:00`)).toMatch(/"25:00" is not a time of day/);
  });

  it('a feed with 10,000 items is read up to its newest items, and says so', async () => {
    const items = Array.from({ length: 10_000 }, (_, i) => ({
      guid: `bulk-${i}`,
      title: `Bulk item ${i}`,
      link: `https://bulk.example/${i}`,
      published: T0 - (i + 30) * 3_600_000,
    }));
    d.feeds.setFeed('/bulk.xml', { title: 'Bulk', items });
    h.api.reset();
    const { later } = await command(`digest add ${d.feeds.url('/bulk.xml')}`, 'C0BULK');
    expect(later).toHaveLength(1);
    expect(later[0]).toContain('(10,000 items)');
    expect(later[0]).toMatch(/Only its newest \d+ items are read each time\.$/);
  });

  it('a new time for a channel’s next feed moves the whole channel’s digest, and says so', async () => {
    d.feeds.setFeed('/second.xml', { title: 'Second', items: [] });
    const { later } = await command(`digest add ${d.feeds.url('/second.xml')} 07:30`, 'C0BULK');
    expect(later[0]).toMatch(
      /every day at 07:30 \(UTC\).*moved from 09:00 \(UTC\) to this time, for all its feeds\.$/,
    );
  });

  it('usage for what it does not understand', async () => {
    const { ack } = await command('digest subscribe https://a.example');
    expect(ack).toMatch(/I do not know `digest subscribe`/);
    expect(ack).toContain('/brief digest add <feed-url>');
  });
});

describe('what feeds say stays inert', () => {
  it('no mentions, no links but the items’ own http(s) links', async () => {
    d.feeds.setFeed('/evil.xml', { title: '<!channel> Evil <@U999> Feed', items: [] });
    await command(`digest add ${d.feeds.url('/evil.xml')}`, 'C0EVIL');
    const evil = {
      ...d.item(8, '<!here> Win <@U123> a <https://evil.example|prize> [now](https://evil.example)', 1),
      guid: 'evil-8',
    };
    d.feeds.setFeed('/evil.xml', { title: '<!channel> Evil <@U999> Feed', items: [evil] });
    h.api.reset();
    await command('digest now', 'C0EVIL');
    const calls = posts();
    expect(calls.length).toBeGreaterThanOrEqual(2);
    for (const call of calls) {
      for (const markup of slackMarkupIn(call.args))
        expect(markup).toMatch(/^<http:\/\/127\.0\.0\.1:\d+\/[^|<>]*\|[^<>]*>$/);
      expect(JSON.stringify(call.args)).not.toMatch(/<!here>|<!channel>|<@U/);
    }
    expect(blocksJson(calls[0]!)).toContain('&lt;!channel&gt; Evil &lt;@U999&gt; Feed');
  });
});

describe('without a digest service', () => {
  it('says digests are not enabled', async () => {
    const plain = await startSlackHarness();
    try {
      const { ack } = await command('digest list', 'C0CHANNEL', plain);
      expect(ack).toBe(DIGEST_DISABLED_TEXT);
    } finally {
      await plain.close();
    }
  });
});
