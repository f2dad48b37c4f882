import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackHarness, TEST_SIGNING_SECRET, type SlackHarness } from '../../helpers/slack-harness.js';
import { postSlashCommand, slashCommandBody, slackSignature } from '../../helpers/slack-signed-client.js';

describe('request verification and health', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness();
  });
  afterAll(() => h.close());

  const fields = () => ({ text: 'help', response_url: h.hooks.newUrl() });

  it('accepts a correctly signed request', async () => {
    expect((await postSlashCommand(h.eventsUrl, TEST_SIGNING_SECRET, fields())).status).toBe(200);
  });

  it('refuses a bad signature with 401 and runs nothing', async () => {
    const before = h.api.calls.length;
    const wrongSecret = await postSlashCommand(h.eventsUrl, 'not-the-secret', fields());
    expect(wrongSecret.status).toBe(401);
    const f = fields();
    const ts = Math.floor(Date.now() / 1000);
    // Signed for a different body: what a tampered request looks like.
    const tampered = await postSlashCommand(h.eventsUrl, TEST_SIGNING_SECRET, f, {
      timestamp: ts,
      signature: slackSignature(TEST_SIGNING_SECRET, ts, slashCommandBody({ ...f, text: 'other' })),
    });
    expect(tampered.status).toBe(401);
    expect(h.api.calls.length).toBe(before);
  });

  it('refuses a stale timestamp (over 5 minutes old) even when correctly signed', async () => {
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    const res = await postSlashCommand(h.eventsUrl, TEST_SIGNING_SECRET, fields(), { timestamp: stale });
    expect(res.status).toBe(401);
  });

  it('answers GET /healthz with 200 once ready', async () => {
    const res = await fetch(h.healthUrl);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('checked the token with auth.test at start-up', () => {
    // Calls are cleared by nobody in this file: the first one is start-up's.
    expect(h.api.calls[0]).toMatchObject({ method: 'auth.test', authorized: true });
  });
});
