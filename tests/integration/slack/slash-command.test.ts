import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ACK_DEADLINE_MS, RESPONSE_URL_MAX_USES } from '../../../adapters/slack/limits.js';
import { BUSY_TEXT, INVITE_HINT_TEXT, WORKING_TEXT } from '../../../adapters/slack/render/notices.js';
import { allMrkdwnVerbatim, slackLimitViolations } from '../../helpers/slack-limits.js';
import { startSlackHarness, TEST_SIGNING_SECRET, type SlackHarness } from '../../helpers/slack-harness.js';
import { summitPage } from '../../helpers/slack-pages.js';
import { postSlashCommand } from '../../helpers/slack-signed-client.js';

describe('/brief over HTTP with the real Bolt app', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness({ pages: { '/summit': summitPage() } });
  });
  afterAll(() => h.close());
  beforeEach(async () => {
    await h.slack.idle();
    h.api.reset();
  });

  const brief = (text: string, responseUrl = h.hooks.newUrl(), channel = 'C0CHANNEL') =>
    postSlashCommand(h.eventsUrl, TEST_SIGNING_SECRET, {
      text,
      response_url: responseUrl,
      channel_id: channel,
    });

  it('acks at once, posts the brief in the channel and the key facts in its thread', async () => {
    const url = h.articles.url('/summit');
    const ack = await brief(`<${url}>`);
    expect(ack.status).toBe(200);
    expect(ack.ms).toBeLessThan(ACK_DEADLINE_MS);
    expect(JSON.parse(ack.body)).toEqual({ response_type: 'ephemeral', text: WORKING_TEXT });

    const [main, details] = await h.api.waitForCalls('chat.postMessage', 2);
    expect(main!.authorized).toBe(true);
    expect(main!.args).toMatchObject({ channel: 'C0CHANNEL', unfurl_links: false, unfurl_media: false });
    expect(main!.args['thread_ts']).toBeUndefined();
    expect(typeof main!.args['text']).toBe('string');
    const blocks = main!.args['blocks'] as Array<{ type: string }>;
    expect(blocks.map((b) => b.type)).toEqual(['section', 'section', 'context', 'actions']);
    expect(JSON.stringify(blocks[0])).toMatch(/\*<http:\/\/127\.0\.0\.1:\d+\/summit\|[^>]*Kim[^>]*>\*/);
    expect(JSON.stringify(blocks[2])).toContain('extractive');
    expect(blocks[3]).toMatchObject({ elements: [{ type: 'button', url }] });
    expect(allMrkdwnVerbatim(blocks)).toBe(true);
    expect(slackLimitViolations(main!.args)).toEqual([]);

    // The thread reply hangs under the ts the fake Web API gave the channel post.
    expect(details!.args['thread_ts']).toMatch(/^1700000000\.\d{6}$/);
    expect(details!.args).toMatchObject({ channel: 'C0CHANNEL', unfurl_links: false });
    const detailJson = JSON.stringify(details!.args['blocks']);
    expect(detailJson).toContain('*Key facts*');
    expect(detailJson).toMatch(/\*1\.\*.*\\n>“/);
    expect(slackLimitViolations(details!.args)).toEqual([]);
  });

  it('briefs pasted text', async () => {
    const text =
      'The city council voted on Tuesday to expand the tram network by 12 kilometres. ' +
      'Construction will start in 2026 and cost 300 million euros. ' +
      'The mayor said the new lines would serve 80,000 residents. ' +
      'Opposition members criticised the cost and asked for a referendum.';
    expect((await brief(text)).status).toBe(200);
    const [main] = await h.api.waitForCalls('chat.postMessage', 1);
    const blocks = main!.args['blocks'] as Array<{ type: string }>;
    expect(blocks.map((b) => b.type)).toEqual(['section', 'section', 'context']);
    expect(JSON.stringify(main!.args)).toContain('tram');
  });

  it('answers `/brief` and `/brief help` with ephemeral usage, and nothing else', async () => {
    for (const text of ['', 'help']) {
      const ack = await brief(text);
      const body = JSON.parse(ack.body) as { response_type: string; text: string };
      expect(body.response_type).toBe('ephemeral');
      expect(body.text).toContain('/brief <link>');
    }
    await new Promise((r) => setTimeout(r, 100));
    expect(h.api.callsTo('chat.postMessage')).toEqual([]);
  });

  it('falls back to response_url when the bot is not in the channel, with an invite hint', async () => {
    h.api.failWith('chat.postMessage', 'not_in_channel');
    const responseUrl = h.hooks.newUrl();
    await brief(h.articles.url('/summit'), responseUrl);
    const posts = await h.hooks.waitForPosts(responseUrl, 3);
    expect(posts[0]!.body).toMatchObject({ response_type: 'in_channel', unfurl_links: false });
    expect(JSON.stringify(posts[0]!.body['blocks'])).toContain('Kim');
    expect(posts[1]!.body).toMatchObject({ response_type: 'in_channel' });
    expect(JSON.stringify(posts[1]!.body['blocks'])).toContain('Key facts');
    expect(posts.at(-1)!.body).toMatchObject({ response_type: 'ephemeral', text: INVITE_HINT_TEXT });
    await new Promise((r) => setTimeout(r, 100));
    expect(h.hooks.postsTo(responseUrl).length).toBeLessThanOrEqual(RESPONSE_URL_MAX_USES);
    expect(h.api.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('falls back the same way in a DM it cannot post to (channel_not_found)', async () => {
    h.api.failWith('chat.postMessage', 'channel_not_found');
    const responseUrl = h.hooks.newUrl();
    await brief(h.articles.url('/summit'), responseUrl, 'D0DIRECT');
    const posts = await h.hooks.waitForPosts(responseUrl, 3);
    expect(posts[0]!.body).toMatchObject({ response_type: 'in_channel' });
  });

  it('tells the user ephemerally why a URL was refused, and posts nothing', async () => {
    const responseUrl = h.hooks.newUrl();
    await brief('http://127.0.0.1:1/admin', responseUrl);
    const [notice] = await h.hooks.waitForPosts(responseUrl, 1);
    expect(notice!.body['response_type']).toBe('ephemeral');
    expect(String(notice!.body['text'])).toMatch(/^⚠️ /);
    expect(h.api.callsTo('chat.postMessage')).toEqual([]);
  });

  it('tells the user when the page does not exist', async () => {
    const responseUrl = h.hooks.newUrl();
    await brief(h.articles.url('/missing'), responseUrl);
    const [notice] = await h.hooks.waitForPosts(responseUrl, 1);
    expect(notice!.body['response_type']).toBe('ephemeral');
    expect(String(notice!.body['text'])).toMatch(/404|not found|could not/i);
  });

  it('keeps working after Slack refuses a post (no crash, user told)', async () => {
    h.api.failWith('chat.postMessage', 'msg_too_long');
    const responseUrl = h.hooks.newUrl();
    await brief(h.articles.url('/summit'), responseUrl);
    const [notice] = await h.hooks.waitForPosts(responseUrl, 1);
    expect(String(notice!.body['text'])).toMatch(/went wrong on our side/);
    expect(h.logs.some((l) => l['msg'] === 'brief delivery failed' && l['level'] === 'error')).toBe(true);
    h.api.reset();
    await brief(h.articles.url('/summit'));
    await h.api.waitForCalls('chat.postMessage', 2);
  });
});

describe('a slow site', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness({
      pages: { '/slow': { hang: true } },
      runtime: { jobTimeoutMs: 300 },
    });
  });
  afterAll(() => h.close());

  it('acks at once however slow the page is, and says so when the brief takes too long', async () => {
    const responseUrl = h.hooks.newUrl();
    const ack = await postSlashCommand(h.eventsUrl, TEST_SIGNING_SECRET, {
      text: h.articles.url('/slow'),
      response_url: responseUrl,
    });
    expect(ack.status).toBe(200);
    expect(ack.ms).toBeLessThan(1_000);
    const [notice] = await h.hooks.waitForPosts(responseUrl, 1);
    expect(notice!.body).toMatchObject({ response_type: 'ephemeral' });
    expect(String(notice!.body['text'])).toMatch(/took too long/);
    expect(h.api.callsTo('chat.postMessage')).toEqual([]);
  });
});

describe('a full work queue', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness({
      pages: { '/summit': summitPage() },
      runtime: { concurrency: 1, maxPending: 1 },
    });
  });
  afterAll(() => h.close());

  it('says "busy" in the ack instead of queueing without bound', async () => {
    h.api.delayMs = 300;
    const url = h.articles.url('/summit');
    const acks = await Promise.all(
      [1, 2, 3, 4].map(() =>
        postSlashCommand(h.eventsUrl, TEST_SIGNING_SECRET, { text: url, response_url: h.hooks.newUrl() }),
      ),
    );
    const texts = acks.map((a) => (JSON.parse(a.body) as { text: string }).text);
    expect(texts.filter((t) => t === WORKING_TEXT)).toHaveLength(2);
    expect(texts.filter((t) => t === BUSY_TEXT)).toHaveLength(2);
    await h.api.waitForCalls('chat.postMessage', 4);
  });
});
