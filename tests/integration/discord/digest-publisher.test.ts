import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startDiscord } from '../../../adapters/discord/start.js';
import type { Digest } from '../../../src/digest/types.js';
import { startDiscordHarness, type DiscordHarness } from '../../helpers/discord-harness.js';
import type { RecordedRequest } from '../../helpers/fake-discord.js';
import { sampleDigest, sampleStory } from '../../helpers/sample-digest.js';

/** The Discord publisher (discord.js REST) against the fake Discord: what the scheduler calls. */
let h: DiscordHarness;
let digest: Digest;
let since = 0;

beforeAll(async () => {
  h = await startDiscordHarness({});
  digest = sampleDigest({
    channel: { platform: 'discord', workspaceId: h.fake.ids.guild, channelId: h.fake.ids.channel },
    failedFeeds: [
      { feedUrl: 'https://down.example/rss', title: 'Down <@123> Daily', reason: 'It answered 500.' },
    ],
  });
});
afterAll(() => h?.close());
beforeEach(() => {
  since = h.fake.requests.length;
});

const newRequests = () => h.fake.requests.slice(since);
const posts = (channel: string) => (r: RecordedRequest) =>
  r.method === 'POST' && r.path === `/channels/${channel}/messages`;
const idOf = (r: RecordedRequest) => (r.response as { id: string }).id;

describe('Discord digest publisher', () => {
  it('posts the parent embed in the channel and the stories in a thread on it', async () => {
    const parentRef = await h.bot.digestPublisher.postParent(digest);
    const parent = newRequests().find(posts(h.fake.ids.channel))!;
    expect(idOf(parent)).toBe(parentRef);
    expect(parent.body.allowed_mentions).toEqual({ parse: [] });
    const embed = parent.body.embeds![0]!;
    expect(embed.title).toBe('Digest for Monday, March 3, 2025');
    expect(embed.description).toContain(
      '**1. [Story number 1 makes the news](https://news.example/world/story-1)**',
    );
    expect(embed.footer?.text).toMatch(/^⚠️ This feed could not be read this time: Down <\u200D@123> Daily/);

    for (let i = 0; i < digest.stories.length; i++)
      await h.bot.digestPublisher.postStory(digest, parentRef, i);
    const threads = newRequests().filter((r) => r.path.endsWith(`/messages/${parentRef}/threads`));
    expect(threads).toHaveLength(1);
    expect(threads[0]!.body.name).toBe('Digest 2025-03-03');
    const stories = newRequests().filter(posts(parentRef));
    expect(stories.map((r) => r.body.content)).toEqual(
      [1, 2, 3].map((n) => `**Story ${n} of 3** · Example World`),
    );
    for (const r of stories) {
      expect(r.status).toBe(200);
      expect(r.body.allowed_mentions).toEqual({ parse: [] });
      expect(r.body.embeds!.map((e) => e.title)).toEqual([
        expect.stringMatching(/^Story number/),
        'Key facts',
      ]);
    }
  });

  it('after a restart, resumes in the thread that already exists instead of failing', async () => {
    const parentRef = await h.bot.digestPublisher.postParent(digest);
    await h.bot.digestPublisher.postStory(digest, parentRef, 0);
    // A second bot process (as after a crash) knows nothing of the first one's thread.
    const restarted = await startDiscord(h.config.discord!, { service: h.service, logger: h.logger });
    try {
      await restarted.digestPublisher.postStory(digest, parentRef, 1);
      await restarted.digestPublisher.postStory(digest, parentRef, 2);
    } finally {
      await restarted.stop();
    }
    const threadCalls = newRequests().filter((r) => r.path.endsWith(`/messages/${parentRef}/threads`));
    expect(threadCalls.map((r) => r.status)).toEqual([201, 400]);
    expect(
      newRequests()
        .filter(posts(parentRef))
        .map((r) => r.body.content),
    ).toEqual([
      '**Story 1 of 3** · Example World',
      '**Story 2 of 3** · Example World',
      '**Story 3 of 3** · Example World',
    ]);
  });

  it('posts the stories in the channel when it may not start a thread there', async () => {
    const parentRef = await h.bot.digestPublisher.postParent(digest);
    h.fake.fail({
      method: 'POST',
      path: /\/threads$/,
      status: 403,
      code: 50013,
      message: 'Missing Permissions',
    });
    await h.bot.digestPublisher.postStory(digest, parentRef, 0);
    await h.bot.digestPublisher.postStory(digest, parentRef, 1);
    const inChannel = newRequests().filter(posts(h.fake.ids.channel));
    // The parent, then both stories next to it.
    expect(inChannel.map((r) => r.body.content ?? null)).toEqual([
      null,
      '**Story 1 of 3** · Example World',
      '**Story 2 of 3** · Example World',
    ]);
    expect(h.logs.some((l) => l.msg.startsWith('digest: no thread on the parent'))).toBe(true);
  });

  it('throws when it cannot post the parent, so the caller can say why or retry', async () => {
    h.fake.fail({
      method: 'POST',
      path: /\/messages$/,
      status: 403,
      code: 50013,
      message: 'Missing Permissions',
    });
    await expect(h.bot.digestPublisher.postParent(digest)).rejects.toMatchObject({
      code: 50013,
      status: 403,
    });
  });

  it('refuses a digest meant for another platform', async () => {
    const slackDigest = sampleDigest({ stories: [sampleStory(1)] });
    await expect(h.bot.digestPublisher.postParent(slackDigest)).rejects.toThrow(/not a Discord channel/);
  });
});
