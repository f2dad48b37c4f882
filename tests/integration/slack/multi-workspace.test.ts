import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORKING_TEXT } from '../../../adapters/slack/render/notices.js';
import { storyParagraphs } from '../../helpers/feed-server.js';
import { startMultiSlackHarness, type MultiSlackHarness } from '../../helpers/slack-multi-harness.js';

/**
 * One deployment, many workspaces: the real Bolt app in OAuth mode against the fake Web API,
 * installed by two workspaces through the real redirect flow (GET /slack/install -> Slack's
 * authorize page -> GET /slack/oauth_redirect -> oauth.v2.access at SLACK_API_URL). Everything
 * each workspace sees must come with its own token.
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let h: MultiSlackHarness;
const posts = (teamId: string) =>
  h.api.callsBy(teamId, 'chat.postMessage').filter((c) => c.response['ok'] === true);

beforeAll(async () => {
  h = await startMultiSlackHarness({ start: Date.UTC(2025, 5, 2, 8, 0) });
  h.feeds.setArticle('/story/a', 'Harbour tram line approved', storyParagraphs('harbour tram', 1));
  h.feeds.setArticle('/story/b', 'Library opens until midnight', storyParagraphs('library hours', 2));
});
afterAll(() => h?.close());

describe('installing', () => {
  it('installs two workspaces through the real redirect flow, each with its own token', async () => {
    const a = await h.install({ teamId: 'TA', teamName: 'Alpha <News>' });
    expect(a.status).toBe(200);
    // The success page says where and what next, with Slack's values escaped.
    expect(a.html).toContain('Brief is installed in <strong>Alpha &lt;News&gt;</strong>');
    expect(a.html).toContain('/invite @Brief');
    expect(a.html).toContain('/brief https://');
    const b = await h.install({ teamId: 'TB', teamName: 'Beta' });
    expect(b.status).toBe(200);
    // The code went to SLACK_API_URL (the fake), once per install, with the app's credentials.
    const exchanges = h.api.callsTo('oauth.v2.access');
    expect(exchanges).toHaveLength(2);
    expect(
      exchanges.every((c) => c.authorized && c.args['client_id'] === h.config.slack!.oauth!.clientId),
    ).toBe(true);
    expect(await h.store.getSlackInstallation('T:TA')).toMatchObject({ teamId: 'TA', botUserId: 'UBOTTA' });
    expect(await h.store.getSlackInstallation('T:TB')).toMatchObject({ teamId: 'TB', botUserId: 'UBOTTB' });
  });

  it('refuses a replayed, a forged and a cookie-less state, and says what to do', async () => {
    const first = await h.install({ teamId: 'TC' });
    expect(first.status).toBe(200);
    const exchanges = h.api.callsTo('oauth.v2.access').length;
    // The same redirect again (a replay): the state was used.
    const replay = await fetch(first.redirect, { headers: { cookie: first.cookie } });
    expect(replay.status).toBe(400);
    expect(await replay.text()).toContain('This installation link cannot be used');
    // A state this server never signed, with a matching cookie.
    const forged = new URL(first.redirect);
    forged.searchParams.set('state', 'made-up.c2lnbmF0dXJl');
    const forgedRes = await fetch(forged, {
      headers: { cookie: 'slack-app-oauth-state=made-up.c2lnbmF0dXJl' },
    });
    expect(forgedRes.status).toBe(400);
    // A fresh, genuine state without the browser's cookie (another browser: CSRF).
    h.api.approveNextInstall({ teamId: 'TD' });
    const page = await (await fetch(`${h.base}/slack/install`)).text();
    const href = /href="(http[^"]+)"/.exec(page)![1]!.replace(/&amp;/g, '&');
    const redirect = (await fetch(href, { redirect: 'manual' })).headers.get('location')!;
    expect((await fetch(redirect)).status).toBe(400);
    // None of them reached oauth.v2.access, and nothing was stored.
    expect(h.api.callsTo('oauth.v2.access')).toHaveLength(exchanges);
    expect(await h.store.getSlackInstallation('T:TD')).toBeNull();
    // Cancelling on Slack's page is said as such.
    const cancelled = await fetch(`${h.base}/slack/oauth_redirect?error=access_denied&state=x`);
    expect(await cancelled.text()).toContain('Installation cancelled');
  });
});

describe('working in each workspace', () => {
  it('answers /brief in each workspace with that workspace’s own token', async () => {
    const ackA = await h.command('TA', `<${h.feeds.url('/story/a')}>`, { channel: 'CA1' });
    const ackB = await h.command('TB', `<${h.feeds.url('/story/b')}>`, { channel: 'CB1' });
    expect(JSON.parse(ackA.body)).toEqual({ response_type: 'ephemeral', text: WORKING_TEXT });
    expect(JSON.parse(ackB.body)).toEqual({ response_type: 'ephemeral', text: WORKING_TEXT });
    await h.slack.idle();
    expect(posts('TA').map((c) => c.args['channel'])).toContain('CA1');
    expect(posts('TB').map((c) => c.args['channel'])).toContain('CB1');
    // Never the other's channel with one's token.
    expect(posts('TA').some((c) => c.args['channel'] === 'CB1')).toBe(false);
    expect(posts('TB').some((c) => c.args['channel'] === 'CA1')).toBe(false);
    expect(h.api.callsTo('chat.postMessage').every((c) => c.authorized)).toBe(true);
    // Usage is counted per workspace.
    expect((await h.store.workspaceUsage({ platform: 'slack', workspaceId: 'TA' }, '')).briefs).toBe(1);
  });

  it('sends each workspace’s digest with its own token; an uninstall stops only that one', async () => {
    const item = (n: number, subject: string) => ({
      guid: `g${n}`,
      title: subject,
      link: h.feeds.url(`/story/${n}`),
      description: `${subject}: what was decided.`,
      published: h.clock.now - HOUR,
    });
    h.feeds.setArticle('/story/1', 'Harbour tram line approved', storyParagraphs('harbour tram', 3));
    h.feeds.setArticle('/story/2', 'Park fountain restored', storyParagraphs('park fountain', 4));
    h.feeds.setFeed('/news.xml', { title: 'City News', items: [item(1, 'Harbour tram line approved')] });
    for (const [team, channel] of [
      ['TA', 'CA1'],
      ['TB', 'CB1'],
    ] as const) {
      await h.digest.subscribe({
        channel: { platform: 'slack', workspaceId: team, channelId: channel },
        feedUrl: h.feeds.url('/news.xml'),
        time: '09:00',
        timezone: 'UTC',
        addedBy: `U${team}`,
      });
    }
    const before = { a: posts('TA').length, b: posts('TB').length };
    h.clock.now = Date.UTC(2025, 5, 2, 9, 1);
    await h.scheduler.tick();
    const digestA = posts('TA').slice(before.a);
    const digestB = posts('TB').slice(before.b);
    expect(digestA.length).toBeGreaterThan(0);
    expect(digestB.length).toBeGreaterThan(0);
    expect(digestA.every((c) => c.args['channel'] === 'CA1')).toBe(true);
    expect(digestB.every((c) => c.args['channel'] === 'CB1')).toBe(true);

    // Workspace A leaves: Slack revokes its token and sends app_uninstalled.
    const logsBefore = h.logs.length;
    const tokenA = [...h.api.workspaces.values()].find((w) => w.teamId === 'TA')!;
    tokenA.installed = false;
    expect(await h.event('TA', { type: 'app_uninstalled' })).toBe(200);
    await expect.poll(() => h.store.getSlackInstallation('T:TA')).toBeNull();
    await expect
      .poll(async () => (await h.store.channelSchedules()).map((s) => s.channel.workspaceId))
      .toEqual(['TB']);

    // Next day: B gets its digest, A nothing, and nobody logs an error about A.
    h.feeds.setFeed('/news.xml', {
      title: 'City News',
      items: [item(1, 'Harbour tram line approved'), item(2, 'Park fountain restored')],
    });
    const after = { a: h.api.callsBy('TA', 'chat.postMessage').length, b: posts('TB').length };
    h.clock.now += DAY;
    await h.scheduler.tick();
    expect(posts('TB').length).toBeGreaterThan(after.b);
    expect(h.api.callsBy('TA', 'chat.postMessage')).toHaveLength(after.a);
    expect(h.logs.slice(logsBefore).filter((l) => l['level'] === 'error')).toEqual([]);

    // A /brief from the workspace that left: Bolt finds no installation, nothing is posted.
    const hooksBefore = h.api.calls.length;
    const ack = await h.command('TA', `<${h.feeds.url('/story/a')}>`, { channel: 'CA1' });
    expect(ack.status).toBe(200);
    await h.slack.idle();
    expect(h.api.calls.slice(hooksBefore).filter((c) => c.teamId === 'TA')).toEqual([]);
    expect(h.hooks.postsTo(ack.responseUrl)).toEqual([]);
    // Said once, quietly: a workspace that left is no error of ours.
    expect(h.logs.slice(logsBefore).filter((l) => l['level'] === 'error')).toEqual([]);
    expect(h.logs.some((l) => l['msg'] === 'request from a workspace without an installation')).toBe(true);

    // Reinstalling starts clean: a new token, and no subscription came back.
    const again = await h.install({ teamId: 'TA', teamName: 'Alpha again' });
    expect(again.status).toBe(200);
    expect(await h.store.workspaceSubscriptions({ platform: 'slack', workspaceId: 'TA' })).toEqual([]);
    await h.command('TA', 'digest list', { channel: 'CA1' }).then((r) => {
      expect((JSON.parse(r.body) as { text: string }).text).toMatch(
        /no feeds|not follow|doesn’t follow|does not follow/i,
      );
    });
  });
});

describe('a workspace gone without a word', () => {
  it('ends its digest quietly when Slack refuses its token before app_uninstalled arrived', async () => {
    await h.install({ teamId: 'TE' });
    h.feeds.setFeed('/e.xml', {
      title: 'E News',
      items: [
        { guid: 'e1', title: 'Harbour tram', link: h.feeds.url('/story/a'), published: h.clock.now - HOUR },
      ],
    });
    const channel = { platform: 'slack' as const, workspaceId: 'TE', channelId: 'CE1' };
    await h.digest.subscribe({
      channel,
      feedUrl: h.feeds.url('/e.xml'),
      time: '09:00',
      timezone: 'UTC',
      addedBy: 'UTE',
    });
    [...h.api.workspaces.values()].find((w) => w.teamId === 'TE')!.installed = false;
    const logsBefore = h.logs.length;
    h.clock.now += DAY;
    await h.scheduler.tick();
    expect(h.api.callsBy('TE', 'chat.postMessage').map((c) => c.response['error'])).toEqual([
      'token_revoked',
    ]);
    expect(h.logs.slice(logsBefore)).toContainEqual(
      expect.objectContaining({
        level: 'info',
        msg: 'digest dropped: the workspace has no installation any more',
      }),
    );
    expect(h.logs.slice(logsBefore).filter((l) => l['level'] === 'error')).toEqual([]);
    // Given up at once: no retry tomorrow, and App Home would say why.
    expect(await h.store.pendingDeliveries(h.clock.now + DAY)).toEqual([]);
    expect((await h.store.digestStatus(channel)).lastDeliveryFailure?.error).toBe('uninstalled');
  });
});

describe('token rotation', () => {
  it('renews an expiring token with its refresh token, keeps both sealed, and posts with the new one', async () => {
    // Expires within Bolt's two-hour margin: the first request renews it.
    const install = await h.install({ teamId: 'TR', rotationSeconds: 3600 });
    expect(install.status).toBe(200);
    const stored = (await h.store.getSlackInstallation('T:TR'))!;
    expect(stored.botRefreshSealed).toMatch(/^enc1:/);
    await h.command('TR', `<${h.feeds.url('/story/a')}>`, { channel: 'CR1' });
    await h.slack.idle();
    const refreshes = h.api
      .callsTo('oauth.v2.access')
      .filter((c) => c.args['grant_type'] === 'refresh_token');
    expect(refreshes).toHaveLength(1);
    const renewed = (await h.store.getSlackInstallation('T:TR'))!;
    expect(renewed.botTokenSealed).not.toBe(stored.botTokenSealed);
    expect(renewed.botExpiresAt).toBeGreaterThan(stored.botExpiresAt!);
    // The fake refuses the old token: the brief went out with the new one.
    const posted = h.api.callsBy('TR', 'chat.postMessage');
    expect(posted.length).toBeGreaterThan(0);
    expect(posted.every((c) => c.authorized)).toBe(true);
  });
});
