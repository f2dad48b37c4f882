import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MENTION_HINT_TEXT } from '../../../adapters/slack/render/notices.js';
import { startSlackHarness, TEST_SIGNING_SECRET, type SlackHarness } from '../../helpers/slack-harness.js';
import { summitPage } from '../../helpers/slack-pages.js';
import {
  appMentionEnvelope,
  messageShortcutPayload,
  postEvent,
  postInteraction,
} from '../../helpers/slack-signed-client.js';

describe('mentions and the message shortcut', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness({ pages: { '/summit': summitPage() } });
  });
  afterAll(() => h.close());
  beforeEach(async () => {
    await h.slack.idle();
    h.api.reset();
  });

  it('briefs the link of a mention in that message’s thread', async () => {
    const url = h.articles.url('/summit');
    const envelope = appMentionEnvelope('Ev001', {
      text: `<@UBOT> what is this? <${url}>`,
      ts: '1699999999.000100',
    });
    const ack = await postEvent(h.eventsUrl, TEST_SIGNING_SECRET, envelope);
    expect(ack.status).toBe(200);
    const [main, details] = await h.api.waitForCalls('chat.postMessage', 2);
    expect(main!.args).toMatchObject({
      channel: 'C0CHANNEL',
      thread_ts: '1699999999.000100',
      unfurl_links: false,
    });
    expect(details!.args).toMatchObject({ thread_ts: '1699999999.000100' });
  });

  it('runs a retried delivery of the same event once', async () => {
    const url = h.articles.url('/summit');
    const envelope = appMentionEnvelope('Ev002', { text: `<@UBOT> <${url}>`, ts: '1699999999.000200' });
    const first = await postEvent(h.eventsUrl, TEST_SIGNING_SECRET, envelope);
    const retry1 = await postEvent(h.eventsUrl, TEST_SIGNING_SECRET, envelope, { retryNum: 1 });
    const retry2 = await postEvent(h.eventsUrl, TEST_SIGNING_SECRET, envelope, { retryNum: 2 });
    expect([first.status, retry1.status, retry2.status]).toEqual([200, 200, 200]);
    await h.api.waitForCalls('chat.postMessage', 2);
    await new Promise((r) => setTimeout(r, 500));
    expect(h.api.callsTo('chat.postMessage')).toHaveLength(2);
    expect(
      h.logs.filter((l) => l['msg'] === 'slack event retry skipped' && l['eventId'] === 'Ev002'),
    ).toHaveLength(2);
  });

  it('answers a mention without a link with an ephemeral hint', async () => {
    const envelope = appMentionEnvelope('Ev003', { text: '<@UBOT> hello', ts: '1699999999.000300' });
    await postEvent(h.eventsUrl, TEST_SIGNING_SECRET, envelope);
    const [hint] = await h.api.waitForCalls('chat.postEphemeral', 1);
    expect(hint!.args).toMatchObject({ channel: 'C0CHANNEL', user: 'U0USER', text: MENTION_HINT_TEXT });
    expect(h.api.callsTo('chat.postMessage')).toEqual([]);
  });

  it('"Brief this message" briefs the message’s link in its thread', async () => {
    const url = h.articles.url('/summit');
    const payload = messageShortcutPayload({
      text: `Worth a read <${url}|the summit story>`,
      ts: '1699999999.000400',
      response_url: h.hooks.newUrl(),
    });
    const ack = await postInteraction(h.eventsUrl, TEST_SIGNING_SECRET, payload);
    expect(ack.status).toBe(200);
    const [main] = await h.api.waitForCalls('chat.postMessage', 2);
    expect(main!.args).toMatchObject({ channel: 'C0CHANNEL', thread_ts: '1699999999.000400' });
    expect(JSON.stringify(main!.args['blocks'])).toContain('Kim');
  });

  it('the shortcut falls back to response_url when the bot is not in the channel', async () => {
    h.api.failWith('chat.postMessage', 'not_in_channel');
    const responseUrl = h.hooks.newUrl();
    const payload = messageShortcutPayload({
      text: `<${h.articles.url('/summit')}>`,
      ts: '1699999999.000500',
      response_url: responseUrl,
    });
    await postInteraction(h.eventsUrl, TEST_SIGNING_SECRET, payload);
    const posts = await h.hooks.waitForPosts(responseUrl, 3);
    expect(posts[0]!.body['response_type']).toBe('in_channel');
  });

  it('acks a click on the "Open article" button', async () => {
    const res = await postInteraction(h.eventsUrl, TEST_SIGNING_SECRET, {
      type: 'block_actions',
      team: { id: 'T0TEST', domain: 'test' },
      user: { id: 'U0USER', team_id: 'T0TEST' },
      channel: { id: 'C0CHANNEL' },
      actions: [{ type: 'button', action_id: 'open_article', block_id: 'b', action_ts: '1' }],
      token: 'x',
      trigger_id: '1',
      api_app_id: 'A0APP',
    });
    expect(res.status).toBe(200);
  });
});
