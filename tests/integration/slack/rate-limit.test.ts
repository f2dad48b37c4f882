import { afterEach, describe, expect, it } from 'vitest';
import { storyParagraphs } from '../../helpers/feed-server.js';
import { startMultiSlackHarness, type MultiSlackHarness } from '../../helpers/slack-multi-harness.js';

/**
 * Slack's limits are per workspace. Workspace A's chat.postMessage is answered 429 with
 * Retry-After 2 while it has a burst of /brief in flight; workspace B's /brief, sent while A
 * waits, must be posted inside A's Retry-After window. Asserted on the times the fake recorded
 * (when each call reached Slack), not on how long the test took.
 */
const RETRY_AFTER_S = 2;
const text = (n: number) => storyParagraphs(`harbour tram ${n}`, n).join('\n\n');

// The per-workspace share of the slots and the deferral of a rate-limited workspace's jobs are
// each shown alone, deterministically, in tests/unit/work-queue.test.ts and tests/unit/jobs/.
let h: MultiSlackHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

async function burst() {
  h = await startMultiSlackHarness({ runtime: { concurrency: 4 } });
  const harness = h;
  await harness.install({ teamId: 'TA' });
  await harness.install({ teamId: 'TB' });
  harness.api.rateLimit('TA', 'chat.postMessage', RETRY_AFTER_S, 1);
  for (let i = 0; i < 6; i++) await harness.command('TA', text(i), { channel: 'CA1' });
  let limited: number | undefined;
  await expect
    .poll(
      () =>
        (limited = harness.api
          .callsBy('TA', 'chat.postMessage')
          .find((c) => c.response['error'] === 'ratelimited')?.at),
    )
    .toBeDefined();
  const t429 = limited!;
  for (let i = 0; i < 3; i++) await harness.command('TB', text(10 + i), { channel: 'CB1' });
  await harness.slack.idle();
  const ok = (team: string) =>
    harness.api.callsBy(team, 'chat.postMessage').filter((c) => c.response['ok'] === true);
  return { t429, a: ok('TA'), b: ok('TB') };
}

describe('one workspace rate limited', () => {
  it('does not delay another workspace: B is posted while A waits out its Retry-After', async () => {
    const { t429, a, b } = await burst();
    const windowEnd = t429 + RETRY_AFTER_S * 1000;
    // Each brief is a channel post and its key facts in the thread.
    expect(b.filter((c) => c.args['thread_ts'] === undefined)).toHaveLength(3);
    for (const call of b) expect(call.at).toBeLessThan(windowEnd);
    // A waited (nothing of A's reached Slack inside its window but what was already on its way),
    // and then every one of its briefs went out.
    expect(a.filter((c) => c.at > t429 + 200 && c.at < windowEnd - 100)).toEqual([]);
    expect(a.filter((c) => c.args['thread_ts'] === undefined)).toHaveLength(6);
    expect(a.filter((c) => c.at >= windowEnd - 100).length).toBeGreaterThan(0);
    expect(h!.logs.filter((l) => l['level'] === 'error')).toEqual([]);
  });
});
