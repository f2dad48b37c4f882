import { randomBytes } from 'node:crypto';
import { readFileSync, existsSync } from 'node:fs';
import type { Installation } from '@slack/oauth';
import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { perTeamClients } from '../../../../adapters/slack/clients.js';
import {
  createSlackInstallations,
  type SlackInstallations,
} from '../../../../adapters/slack/installations/installation-store.js';
import {
  createOneTimeStateStore,
  STATE_TTL_MS,
} from '../../../../adapters/slack/installations/state-store.js';
import { isWorkspaceGone, WorkspaceGoneError } from '../../../../src/errors.js';
import { silentLogger } from '../../../../src/logger.js';
import { createSecretBox } from '../../../../src/secret-box.js';
import type { KyselyStore } from '../../../../src/store/open-store.js';
import { openSqliteStore } from '../../../../src/store/open-store.js';
import { TABLES } from '../../../../src/store/schema.js';
import { describeEachStore } from '../../../helpers/store-targets.js';

const BOT_TOKEN = `xoxb-${randomBytes(12).toString('hex')}`;
const REFRESH_TOKEN = `xoxe-1-${randomBytes(12).toString('hex')}`;
const key = () => randomBytes(32).toString('base64');

const teamInstall = (teamId: string, token = BOT_TOKEN): Installation => ({
  team: { id: teamId, name: `Team ${teamId}` },
  enterprise: undefined,
  user: { id: 'UADMIN', token: undefined, scopes: undefined },
  bot: {
    token,
    refreshToken: REFRESH_TOKEN,
    expiresAt: 2_000_000_000,
    scopes: ['commands', 'chat:write'],
    id: 'B1',
    userId: 'UBOT',
  },
  appId: 'A1',
  tokenType: 'bot',
  isEnterpriseInstall: false,
  authVersion: 'v2',
});

describeEachStore('Slack installations at rest', (t) => {
  let store: KyselyStore;
  let installations: SlackInstallations;
  let encryptionKey: string;
  beforeEach(async () => {
    store = await t.open();
    encryptionKey = key();
    installations = createSlackInstallations({
      store,
      box: createSecretBox({ encryptionKey, previousEncryptionKeys: [] }),
      now: () => 1000,
      logger: silentLogger,
    });
  });

  it('keeps no token in clear anywhere in the database, and gives it back whole', async () => {
    await installations.storeInstallation(teamInstall('T1'));
    // Every row of every table, as the database holds it.
    const dump: unknown[] = [];
    for (const table of TABLES) dump.push(await store.db.selectFrom(table).selectAll().execute());
    const text = JSON.stringify(dump);
    expect(text).not.toContain(BOT_TOKEN);
    expect(text).not.toContain(REFRESH_TOKEN);
    expect(text).not.toContain('xoxb-');
    const raw = await sql<{ bot_token_sealed: string; bot_refresh_sealed: string }>`
      SELECT bot_token_sealed, bot_refresh_sealed FROM slack_installations`.execute(store.db);
    expect(raw.rows[0]!.bot_token_sealed).toMatch(/^enc1:[0-9a-f]{8}:/);
    expect(raw.rows[0]!.bot_refresh_sealed).toMatch(/^enc1:[0-9a-f]{8}:/);
    if (t.dialect === 'sqlite') {
      // The file itself, and its write-ahead log, byte for byte.
      await store.close();
      const path = t.location.path;
      for (const file of [path, `${path}-wal`].filter((f) => existsSync(f)))
        expect(readFileSync(file).includes(Buffer.from(BOT_TOKEN))).toBe(false);
      store = await t.open();
      installations = createSlackInstallations({
        store,
        box: createSecretBox({ encryptionKey, previousEncryptionKeys: [] }),
        now: () => 1000,
        logger: silentLogger,
      });
    }
    const back = await installations.fetchInstallation({
      teamId: 'T1',
      enterpriseId: undefined,
      isEnterpriseInstall: false,
    });
    expect(back.bot).toMatchObject({
      token: BOT_TOKEN,
      refreshToken: REFRESH_TOKEN,
      expiresAt: 2_000_000_000,
      userId: 'UBOT',
      id: 'B1',
    });
    expect(back.team).toEqual({ id: 'T1', name: 'Team T1' });
    expect(back.user.token).toBeUndefined();
  });

  it('refuses a token moved to another workspace’s row', async () => {
    await installations.storeInstallation(teamInstall('T1'));
    await installations.storeInstallation(teamInstall('T2', 'xoxb-other'));
    const t1 = (await store.getSlackInstallation('T:T1'))!;
    await store.putSlackInstallation({
      ...(await store.getSlackInstallation('T:T2'))!,
      botTokenSealed: t1.botTokenSealed,
    });
    await expect(
      installations.fetchInstallation({ teamId: 'T2', enterpriseId: undefined, isEnterpriseInstall: false }),
    ).rejects.toThrow(/does not authenticate/);
  });

  it('finds an org-wide install by enterprise id, and by team id once a team of it was seen', async () => {
    await installations.storeInstallation({
      ...teamInstall('unused'),
      team: undefined,
      enterprise: { id: 'E1', name: 'Org' },
      isEnterpriseInstall: true,
    });
    expect(await store.getSlackInstallation('E:E1')).toMatchObject({ enterpriseId: 'E1', teamId: null });
    // A worker knows only the team: nothing yet.
    await expect(
      installations.fetchInstallation({ teamId: 'T9', enterpriseId: undefined, isEnterpriseInstall: false }),
    ).rejects.toBeInstanceOf(WorkspaceGoneError);
    // A request from T9 names the org...
    const viaRequest = await installations.fetchInstallation({
      teamId: 'T9',
      enterpriseId: 'E1',
      isEnterpriseInstall: true,
    });
    expect(viaRequest.enterprise?.id).toBe('E1');
    // ...after which the team alone finds it.
    const viaTeam = await installations.fetchInstallation({
      teamId: 'T9',
      enterpriseId: undefined,
      isEnterpriseInstall: false,
    });
    expect(viaTeam.bot?.token).toBe(BOT_TOKEN);
    // One workspace leaving never removes the org's install.
    await installations.deleteInstallation({ teamId: 'T9', enterpriseId: 'E1', isEnterpriseInstall: false });
    expect(await store.getSlackInstallation('E:E1')).not.toBeNull();
    await installations.deleteInstallation({
      teamId: undefined,
      enterpriseId: 'E1',
      isEnterpriseInstall: true,
    });
    expect(await store.getSlackInstallation('E:E1')).toBeNull();
  });

  it('re-seals under the new key what an old key sealed, once read', async () => {
    await installations.storeInstallation(teamInstall('T1'));
    const rotated = createSlackInstallations({
      store,
      box: createSecretBox({ encryptionKey: key(), previousEncryptionKeys: [encryptionKey] }),
      now: () => 2000,
      logger: silentLogger,
    });
    const before = (await store.getSlackInstallation('T:T1'))!.botTokenSealed;
    expect(
      (await rotated.fetchInstallation({ teamId: 'T1', enterpriseId: undefined, isEnterpriseInstall: false }))
        .bot?.token,
    ).toBe(BOT_TOKEN);
    const after = (await store.getSlackInstallation('T:T1'))!.botTokenSealed;
    expect(after.split(':')[1]).not.toBe(before.split(':')[1]);
  });
});

describe('the one-time OAuth state', () => {
  it('works once, must be signed by this app, and expires', async () => {
    const store = openSqliteStore(':memory:');
    const clock = { now: 0 };
    const states = createOneTimeStateStore({
      store,
      stateSecret: 'secret-one-0123456789',
      now: () => clock.now,
    });
    const options = { scopes: ['commands'] };
    const state = await states.generateStateParam(options, new Date());
    expect(await states.verifyStateParam(new Date(), state)).toEqual(options);
    await expect(states.verifyStateParam(new Date(), state)).rejects.toThrow(/already used/);
    // Signed with another secret: refused before the database is asked.
    const other = createOneTimeStateStore({
      store,
      stateSecret: 'secret-two-0123456789',
      now: () => clock.now,
    });
    const foreign = await other.generateStateParam(options, new Date());
    await expect(states.verifyStateParam(new Date(), foreign)).rejects.toThrow(/not issued by this app/);
    await expect(states.verifyStateParam(new Date(), 'no-dot')).rejects.toThrow(/malformed/);
    const late = await states.generateStateParam(options, new Date());
    clock.now += STATE_TTL_MS;
    await expect(states.verifyStateParam(new Date(), late)).rejects.toThrow(/expired/);
    await store.close();
  });
});

describe('per-team clients', () => {
  it('builds one client per team, reuses it, notices an uninstall, and rereads the install after a while', async () => {
    const clock = { now: 0 };
    const tokens: Record<string, string | null> = { T1: 'xoxb-1', T2: 'xoxb-2' };
    let reads = 0;
    const clients = perTeamClients({
      authorize: async (teamId) => {
        reads++;
        const token = tokens[teamId];
        if (!token) throw new WorkspaceGoneError('slack', teamId);
        return { botToken: token };
      },
      clientOptions: { slackApiUrl: 'http://127.0.0.1:9/api/' },
      now: () => clock.now,
      recheckMs: 60_000,
    });
    const [a, a2, b] = await Promise.all([
      clients.clientFor('T1'),
      clients.clientFor('T1'),
      clients.clientFor('T2'),
    ]);
    expect(a).toBe(a2);
    expect(a).not.toBe(b);
    expect(a.token).toBe('xoxb-1');
    expect(reads).toBe(2);
    expect(await clients.clientFor('T1')).toBe(a);
    expect(reads).toBe(2);
    // Another process handled the uninstall: seen within a minute.
    tokens['T1'] = null;
    clock.now += 60_000;
    const gone = await Promise.resolve(clients.clientFor('T1')).catch((e: unknown) => e);
    expect(isWorkspaceGone(gone)).toBe(true);
    // A reinstall's new token makes a new client; this process's uninstall forgets at once.
    tokens['T1'] = 'xoxb-1b';
    expect((await clients.clientFor('T1')).token).toBe('xoxb-1b');
    clients.forget('T2');
    await clients.clientFor('T2');
    expect(reads).toBe(5);
    expect(clients.limitedUntil('T1')).toBe(0);
  });
});
