import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESPONSE_URL_LIFETIME_MS, RESPONSE_URL_MAX_USES } from '../../../../adapters/slack/limits.js';
import { createResponseUrl } from '../../../../adapters/slack/response-url.js';
import { silentLogger } from '../../../../src/logger.js';
import { startFakeResponseUrl, type FakeResponseUrl } from '../../../helpers/fake-response-url.js';

describe('guarded response_url', () => {
  let fake: FakeResponseUrl;
  beforeAll(async () => {
    fake = await startFakeResponseUrl();
  });
  afterAll(() => fake.close());

  const make = (url: string, clock: { t: number }) =>
    createResponseUrl(url, {
      receivedAt: 0,
      now: () => clock.t,
      fetch,
      timeoutMs: 5_000,
      logger: silentLogger,
    });

  it('sends JSON with previews off, and stops after Slack’s 5 uses', async () => {
    const url = fake.newUrl();
    const responseUrl = make(url, { t: 0 });
    const sent: boolean[] = [];
    for (let i = 0; i < RESPONSE_URL_MAX_USES + 2; i++) {
      sent.push(await responseUrl.send({ response_type: 'ephemeral', text: `n${i}` }));
    }
    expect(sent).toEqual([true, true, true, true, true, false, false]);
    const posts = fake.postsTo(url);
    expect(posts).toHaveLength(RESPONSE_URL_MAX_USES);
    expect(posts[0]!.body).toEqual({
      unfurl_links: false,
      unfurl_media: false,
      response_type: 'ephemeral',
      text: 'n0',
    });
    expect(responseUrl.remainingUses).toBe(0);
  });

  it('sends nothing once its 30 minutes are over', async () => {
    const url = fake.newUrl();
    const clock = { t: RESPONSE_URL_LIFETIME_MS - 1 };
    const responseUrl = make(url, clock);
    expect(await responseUrl.send({ response_type: 'in_channel', text: 'just in time' })).toBe(true);
    clock.t = RESPONSE_URL_LIFETIME_MS;
    expect(await responseUrl.send({ response_type: 'in_channel', text: 'too late' })).toBe(false);
    expect(fake.postsTo(url).map((p) => p.body['text'])).toEqual(['just in time']);
  });

  it('rejects when the endpoint refuses', async () => {
    const url = fake.newUrl();
    for (let i = 0; i < RESPONSE_URL_MAX_USES; i++)
      await make(url, { t: 0 }).send({ response_type: 'ephemeral', text: 'x' });
    await expect(make(url, { t: 0 }).send({ response_type: 'ephemeral', text: 'x' })).rejects.toThrow(/404/);
  });
});
