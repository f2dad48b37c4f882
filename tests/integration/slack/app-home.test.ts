import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedCall } from '../../helpers/fake-slack-api.js';
import { ledgerDigest, sub } from '../../helpers/sample-ledger.js';
import { startMultiSlackHarness, type MultiSlackHarness } from '../../helpers/slack-multi-harness.js';

/**
 * App Home in a deployment with two workspaces: each person sees their own channels' digests in
 * their own workspace, the workspace's usage this month and its defaults, which only admins may
 * change (checked again when the modal is submitted). Feed titles are untrusted and stay inert.
 */
const NASTY = '<!channel> Evil & Co <https://evil.example|click>';
let h: MultiSlackHarness;
const views = (teamId: string, user: string) =>
  h.api.callsBy(teamId, 'views.publish').filter((c) => c.args['user_id'] === user);
const blocksOf = (call: RecordedCall) => JSON.stringify((call.args['view'] as { blocks: unknown }).blocks);

async function openHome(teamId: string, user: string): Promise<string> {
  const before = views(teamId, user).length;
  expect(await h.event(teamId, { type: 'app_home_opened', user, channel: 'D1', tab: 'home' })).toBe(200);
  await expect.poll(() => views(teamId, user).length).toBe(before + 1);
  const call = views(teamId, user).at(-1)!;
  expect((call.args['view'] as { type: string }).type).toBe('home');
  return blocksOf(call);
}

const submission = (teamId: string, user: string, values: Record<string, string>, metadata = teamId) => ({
  type: 'view_submission',
  team: { id: teamId, domain: 'x' },
  user: { id: user, team_id: teamId },
  api_app_id: 'A0APP',
  token: 'deprecated-verification-token',
  trigger_id: `trig-${Math.random()}`,
  view: {
    id: 'V1',
    team_id: teamId,
    type: 'modal',
    callback_id: 'workspace_defaults',
    private_metadata: metadata,
    state: {
      values: Object.fromEntries(
        Object.entries(values).map(([block, value]) => [
          block,
          { value: { type: 'static_select', selected_option: { value } } },
        ]),
      ),
    },
    hash: 'h',
  },
});

beforeAll(async () => {
  h = await startMultiSlackHarness({ start: Date.UTC(2025, 5, 20, 12, 0) });
  await h.install({ teamId: 'TA' });
  await h.install({ teamId: 'TB' });
  const a1 = { platform: 'slack' as const, workspaceId: 'TA', channelId: 'CA1' };
  const a2 = { platform: 'slack' as const, workspaceId: 'TA', channelId: 'CA2' };
  const b1 = { platform: 'slack' as const, workspaceId: 'TB', channelId: 'CB1' };
  await h.store.addSubscription({
    ...sub(a1, 'https://a.example/feed.xml', '07:30', 'Europe/Berlin'),
    feedTitle: NASTY,
  });
  await h.store.addSubscription(sub(a2, 'https://a.example/secret-channel.xml'));
  await h.store.addSubscription(sub(b1, 'https://b.example/only-b.xml'));
  // A's channel: one digest sent, and a later one Slack refused.
  const sent = (await h.store.commitDigest({
    kind: 'now',
    digest: ledgerDigest(a1, '2025-06-18'),
    keys: [],
    at: 1,
  }))!;
  await h.store.markParentPosted(sent.id, 'ts', Date.UTC(2025, 5, 18, 5, 30));
  await h.store.markDone(sent.id, Date.UTC(2025, 5, 18, 5, 31));
  const failed = (await h.store.commitDigest({
    kind: 'scheduled',
    digest: {
      ...ledgerDigest(a1, '2025-06-19'),
      failedFeeds: [{ feedUrl: 'https://x.example/f', title: NASTY, reason: 'The feed answered 404.' }],
    },
    keys: [],
    at: Date.UTC(2025, 5, 19, 5, 30),
  }))!;
  await h.store.markAttemptFailed(failed.id, 0, false, Date.UTC(2025, 5, 19, 5, 31), 'not_in_channel');
  // Usage is counted from the first of the adapter's (real) current month.
  const today = Date.now();
  const lastMonth = Date.UTC(new Date(today).getUTCFullYear(), new Date(today).getUTCMonth(), 1) - 1;
  for (let i = 0; i < 3; i++) await h.store.recordBrief('slack:TA/CA1', today);
  await h.store.recordBrief('digest:slack:TA/CA1', today);
  await h.store.recordBrief('slack:TB/CB1', today);
  await h.store.recordBrief('slack:TA/CA1', lastMonth);
  await h.store.recordUsage({
    at: today,
    caller: 'slack:TA/CA1',
    model: 'm',
    kind: 'call',
    promptTokens: 1200,
    completionTokens: 34,
  });
  h.api.memberships = { UA: ['CA1', 'CX'], UA2: ['CA2'], UB: ['CB1'] };
  h.api.admins.add('UA');
});
afterAll(() => h?.close());

describe('App Home', () => {
  it('shows a person their own channels’ digests, the month’s usage and the defaults, escaped', async () => {
    const home = await openHome('TA', 'UA');
    expect(home).toContain('<#CA1>');
    expect(home).toContain('07:30');
    expect(home).toContain('Europe/Berlin');
    expect(home).toContain('https://a.example/feed.xml');
    // The feed's title is inert: no mention, no link.
    expect(home).toContain('&lt;!channel&gt; Evil &amp; Co &lt;https://evil.example|click&gt;');
    expect(home).not.toContain('<!channel>');
    expect(home).not.toContain('<https://evil');
    // When the last digest went out, and the last failure and why.
    expect(home).toContain(`<!date^${Math.floor(Date.UTC(2025, 5, 18, 5, 31) / 1000)}^`);
    expect(home).toContain('/invite @Brief');
    expect(home).toContain('The feed answered 404.');
    // Not a channel UA is not in, and nothing of the other workspace.
    expect(home).not.toContain('secret-channel');
    expect(home).not.toContain('CA2');
    expect(home).not.toContain('only-b');
    // This month: 4 briefs (commands and digests), the LLM tokens.
    expect(home).toContain('Briefs: *4*');
    expect(home).toContain('LLM tokens: *1,234*');
    // An admin gets the button.
    expect(home).toContain('home_edit_defaults');
  });

  it('shows the other workspace only its own, and no edit button to someone who is not an admin', async () => {
    const home = await openHome('TB', 'UB');
    expect(home).toContain('only-b');
    expect(home).not.toContain('a.example');
    expect(home).toContain('Briefs: *1*');
    expect(home).not.toContain('home_edit_defaults');
    expect(home).toContain('Only workspace admins');
    // Someone in TA who is in another channel sees that one only.
    const other = await openHome('TA', 'UA2');
    expect(other).toContain('secret-channel');
    expect(other).not.toContain('a.example/feed.xml');
  });

  it('opens the defaults modal for an admin and saves what they choose, then shows it', async () => {
    const open = await h.interaction({
      type: 'block_actions',
      team: { id: 'TA', domain: 'x' },
      user: { id: 'UA', team_id: 'TA' },
      api_app_id: 'A0APP',
      token: 'deprecated-verification-token',
      trigger_id: 'trig-open',
      container: { type: 'view', view_id: 'VH' },
      view: { id: 'VH', type: 'home', team_id: 'TA', blocks: [] },
      actions: [{ action_id: 'home_edit_defaults', block_id: 'b', type: 'button', action_ts: '1' }],
    });
    expect(open.status).toBe(200);
    await expect.poll(() => h.api.callsBy('TA', 'views.open').length).toBe(1);
    const modal = h.api.callsBy('TA', 'views.open')[0]!.args;
    expect(modal['trigger_id']).toBe('trig-open');
    expect((modal['view'] as { callback_id: string }).callback_id).toBe('workspace_defaults');

    const saved = await h.interaction(
      submission('TA', 'UA', { engine: 'extractive', language: 'de', length: 'short' }),
    );
    expect(saved.status).toBe(200);
    expect(saved.body).toBe('');
    await expect
      .poll(() => h.store.getWorkspaceSettings({ platform: 'slack', workspaceId: 'TA' }))
      .toMatchObject({
        engine: 'extractive',
        language: 'de',
        length: 'short',
        updatedBy: 'UA',
      });
    await expect.poll(() => blocksOf(views('TA', 'UA').at(-1)!)).toContain('German (de)');
    expect(blocksOf(views('TA', 'UA').at(-1)!)).toContain('Brief length: Short');
  });

  it('refuses to save for someone who is not an admin, or for another workspace', async () => {
    const before = await h.store.getWorkspaceSettings({ platform: 'slack', workspaceId: 'TB' });
    const refused = await h.interaction(
      submission('TB', 'UB', { engine: 'extractive', language: 'fr', length: 'detailed' }),
    );
    expect(JSON.parse(refused.body)).toMatchObject({ response_action: 'errors' });
    expect(await h.store.getWorkspaceSettings({ platform: 'slack', workspaceId: 'TB' })).toEqual(before);
    // An admin of TA submitting a modal that claims to be TB's.
    const crossed = await h.interaction(
      submission('TA', 'UA', { engine: 'auto', language: 'fr', length: 'short' }, 'TB'),
    );
    expect(JSON.parse(crossed.body)).toMatchObject({ response_action: 'errors' });
    // A value the modal never offered.
    const forged = await h.interaction(
      submission('TA', 'UA', { engine: 'gpt-99', language: 'de', length: 'short' }),
    );
    expect(JSON.parse(forged.body)).toMatchObject({ response_action: 'errors' });
    expect(await h.store.getWorkspaceSettings({ platform: 'slack', workspaceId: 'TA' })).toMatchObject({
      engine: 'extractive',
      language: 'de',
    });
  });
});
