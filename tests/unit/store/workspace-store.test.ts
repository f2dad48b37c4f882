import { beforeEach, describe, expect, it } from 'vitest';
import type { ChannelRef } from '../../../src/digest/types.js';
import { slackInstallKey, type SlackInstallationRecord, type Store } from '../../../src/store/store.js';
import { ledgerDigest, sub } from '../../helpers/sample-ledger.js';
import { describeEachStore } from '../../helpers/store-targets.js';

const a1: ChannelRef = { platform: 'slack', workspaceId: 'TA', channelId: 'C1' };
const a2: ChannelRef = { platform: 'slack', workspaceId: 'TA', channelId: 'C2' };
const b1: ChannelRef = { platform: 'slack', workspaceId: 'TB', channelId: 'C1' };
// The same id on another platform is another workspace.
const d1: ChannelRef = { platform: 'discord', workspaceId: 'TA', channelId: 'C1' };

const install = (over: Partial<SlackInstallationRecord> = {}): SlackInstallationRecord => ({
  installKey: 'T:TA',
  enterpriseId: null,
  teamId: 'TA',
  isEnterpriseInstall: false,
  appId: 'A1',
  teamName: 'Team A',
  enterpriseName: null,
  enterpriseUrl: null,
  botTokenSealed: 'enc1:abcd:sealed',
  botRefreshSealed: null,
  botExpiresAt: null,
  botUserId: 'UBOT',
  botId: 'BBOT',
  botScopes: ['commands', 'chat:write'],
  installerUserId: 'U1',
  installedAt: 100,
  updatedAt: 100,
  ...over,
});

describeEachStore('workspace store', (t) => {
  let store: Store;
  beforeEach(async () => {
    store = await t.open();
  });

  describe('settings', () => {
    it('stores a workspace’s defaults per platform and replaces them', async () => {
      const ws = { platform: 'slack' as const, workspaceId: 'TA' };
      expect(await store.getWorkspaceSettings(ws)).toBeNull();
      await store.putWorkspaceSettings(ws, {
        engine: 'llm',
        language: 'de',
        length: 'short',
        updatedBy: 'U1',
        updatedAt: 5,
      });
      await store.putWorkspaceSettings(ws, {
        engine: 'extractive',
        language: null,
        length: 'detailed',
        updatedBy: 'U2',
        updatedAt: 6,
      });
      expect(await store.getWorkspaceSettings(ws)).toEqual({
        engine: 'extractive',
        language: null,
        length: 'detailed',
        updatedBy: 'U2',
        updatedAt: 6,
      });
      expect(await store.getWorkspaceSettings({ platform: 'discord', workspaceId: 'TA' })).toBeNull();
    });
  });

  describe('usage', () => {
    it('sums a workspace’s briefs and LLM tokens since a day, commands and digests, and nobody else’s', async () => {
      const day = Date.UTC(2025, 5, 10);
      for (const caller of [
        'slack:TA/C1',
        'slack:TA/C2',
        'digest:slack:TA/C1',
        'slack:TB/C1',
        'slack:TAX/C1',
      ])
        await store.recordBrief(caller, day);
      await store.recordBrief('slack:TA/C1', day);
      await store.recordBrief('slack:TA/C1', Date.UTC(2025, 4, 31));
      await store.recordUsage({
        at: day,
        caller: 'slack:TA/C1',
        model: 'm',
        kind: 'call',
        promptTokens: 100,
        completionTokens: 10,
      });
      await store.recordUsage({
        at: day,
        caller: 'digest:slack:TA/C2',
        model: 'm',
        kind: 'call',
        promptTokens: 50,
        completionTokens: 5,
      });
      await store.recordUsage({
        at: day,
        caller: 'slack:TA/C1',
        model: 'm',
        kind: 'cache_hit',
        promptTokens: 0,
        completionTokens: 0,
      });
      await store.recordUsage({
        at: day,
        caller: 'slack:TB/C1',
        model: 'm',
        kind: 'call',
        promptTokens: 999,
        completionTokens: 9,
      });
      expect(await store.workspaceUsage({ platform: 'slack', workspaceId: 'TA' }, '2025-06-01')).toEqual({
        briefs: 4,
        llmCalls: 2,
        promptTokens: 150,
        completionTokens: 15,
      });
      expect(await store.workspaceUsage({ platform: 'slack', workspaceId: 'TZ' }, '2025-06-01')).toEqual({
        briefs: 0,
        llmCalls: 0,
        promptTokens: 0,
        completionTokens: 0,
      });
    });
  });

  describe('forgetting a workspace', () => {
    it('deletes its subscriptions, ledger, seen items, settings and usage, and nothing of others', async () => {
      for (const c of [a1, a2, b1, d1]) await store.addSubscription(sub(c, 'https://a.example/feed'));
      const entry = (await store.commitDigest({
        kind: 'scheduled',
        digest: ledgerDigest(a1, '2025-06-02'),
        keys: ['k1'],
        at: 5,
      }))!;
      await store.commitDigest({
        kind: 'scheduled',
        digest: ledgerDigest(b1, '2025-06-02'),
        keys: ['k1'],
        at: 5,
      });
      await store.markSeen(a2, ['old'], 1);
      await store.putWorkspaceSettings(
        { platform: 'slack', workspaceId: 'TA' },
        { engine: 'llm', language: null, length: null, updatedBy: 'U1', updatedAt: 1 },
      );
      await store.recordBrief('slack:TA/C1', 1);
      await store.recordBrief('slack:TB/C1', 1);
      await store.recordUsage({
        at: 1,
        caller: 'digest:slack:TA/C1',
        model: 'm',
        kind: 'call',
        promptTokens: 1,
        completionTokens: 1,
      });

      expect(await store.forgetWorkspace({ platform: 'slack', workspaceId: 'TA' })).toEqual({
        subscriptions: 2,
        digests: 1,
        seenItems: 2,
        settings: 1,
        usage: 1,
        briefCounts: 1,
      });
      expect(await store.listSubscriptions(a1)).toEqual([]);
      expect(await store.getDigestEntry(entry.id)).toBeNull();
      // A delivery still running finds nothing to claim, and stops.
      expect(await store.claimDelivery(entry.id, { owner: 'x', until: 10 }, 6)).toBeNull();
      expect(await store.seenKeys(a2, ['old'])).toEqual(new Set());
      expect(await store.getWorkspaceSettings({ platform: 'slack', workspaceId: 'TA' })).toBeNull();
      expect(await store.listSubscriptions(b1)).toHaveLength(1);
      expect(await store.listSubscriptions(d1)).toHaveLength(1);
      expect(await store.seenKeys(b1, ['k1'])).toEqual(new Set(['k1']));
      expect((await store.workspaceUsage({ platform: 'slack', workspaceId: 'TB' }, '')).briefs).toBe(1);
      expect((await store.channelSchedules()).map((s) => s.channel)).toEqual(
        expect.arrayContaining([b1, d1]),
      );
    });
  });

  describe('digest status', () => {
    it('says when the last digest went out and the last failure and why', async () => {
      const empty = await store.digestStatus(a1);
      expect(empty).toEqual({ lastSentAt: null, lastDeliveryFailure: null, lastFailedFeeds: null });
      const done = (await store.commitDigest({
        kind: 'now',
        digest: ledgerDigest(a1, '2025-06-01'),
        keys: [],
        at: 10,
      }))!;
      await store.markParentPosted(done.id, 'ts', 11);
      await store.markDone(done.id, 12);
      const failing = (await store.commitDigest({
        kind: 'scheduled',
        digest: {
          ...ledgerDigest(a1, '2025-06-02'),
          failedFeeds: [{ feedUrl: 'https://x/f', title: 'X', reason: 'gone' }],
        },
        keys: [],
        at: 20,
      }))!;
      await store.markAttemptFailed(failing.id, 100, false, 21, 'not_in_channel');
      expect(await store.digestStatus(a1)).toEqual({
        lastSentAt: 12,
        lastDeliveryFailure: { at: 21, error: 'not_in_channel' },
        lastFailedFeeds: { at: 20, feeds: [{ feedUrl: 'https://x/f', title: 'X', reason: 'gone' }] },
      });
      expect((await store.getDigestEntry(failing.id))?.lastError).toBe('not_in_channel');
      expect(await store.digestStatus(b1)).toEqual(empty);
    });
  });

  describe('Slack installations', () => {
    it('stores, replaces (keeping when it was first installed), finds and deletes by key', async () => {
      await store.putSlackInstallation(install());
      await store.putSlackInstallation(
        install({ botTokenSealed: 'enc1:abcd:new', installedAt: 500, updatedAt: 500 }),
      );
      expect(await store.getSlackInstallation('T:TA')).toEqual(
        install({ botTokenSealed: 'enc1:abcd:new', installedAt: 100, updatedAt: 500 }),
      );
      expect(await store.getSlackInstallation('T:TB')).toBeNull();
      expect(await store.deleteSlackInstallation('T:TA')).toBe(true);
      expect(await store.deleteSlackInstallation('T:TA')).toBe(false);
      expect(await store.getSlackInstallation('T:TA')).toBeNull();
    });

    it('keys org-wide installs by enterprise and maps their teams, forgetting them with the install', async () => {
      const key = slackInstallKey({ enterpriseId: 'E1' }, true);
      expect(key).toBe('E:E1');
      await store.putSlackInstallation(
        install({
          installKey: key,
          enterpriseId: 'E1',
          teamId: null,
          isEnterpriseInstall: true,
          botExpiresAt: 9_000,
        }),
      );
      await store.rememberSlackOrgTeam('TA', 'E1', 1);
      await store.rememberSlackOrgTeam('TB', 'E1', 2);
      expect(await store.slackOrgOfTeam('TA')).toBe('E1');
      expect(await store.slackOrgTeams('E1')).toEqual(['TA', 'TB']);
      expect((await store.getSlackInstallation(key))?.botExpiresAt).toBe(9_000);
      await store.deleteSlackInstallation(key);
      expect(await store.slackOrgOfTeam('TA')).toBeNull();
    });

    it('hands out an OAuth state once, and never after it expired', async () => {
      await store.putOAuthState('s1', '{"scopes":[]}', 0, 100);
      await store.putOAuthState('s2', '{}', 0, 100);
      expect(await store.takeOAuthState('s1', 50)).toBe('{"scopes":[]}');
      expect(await store.takeOAuthState('s1', 50)).toBeNull();
      expect(await store.takeOAuthState('s2', 100)).toBeNull();
      expect(await store.takeOAuthState('nope', 0)).toBeNull();
      await store.putOAuthState('s3', '{}', 0, 100);
      await store.putOAuthState('s4', '{}', 0, 300);
      expect(await store.pruneOAuthStates(200)).toBe(1);
      expect(await store.takeOAuthState('s4', 200)).toBe('{}');
    });
  });
});
