import { execFile } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runDbCommand } from '../../../src/cli/db-command.js';
import { copySqliteToPostgres } from '../../../src/store/copy-to-postgres.js';
import { openPostgresStore, openSqliteStore, openStore } from '../../../src/store/open-store.js';
import { SCHEMA_VERSION } from '../../../src/store/migrations.js';
import { postgresAvailable, resetDatabase, usePostgresDatabase } from '../../helpers/postgres.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

const FIXTURE = join(import.meta.dirname, '../../fixtures/store/brief-v2.db');
const slack = { platform: 'slack', workspaceId: 'T1', channelId: 'C1' } as const;
const discord = { platform: 'discord', workspaceId: '111', channelId: '222' } as const;

async function db(argv: string[], store: { path: string; databaseUrl: string | null }) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runDbCommand(argv, {
    io: { out: (t) => out.push(t), err: (t) => err.push(t) },
    store: { ...store, poolMax: 1 },
    openStore,
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe.skipIf(!postgresAvailable)('brief db migrate-to-postgres', () => {
  const database = usePostgresDatabase();
  let tmp: ReturnType<typeof makeTempDir>;
  let file: string;
  beforeEach(async () => {
    await resetDatabase(database.url);
    tmp = makeTempDir();
    file = join(tmp.dir, 'brief.db');
    copyFileSync(FIXTURE, file);
  });
  afterEach(() => tmp.cleanup());

  // A `brief` process loading TypeScript and both drivers: seconds on 2 busy cores.
  it(
    'copies a version-2 SQLite store into PostgreSQL (the real command), and refuses to copy it twice',
    { timeout: 90_000 },
    async () => {
      const brief = (args: string[]) =>
        promisify(execFile)(process.execPath, ['bin/brief.js', ...args], {
          env: { ...process.env, BRIEF_DB: file, BRIEF_DATABASE_URL: database.url, LOG_LEVEL: 'silent' },
        });
      const { stdout } = await brief(['db', 'migrate-to-postgres']);
      expect(stdout).toContain(
        `Copied 18 rows from ${file} to PostgreSQL at 127.0.0.1:5432/${database.name}`,
      );
      expect(stdout).toMatch(/^ {2}subscriptions\s+3$/m);
      expect(stdout).toMatch(/^ {2}digest_ledger\s+4$/m);
      expect(stdout).toMatch(/^ {2}seen_items\s+6$/m);
      expect(stdout).toContain(`schema version ${SCHEMA_VERSION}`);

      // A second run refuses: nothing can be doubled.
      const again = await db(['migrate-to-postgres'], { path: file, databaseUrl: database.url });
      expect(again.code).toBe(1);
      expect(again.err).toMatch(/already holds data: brief_cache \(2\), usage_ledger \(2\)/);

      // What the bots will see, on PostgreSQL now.
      const store = await openPostgresStore(database.url, { poolMax: 1 });
      try {
        const at = Date.UTC(2025, 5, 2, 12);
        expect((await store.getBrief('k-good', at))?.headline).toBeTruthy();
        expect(await store.usageTotals()).toEqual([
          { day: '2025-06-01', caller: 'cli', calls: 0, cacheHits: 1, promptTokens: 0, completionTokens: 0 },
          {
            day: '2025-06-01',
            caller: 'slack:T1/C1',
            calls: 1,
            cacheHits: 0,
            promptTokens: 1200,
            completionTokens: 300,
          },
        ]);
        expect((await store.listSubscriptions(slack)).map((s) => [s.id, s.feedUrl])).toEqual([
          [1, 'https://feeds.example/a.xml'],
          [2, 'https://feeds.example/b.xml'],
        ]);
        expect(await store.channelSchedule(discord)).toMatchObject({
          time: '18:30',
          timezone: 'America/New_York',
        });
        expect((await store.getFeedState('https://feeds.example/a.xml'))?.items).toHaveLength(1);
        expect(await store.seenKeys(slack, ['g:old1', 'g:old2', 'g:1', 'g:2', 'g:9'])).toEqual(
          new Set(['g:old1', 'g:old2', 'g:1', 'g:2']),
        );
        expect(await store.hasScheduledDigest(slack, '2025-06-01')).toBe(true);
        // The crash-interrupted deliveries resume from where the file left them.
        expect(
          (await store.pendingDeliveries(at)).map((e) => [e.id, e.status, e.storiesPosted, e.parentRef]),
        ).toEqual([
          [2, 'parent_posted', 1, '1717316400.000200'],
          [3, 'composed', 0, null],
        ]);
        // Seen items still belong to their digests: rolling the unposted "now" back frees its keys.
        expect(await store.rollbackDigest(3)).toBe(true);
        expect(await store.seenKeys(discord, ['g:3'])).toEqual(new Set());
        // New rows continue after the copied ids.
        const added = await store.addSubscription({
          channel: slack,
          feedUrl: 'https://feeds.example/c.xml',
          feedTitle: null,
          time: '09:00',
          timezone: 'Europe/Berlin',
          maxStories: 10,
          addedBy: 'U3',
          createdAt: at,
        });
        expect(added?.id).toBe(4);
        const now = await store.commitDigest({
          kind: 'now',
          digest: { channel: slack, localDate: '2025-06-03', timezone: 'UTC', stories: [], failedFeeds: [] },
          keys: [],
          at,
        });
        expect(now?.id).toBe(5);
      } finally {
        await store.close();
      }
    },
  );

  it('copies in batches, every row of a larger store', async () => {
    const source = openSqliteStore(file);
    const keys = Array.from({ length: 1234 }, (_, i) => `g:${i}`);
    await source.markSeen(slack, keys, 1);
    for (let i = 0; i < 250; i++)
      await source.recordUsage({
        at: i,
        caller: 'cli',
        model: 'm',
        kind: 'call',
        promptTokens: 1,
        completionTokens: 1,
      });
    // Slack for many workspaces: an install (its token sealed), its defaults, its brief count.
    await source.putSlackInstallation({
      installKey: 'T:T1',
      enterpriseId: null,
      teamId: 'T1',
      isEnterpriseInstall: false,
      appId: 'A1',
      teamName: 'Team',
      enterpriseName: null,
      enterpriseUrl: null,
      botTokenSealed: 'enc1:0123abcd:c2VhbGVk',
      botRefreshSealed: null,
      botExpiresAt: null,
      botUserId: 'UBOT',
      botId: 'BBOT',
      botScopes: ['commands'],
      installerUserId: 'U1',
      installedAt: 1,
      updatedAt: 1,
    });
    await source.putWorkspaceSettings(
      { platform: 'slack', workspaceId: 'T1' },
      { engine: 'llm', language: 'de', length: null, updatedBy: 'U1', updatedAt: 1 },
    );
    await source.recordBrief('slack:T1/C1', 1);
    await source.close();
    const tables: string[] = [];
    const counts = await copySqliteToPostgres({
      from: file,
      to: database.url,
      batchSize: 100,
      onTable: (t) => tables.push(t),
    });
    expect(counts).toEqual({
      brief_cache: 2,
      usage_ledger: 252,
      subscriptions: 3,
      feed_state: 1,
      digest_ledger: 4,
      seen_items: 1238, // g:1 and g:2 were seen already
      slack_installations: 1,
      slack_org_teams: 0,
      slack_oauth_states: 0,
      workspace_settings: 1,
      brief_counts: 1,
    });
    expect(tables).toEqual(Object.keys(counts));
    const store = await openPostgresStore(database.url, { poolMax: 1 });
    expect((await store.seenKeys(slack, keys)).size).toBe(1234);
    expect((await store.usageTotals())[0]).toMatchObject({ day: '1970-01-01', calls: 250 });
    expect((await store.getSlackInstallation('T:T1'))?.botTokenSealed).toBe('enc1:0123abcd:c2VhbGVk');
    expect(await store.getWorkspaceSettings({ platform: 'slack', workspaceId: 'T1' })).toMatchObject({
      engine: 'llm',
    });
    await store.close();
  });

  it('takes --from and --to over the environment', async () => {
    const result = await db(['migrate-to-postgres', '--from', file, '--to', database.url], {
      path: join(tmp.dir, 'elsewhere.db'),
      databaseUrl: null,
    });
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^Copied 18 rows/);
  });

  it('refuses a missing file without creating one, and says what to pass', async () => {
    const missing = join(tmp.dir, 'none', 'brief.db');
    const result = await db(['migrate-to-postgres', '--from', missing], {
      path: file,
      databaseUrl: database.url,
    });
    expect(result).toMatchObject({ code: 1 });
    expect(result.err).toContain(`there is no SQLite store at ${missing}`);
  });

  it('says where to copy to when neither --to nor BRIEF_DATABASE_URL is given, and refuses other URLs', async () => {
    expect(await db(['migrate-to-postgres'], { path: file, databaseUrl: null })).toMatchObject({
      code: 2,
      err: expect.stringContaining('--to postgres://') as unknown,
    });
    expect(
      await db(['migrate-to-postgres', '--to', 'mysql://root@localhost/brief'], {
        path: file,
        databaseUrl: null,
      }),
    ).toMatchObject({ code: 2 });
    expect(await db(['nonsense'], { path: file, databaseUrl: null })).toMatchObject({ code: 2 });
  });

  it('migrate brings the configured PostgreSQL database to the current schema', async () => {
    const result = await db(['migrate'], { path: file, databaseUrl: database.url });
    expect(result).toMatchObject({ code: 0 });
    expect(result.out).toContain(`is at schema version ${SCHEMA_VERSION}`);
  });
});

describe('brief db migrate (SQLite)', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    tmp = makeTempDir();
  });
  afterEach(() => tmp.cleanup());

  it('upgrades the file at BRIEF_DB', async () => {
    const file = join(tmp.dir, 'brief.db');
    copyFileSync(FIXTURE, file);
    const result = await db(['migrate'], { path: file, databaseUrl: null });
    expect(result).toMatchObject({
      code: 0,
      out: `The store (SQLite at ${file}) is at schema version ${SCHEMA_VERSION}.`,
    });
  });
});
