import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { PermissionFlagsBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_PERMISSIONS } from '../../helpers/fake-discord-payloads.js';
import type { InteractionPayload } from '../../helpers/fake-discord-payloads.js';
import type { Route } from '../../helpers/article-server.js';
import type { RecordedRequest } from '../../helpers/fake-discord.js';
import { sentMessages, startDiscordHarness, type DiscordHarness } from '../../helpers/discord-harness.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/discord/${name}`, import.meta.url), 'utf8');
const HARBOR = fixture('harbor-article.html');
const INJECTION = fixture('injection-article.html');

/** Undoes our escaping: what a reader sees once Discord has rendered the markdown. */
const rendered = (text: string) => text.replace(/[\u200B\u200D]/g, '').replace(/\\(.)/g, '$1');
const plainArticle = (html: string) =>
  (/<article>([\s\S]*)<\/article>/.exec(html)?.[1] ?? '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

/** When each page was fetched, on the fake Discord's clock (both run in this process). */
const fetchedAt = new Map<string, number>();
const page =
  (body: string, delayMs = 0): Route =>
  (req, res) => {
    fetchedAt.set(req.url ?? '', performance.now());
    setTimeout(() => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body), delayMs);
  };

let h: DiscordHarness;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  h = await startDiscordHarness({
    '/harbor': page(HARBOR),
    '/slow-harbor': page(HARBOR, 400),
    '/injection': page(INJECTION),
  });
});

afterAll(async () => {
  await h?.close();
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled).toEqual([]);
});

const isCallback = (p: InteractionPayload) => (r: RecordedRequest) =>
  r.path === `/interactions/${p.id}/${p.token}/callback`;
const isOriginalEdit = (p: InteractionPayload) => (r: RecordedRequest) =>
  r.method === 'PATCH' && r.path.endsWith(`/${p.token}/messages/%40original`);
const isFollowUp = (p: InteractionPayload) => (r: RecordedRequest) =>
  r.method === 'POST' && r.path.endsWith(`/${p.token}`);

async function briefInThread(p: InteractionPayload) {
  h.fake.dispatchInteraction(p);
  const edit = await h.fake.waitFor(isOriginalEdit(p));
  const original = h.fake.originalMessageId(p)!;
  const thread = await h.fake.waitFor(
    (r) => r.path === `/channels/${h.fake.ids.channel}/messages/${original}/threads`,
  );
  const details = await h.fake.waitFor(
    (r) => r.method === 'POST' && r.path === `/channels/${original}/messages`,
  );
  return { edit, thread, details };
}

describe('/brief in a server channel', () => {
  it('logs in with the Guilds intent only', () => {
    expect(h.fake.identifies).toHaveLength(1);
    expect(h.fake.identifies[0]?.intents).toBe(1);
  });

  it('defers before fetching, edits the reply into the brief, and threads the facts with their quotes', async () => {
    const url = h.pages.url('/harbor');
    const p = h.fake.chatInput('brief', { url });
    const { edit, thread, details } = await briefInThread(p);

    const callback = h.fake.requests.find(isCallback(p))!;
    expect(callback.body.type).toBe(5);
    expect(callback.at).toBeLessThan(fetchedAt.get('/harbor')!);

    const embed = edit.body.embeds![0]!;
    expect(embed.url).toBe(url);
    expect(embed.title).toMatch(/Westhaven|solar|ferry/i);
    expect(embed.description!.length).toBeGreaterThan(20);
    // The shared footer (src/render/footer.ts): the site's name and the byline, as on every surface.
    expect(embed.footer?.text).toMatch(/^Coastal Daily · Mara Lindqvist · \d+ min read · extractive$/);

    expect(thread.body.name).toBe(rendered(embed.title!).slice(0, 100));
    const fields = details.body.embeds![0]!.fields!;
    const facts = fields.filter((f) => !f.inline);
    expect(facts.length).toBeGreaterThanOrEqual(3);
    const article = plainArticle(HARBOR);
    for (const fact of facts) {
      if (fact.name.match(/^\d\.$/)) {
        // The quote repeats the fact: the fact is shown once, as the value.
        expect(fact.value.length).toBeGreaterThan(10);
        continue;
      }
      expect(fact.name).toMatch(/^\d\. \S/);
      expect(fact.value.startsWith('> ')).toBe(true);
      // Quotes are verbatim: what the reader sees is in the article.
      expect(article).toContain(rendered(fact.value.slice(2)).replace(/…$/, ''));
    }

    const messages = sentMessages(h.fake.requestsFor(p).concat(details));
    expect(messages.length).toBeGreaterThanOrEqual(2);
    for (const m of messages) expect(m.allowed_mentions).toEqual({ parse: [] });
  });

  it('briefs pasted text the same way, without a link', async () => {
    const text = plainArticle(HARBOR);
    const p = h.fake.chatInput('brief', { text });
    const { edit } = await briefInThread(p);
    expect(edit.body.embeds![0]!.url).toBeUndefined();
    // Pasted text has no site and no byline: the footer starts with the reading time.
    expect(edit.body.embeds![0]!.footer?.text).toMatch(/^\d+ min read · extractive$/);
  });

  it('briefs the link of a message from the context menu', async () => {
    const url = h.pages.url('/harbor');
    const p = h.fake.messageCommand('Brief this message', `worth a read: ${url} (via the newsletter)`);
    const { edit } = await briefInThread(p);
    expect(edit.body.embeds![0]!.url).toBe(url);
  });

  it('lets an article ping nobody and link nowhere', async () => {
    const p = h.fake.chatInput('brief', { url: h.pages.url('/injection') });
    const { thread } = await briefInThread(p);
    const original = h.fake.originalMessageId(p)!;
    const sent = h.fake
      .requestsFor(p)
      .concat(h.fake.requests.filter((r) => r.path === `/channels/${original}/messages`));
    const messages = sentMessages(sent);
    expect(messages.length).toBeGreaterThanOrEqual(2);
    for (const m of messages) {
      expect(m.allowed_mentions).toEqual({ parse: [] });
      const json = JSON.stringify(m);
      for (const ping of ['@everyone', '@here', '<@123>', '<@&456>', '<#789>'])
        expect(json).not.toContain(ping);
      expect(json).not.toMatch(/(^|[^\\])\[[^\]]*(?<!\\)\]\(/);
      expect(json).not.toContain('https://evil');
    }
    // The text is still there for the reader, just inert.
    expect(rendered(JSON.stringify(messages))).toContain('@everyone');
    expect(thread.body.name).not.toContain('@everyone');
  });
});

describe('when things go wrong', () => {
  it('answers a command without input at once, only to the user', async () => {
    const p = h.fake.chatInput('brief', {});
    h.fake.dispatchInteraction(p);
    const callback = await h.fake.waitFor(isCallback(p));
    expect(callback.body.type).toBe(4);
    expect(callback.body.data?.flags).toBe(64);
    expect(callback.body.data?.content).toMatch(/something to brief/);
    expect(callback.body.data?.allowed_mentions).toEqual({ parse: [] });
  });

  it('replaces the thinking reply with the reason when the page cannot be briefed', async () => {
    const p = h.fake.chatInput('brief', { url: h.pages.url('/no-such-story') });
    h.fake.dispatchInteraction(p);
    const edit = await h.fake.waitFor(isOriginalEdit(p));
    expect(edit.body.content).toMatch(/^⚠️ .*404/);
    expect(edit.body.embeds).toEqual([]);
    expect(edit.body.allowed_mentions).toEqual({ parse: [] });
    expect(h.fake.requests.some((r) => r.path.endsWith('/threads') && r.at > edit.at)).toBe(false);
    expect(h.logs.filter((l) => l.level === 'error' && l.interaction === p.id)).toEqual([]);
  });

  it('posts the facts as a follow-up in a DM, where there are no threads', async () => {
    const p = h.fake.chatInput('brief', { url: h.pages.url('/harbor') }, { dm: true });
    h.fake.dispatchInteraction(p);
    const followUp = await h.fake.waitFor(isFollowUp(p));
    expect(followUp.body.embeds![0]!.title).toBe('Key facts');
    expect(followUp.body.allowed_mentions).toEqual({ parse: [] });
    expect(h.fake.requestsFor(p).filter((r) => r.path.includes('/threads'))).toEqual([]);
  });

  it('falls back to a follow-up when Discord refuses the thread (50013)', async () => {
    h.fake.fail({
      method: 'POST',
      path: /\/threads$/,
      status: 403,
      code: 50013,
      message: 'Missing Permissions',
    });
    const p = h.fake.chatInput('brief', { url: h.pages.url('/harbor') });
    h.fake.dispatchInteraction(p);
    const followUp = await h.fake.waitFor(isFollowUp(p));
    expect(followUp.body.embeds![0]!.title).toBe('Key facts');
    expect(h.logs).toContainEqual(expect.objectContaining({ level: 'warn', interaction: p.id, code: 50013 }));
    // Refused once, tried once: a 403 is never retried.
    const original = h.fake.originalMessageId(p)!;
    expect(h.fake.requests.filter((r) => r.path.includes(`/messages/${original}/threads`))).toHaveLength(1);
  });

  it('does not even try a thread where the bot lacks the permission', async () => {
    // Administrator would imply every permission, so it goes too.
    const without =
      BigInt(ALL_PERMISSIONS) & ~PermissionFlagsBits.CreatePublicThreads & ~PermissionFlagsBits.Administrator;
    const p = h.fake.chatInput(
      'brief',
      { url: h.pages.url('/harbor') },
      { appPermissions: without.toString() },
    );
    const before = h.fake.requests.length;
    h.fake.dispatchInteraction(p);
    await h.fake.waitFor(isFollowUp(p));
    expect(h.fake.requests.slice(before).filter((r) => r.path.endsWith('/threads'))).toEqual([]);
  });

  it('gives up quietly on an interaction that expired before the defer (10062)', async () => {
    const p = h.fake.chatInput('brief', { url: h.pages.url('/harbor') });
    h.fake.fail({
      path: new RegExp(`^/interactions/${p.id}/`),
      status: 404,
      code: 10062,
      message: 'Unknown interaction',
    });
    h.fake.dispatchInteraction(p);
    await h.fake.waitFor(isCallback(p));
    // The next interaction is served, and nothing more was sent for the expired one.
    const next = h.fake.chatInput('brief', { url: h.pages.url('/harbor') });
    await briefInThread(next);
    expect(h.fake.requestsFor(p)).toHaveLength(1);
    expect(h.logs).toContainEqual(
      expect.objectContaining({ level: 'warn', interaction: p.id, reason: 'expired', code: 10062 }),
    );
  });

  it('answers an interaction delivered twice only once (40060)', async () => {
    const p = h.fake.chatInput('brief', { url: h.pages.url('/harbor') });
    // Delivered twice: once here and once by briefInThread.
    h.fake.dispatchInteraction(p);
    await briefInThread(p);
    const requests = h.fake.requestsFor(p);
    expect(requests.filter(isCallback(p)).map((r) => r.status)).toEqual([204, 400]);
    expect(requests.filter(isOriginalEdit(p))).toHaveLength(1);
    expect(h.logs).toContainEqual(
      expect.objectContaining({ level: 'warn', interaction: p.id, reason: 'already-answered' }),
    );
  });

  it('waits out a 429 as Discord asks, then delivers, and logs the rate limit', async () => {
    h.fake.fail({
      method: 'POST',
      path: /^\/channels\/\d+\/messages$/,
      status: 429,
      code: 0,
      message: 'You are being rate limited.',
      headers: {
        'retry-after': '1',
        'x-ratelimit-limit': '5',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset-after': '0.3',
        'x-ratelimit-bucket': 'fake-bucket',
        'x-ratelimit-scope': 'user',
      },
    });
    const p = h.fake.chatInput('brief', { url: h.pages.url('/harbor') });
    const { details } = await briefInThread(p);
    expect(details.status).toBe(429);
    const original = h.fake.originalMessageId(p)!;
    await h.fake.waitFor((r) => r.path === `/channels/${original}/messages` && r.status === 200);
    const posts = h.fake.requests.filter((r) => r.path === `/channels/${original}/messages`);
    expect(posts.map((r) => r.status)).toEqual([429, 200]);
    expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(250);
    expect(h.logs).toContainEqual(
      expect.objectContaining({ level: 'warn', msg: 'discord rate limit: request queued' }),
    );
  });

  it('survives the channel being deleted while the brief is being made (10003)', async () => {
    const p = h.fake.chatInput('brief', { url: h.pages.url('/slow-harbor') });
    h.fake.dispatchInteraction(p);
    await h.fake.waitFor(isCallback(p));
    h.fake.deleteChannel(h.fake.ids.channel);
    try {
      const edit = await h.fake.waitFor(isOriginalEdit(p));
      expect(edit.status).toBe(404);
      await expect.poll(() => h.logs.some((l) => l.interaction === p.id && l.reason === 'gone')).toBe(true);
    } finally {
      h.fake.restoreChannel(h.fake.ids.channel);
    }
    expect(h.fake.requestsFor(p).filter((r) => r.path.endsWith('/threads'))).toEqual([]);
    await briefInThread(h.fake.chatInput('brief', { url: h.pages.url('/harbor') }));
  });
});
