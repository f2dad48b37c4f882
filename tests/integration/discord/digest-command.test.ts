import { PermissionFlagsBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DIGEST_CANNOT_POST,
  DIGEST_CANNOT_POST_YET,
  DIGEST_DISABLED,
  DIGEST_GUILD_ONLY,
  DIGEST_NEEDS_MANAGE_CHANNELS,
} from '../../../adapters/discord/digest-notices.js';
import { THREAD_PERMISSIONS } from '../../../adapters/discord/limits.js';
import { startAdapterDigest, type AdapterDigest } from '../../helpers/adapter-digest.js';
import { startDiscordHarness, type DiscordHarness } from '../../helpers/discord-harness.js';
import type { InteractionOptions } from '../../helpers/fake-discord-payloads.js';
import type { RecordedRequest } from '../../helpers/fake-discord.js';
import type { FeedDocItem } from '../../helpers/feed-server.js';

/**
 * `/digest` end to end: discord.js against the fake Discord, and the real digest service (feeds
 * over HTTP, the extractive engine, a SQLite file). 9 March 2025 is the day New York moves to
 * daylight saving time: 09:00 there is 13:00 UTC that day (14:00 UTC the day before).
 */
const T0 = Date.UTC(2025, 2, 9, 10, 0);
const EPHEMERAL = 64;
/** A member who may talk and use commands, but not manage channels (nor administer, which implies it). */
const ALL_BUT_MANAGE = (
  ((1n << 53n) - 1n) &
  ~PermissionFlagsBits.ManageChannels &
  ~PermissionFlagsBits.Administrator
).toString();

let d: AdapterDigest;
let h: DiscordHarness;
let world: FeedDocItem[];
const publishWorld = () => d.feeds.setFeed('/world.xml', { title: 'World Wire', items: world });

interface Answer {
  deferred: boolean;
  content: string;
}

/** Runs `/digest <sub>` and returns its (ephemeral) answer once the bot has finished. */
async function digest(
  sub: string,
  options: Record<string, string | number> = {},
  opts: InteractionOptions = {},
) {
  const p = h.fake.chatInput('digest', options, { subcommand: sub, ...opts });
  h.fake.dispatchInteraction(p);
  const callback = await h.fake.waitFor((r) => r.path === `/interactions/${p.id}/${p.token}/callback`);
  if (callback.body.type === 4) {
    expect(callback.body.data?.flags).toBe(EPHEMERAL);
    expect(callback.body.data?.allowed_mentions).toEqual({ parse: [] });
    return { deferred: false, content: callback.body.data?.content ?? '' } satisfies Answer;
  }
  expect(callback.body).toMatchObject({ type: 5, data: { flags: EPHEMERAL } });
  const edit = await h.fake.waitFor(
    (r) => r.method === 'PATCH' && r.path.endsWith(`/${p.token}/messages/%40original`),
    15_000,
  );
  expect(edit.body.allowed_mentions).toEqual({ parse: [] });
  return { deferred: true, content: edit.body.content ?? '' } satisfies Answer;
}

let mark = 0;
const since = () => h.fake.requests.slice(mark);
const channelPosts = () =>
  since().filter((r) => r.method === 'POST' && r.path === `/channels/${h.fake.ids.channel}/messages`);
const postsTo = (id: string) =>
  since().filter((r) => r.method === 'POST' && r.path === `/channels/${id}/messages`);
const idOf = (r: RecordedRequest) => (r.response as { id: string }).id;

beforeAll(async () => {
  d = await startAdapterDigest(T0);
  world = [
    d.item(1, 'Harbour tram line approved', 2),
    d.item(2, 'Library opens until midnight', 5),
    d.item(3, 'Park fountain restored', 50),
  ];
  publishWorld();
  h = await startDiscordHarness({}, { env: d.env, digest: d.factory });
});
afterAll(async () => {
  await h?.close();
  await d?.close();
});

describe('/digest in a server channel', () => {
  it('refuses add and remove to members without Manage Channels, before doing anything', async () => {
    const fetched = d.feeds.count('/world.xml');
    const add = await digest(
      'add',
      { feed: d.feeds.url('/world.xml') },
      { memberPermissions: ALL_BUT_MANAGE },
    );
    expect(add).toEqual({ deferred: false, content: DIGEST_NEEDS_MANAGE_CHANNELS });
    const remove = await digest('remove', { id: 1 }, { memberPermissions: '0' });
    expect(remove).toEqual({ deferred: false, content: DIGEST_NEEDS_MANAGE_CHANNELS });
    expect(d.feeds.count('/world.xml')).toBe(fetched);
    expect(
      await d.digest.list({
        platform: 'discord',
        workspaceId: h.fake.ids.guild,
        channelId: h.fake.ids.channel,
      }),
    ).toEqual([]);
  });

  it('add: defers privately, checks the feed, and says what it subscribed', async () => {
    const answer = await digest('add', { feed: d.feeds.url('/world.xml'), timezone: 'America/New_York' });
    expect(answer).toEqual({
      deferred: true,
      content:
        '✅ This channel now gets **World Wire** (3 items) every day at 09:00 (America/New\\_York), subscription #1. 2 recent items wait for the first digest.',
    });
  });

  it('list: lets anyone who can use the command see the channel’s feeds', async () => {
    const answer = await digest('list', {}, { memberPermissions: ALL_BUT_MANAGE });
    expect(answer.deferred).toBe(false);
    expect(answer.content).toMatch(
      /^This channel’s daily digest follows:\n- \*\*#1\*\* World Wire · 09:00 America\/New\\_York · `http:\/\/127\.0\.0\.1:\d+\/world\.xml`$/,
    );
  });

  it('now: the parent embed in the channel, a thread on it, one message per story', async () => {
    mark = h.fake.requests.length;
    const answer = await digest('now');
    expect(answer).toEqual({ deferred: true, content: 'Posted the digest in this channel: 2 stories.' });
    const [parent, ...others] = channelPosts();
    expect(others).toEqual([]);
    expect(parent!.body.allowed_mentions).toEqual({ parse: [] });
    const embed = parent!.body.embeds![0]!;
    expect(embed.title).toBe('Digest for Sunday, March 9, 2025');
    expect(embed.description).toContain(`**1. [Harbour tram line approved](${d.feeds.url('/a/1')})**`);
    expect(embed.description).toContain(`**2. [Library opens until midnight](${d.feeds.url('/a/2')})**`);
    expect(embed.description).not.toContain('Park fountain');
    const parentId = idOf(parent!);
    const thread = since().find(
      (r) => r.path === `/channels/${h.fake.ids.channel}/messages/${parentId}/threads`,
    );
    expect(thread?.body.name).toBe('Digest 2025-03-09');
    const stories = postsTo(parentId);
    expect(stories.map((r) => r.body.content)).toEqual([
      '**Story 1 of 2** · World Wire',
      '**Story 2 of 2** · World Wire',
    ]);
    for (const story of stories) {
      expect(story.body.allowed_mentions).toEqual({ parse: [] });
      expect(story.body.embeds!.map((e) => e.title)).toEqual([expect.any(String), 'Key facts']);
    }
  });

  it('now again: nothing new, and nothing posted', async () => {
    mark = h.fake.requests.length;
    d.clock.now += 10 * 60_000;
    const answer = await digest('now');
    expect(answer.content).toBe('Nothing new since the last digest, so I posted nothing.');
    expect(channelPosts()).toEqual([]);
  });

  it('the scheduled time on the injected clock, across the DST change: exactly one digest, by the real publisher', async () => {
    world.unshift(d.item(4, 'Airport night flights banned', 1));
    publishWorld();
    mark = h.fake.requests.length;
    const scheduler = d.scheduler({ discord: h.bot.digestPublisher });
    d.clock.now = Date.UTC(2025, 2, 9, 12, 59);
    await scheduler.tick();
    expect(channelPosts()).toEqual([]);
    // 13:00 UTC is 09:00 daylight time (standard time would have been 14:00 UTC).
    d.clock.now = Date.UTC(2025, 2, 9, 13, 0, 30);
    await scheduler.tick();
    expect(channelPosts()).toHaveLength(1);
    d.clock.now = Date.UTC(2025, 2, 9, 14, 5);
    await scheduler.tick();
    await scheduler.stop();
    const [parent, ...more] = channelPosts();
    expect(more).toEqual([]);
    expect(parent!.body.embeds![0]!.description).toContain('Airport night flights banned');
    expect(postsTo(idOf(parent!)).map((r) => r.body.content)).toEqual(['**Story 1 of 1** · World Wire']);
  });

  it('keeps what feeds say inert: no pings, no masked links of their own', async () => {
    d.feeds.setFeed('/evil.xml', { title: '@everyone Evil [Feed](https://evil.example/f)', items: [] });
    expect((await digest('add', { feed: d.feeds.url('/evil.xml') })).content).toMatch(/^✅/);
    const evil = {
      ...d.item(5, '@here Win <@123> a [prize](https://evil.example/p) <#456>', 1),
      guid: 'evil-5',
    };
    d.feeds.setFeed('/evil.xml', { title: '@everyone Evil [Feed](https://evil.example/f)', items: [evil] });
    mark = h.fake.requests.length;
    expect((await digest('now')).content).toBe('Posted the digest in this channel: 1 story.');
    const sent = since().filter((r) => r.method === 'POST' && r.path.endsWith('/messages'));
    expect(sent.length).toBeGreaterThanOrEqual(2);
    for (const r of sent) {
      expect(r.body.allowed_mentions).toEqual({ parse: [] });
      const json = JSON.stringify(r.body);
      expect(json).not.toMatch(/@everyone|@here|<@123>|<#456>/);
      for (const m of json.matchAll(/(?<!\\\\)\[((?:\\\\.|[^\]\\\\])*)\]\(([^)]*)\)/g))
        expect(m[2]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    }
  });

  it('suggests time zones while the user types one', async () => {
    const p = h.fake.chatInput(
      'digest',
      { feed: 'https://x.example/rss', timezone: 'new york' },
      { subcommand: 'add', focused: 'timezone' },
    );
    h.fake.dispatchInteraction(p);
    const callback = await h.fake.waitFor((r) => r.path === `/interactions/${p.id}/${p.token}/callback`);
    expect(callback.json).toEqual({
      type: 8,
      data: { choices: [{ name: 'America/New_York', value: 'America/New_York' }] },
    });
  });

  it('add where the bot may not post yet: subscribes, and warns that the digest would not arrive', async () => {
    d.feeds.setFeed('/quiet.xml', { title: 'Quiet', items: [] });
    const answer = await digest(
      'add',
      { feed: d.feeds.url('/quiet.xml') },
      { appPermissions: THREAD_PERMISSIONS.toString() },
    );
    expect(answer.content).toMatch(/^✅ This channel now gets \*\*Quiet\*\*/);
    expect(answer.content.endsWith(`\n${DIGEST_CANNOT_POST_YET}`)).toBe(true);
  });

  it('now where the bot may not post: says which permissions it needs, before doing anything', async () => {
    const answer = await digest('now', {}, { appPermissions: THREAD_PERMISSIONS.toString() });
    expect(answer).toEqual({ deferred: false, content: DIGEST_CANNOT_POST });
  });

  it('now when Discord refuses the post anyway: the same hint, and the stories wait', async () => {
    world.unshift(d.item(6, 'Council approves new bike lanes', 1));
    publishWorld();
    h.fake.fail({
      method: 'POST',
      path: new RegExp(`^/channels/${h.fake.ids.channel}/messages$`),
      status: 403,
      code: 50001,
      message: 'Missing Access',
    });
    expect((await digest('now')).content).toBe(DIGEST_CANNOT_POST);
    mark = h.fake.requests.length;
    expect((await digest('now')).content).toBe('Posted the digest in this channel: 1 story.');
    expect(channelPosts()[0]!.body.embeds![0]!.description).toContain('Council approves new bike lanes');
  });

  it('remove: by number, and a clear answer for a number the channel does not have', async () => {
    expect((await digest('remove', { id: 99 })).content).toBe(
      'This channel has no subscription #99. See `/digest list`.',
    );
    expect((await digest('remove', { id: 1 })).content).toBe(
      'Removed #1: World Wire no longer comes to this channel.',
    );
    expect((await digest('list')).content).not.toContain('World Wire');
  });

  it('bad input gets a clear message', async () => {
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ feed: 'not a url' }, /not look like a web address/],
      [{ feed: d.feeds.url('/world.xml'), time: '25:00' }, /"25:00" is not a time of day/],
      [{ feed: d.feeds.url('/world.xml'), timezone: 'Mars/Olympus' }, /"Mars\/Olympus" is not a time zone/],
    ];
    for (const [options, message] of cases) {
      const answer = await digest('add', options);
      expect(answer.deferred).toBe(true);
      expect(answer.content).toMatch(/^⚠️ /);
      expect(answer.content).toMatch(message);
    }
  });

  it('is for server channels only', async () => {
    expect(await digest('list', {}, { dm: true })).toEqual({ deferred: false, content: DIGEST_GUILD_ONLY });
  });
});

describe('/digest without a digest service', () => {
  it('says digests are not enabled', async () => {
    const plain = await startDiscordHarness({});
    const p = plain.fake.chatInput('digest', {}, { subcommand: 'list' });
    plain.fake.dispatchInteraction(p);
    const callback = await plain.fake.waitFor((r) => r.path.endsWith(`/${p.token}/callback`));
    await plain.close();
    expect(callback.body).toMatchObject({ type: 4, data: { content: DIGEST_DISABLED, flags: EPHEMERAL } });
  });
});
