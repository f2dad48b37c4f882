import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { slackErrorCode } from '../../../adapters/slack/slack-errors.js';
import { sampleDigest } from '../../helpers/sample-digest.js';
import { allMrkdwnVerbatim, slackLimitViolations } from '../../helpers/slack-limits.js';
import { startSlackHarness, type SlackHarness } from '../../helpers/slack-harness.js';

/** The Slack publisher (the bot's Web API client) against the fake Web API: what the scheduler calls. */
describe('Slack digest publisher', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness();
  });
  afterAll(() => h.close());
  beforeEach(() => h.api.reset());

  it('posts the parent in the channel and each story as a reply in its thread, previews off', async () => {
    const digest = sampleDigest();
    const parentRef = await h.slack.digestPublisher.postParent(digest);
    for (let i = 0; i < 3; i++) await h.slack.digestPublisher.postStory(digest, parentRef, i);
    const [parent, ...replies] = h.api.callsTo('chat.postMessage');
    expect(parent!.authorized).toBe(true);
    expect(parent!.args).toMatchObject({ channel: 'C0CHANNEL', unfurl_links: false, unfurl_media: false });
    expect(parent!.args['thread_ts']).toBeUndefined();
    expect(parentRef).toMatch(/^1700000000\.\d{6}$/);
    expect(replies).toHaveLength(3);
    replies.forEach((reply, i) => {
      expect(reply.args).toMatchObject({ channel: 'C0CHANNEL', thread_ts: parentRef, unfurl_links: false });
      expect(JSON.stringify(reply.args['blocks'])).toContain(`Story ${i + 1} of 3`);
    });
    for (const call of [parent!, ...replies]) {
      expect(slackLimitViolations(call.args)).toEqual([]);
      expect(allMrkdwnVerbatim(call.args['blocks'])).toBe(true);
    }
  });

  it('throws Slack’s error (not_in_channel) for the caller to explain or log', async () => {
    h.api.failWith('chat.postMessage', 'not_in_channel');
    const err: unknown = await h.slack.digestPublisher.postParent(sampleDigest()).catch((e: unknown) => e);
    expect(slackErrorCode(err)).toBe('not_in_channel');
  });
});
