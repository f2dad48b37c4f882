import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { postSlashCommand } from '../../helpers/slack-signed-client.js';
import { startSlackHarness, TEST_SIGNING_SECRET, type SlackHarness } from '../../helpers/slack-harness.js';

/**
 * Stopping with a deadline: what does not finish in the grace period is aborted, and its user is
 * told to try again rather than left with "Reading the article…" forever.
 */
let h: SlackHarness | undefined;
afterEach(async () => {
  await Promise.all([h?.api.close(), h?.hooks.close(), h?.articles.close()]);
  h = undefined;
});

describe('Slack adapter shutdown', () => {
  it('aborts a brief still running when the grace period ends, tells its user, and counts it', async () => {
    const held: ServerResponse[] = [];
    h = await startSlackHarness({ pages: { '/held': (_req, res) => void held.push(res) } });
    const hook = h.hooks.newUrl();
    const ack = await postSlashCommand(h.eventsUrl, TEST_SIGNING_SECRET, {
      text: h.articles.url('/held'),
      response_url: hook,
    });
    expect(ack.status).toBe(200);
    await expect.poll(() => held.length).toBe(1);

    const grace = new AbortController();
    const stopping = h.slack.stop({ deadline: grace.signal });
    grace.abort();
    expect(await stopping).toEqual({ finished: 0, aborted: 1, rejected: 0 });
    const [notice] = await h.hooks.waitForPosts(hook, 1);
    expect(JSON.stringify(notice)).toMatch(/restarting/);
    expect(h.logs.some((r) => r.msg === 'brief failed' && r['reason'] === 'shutdown')).toBe(true);
    held[0]!.destroy();
  });
});
