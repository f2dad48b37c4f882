import BetterSqlite3 from 'better-sqlite3';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MigrationError, StoreError } from '../../../src/store/errors.js';
import { migratePostgres, migrateSqlite, sqliteSchemaVersion } from '../../../src/store/migrate.js';
import { migrations, SCHEMA_VERSION, type Migration } from '../../../src/store/migrations.js';
import { openPostgresStore, openSqliteStore, openStore } from '../../../src/store/open-store.js';
import { postgresAvailable, resetDatabase, usePostgresDatabase } from '../../helpers/postgres.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

const tables = (db: BetterSqlite3.Database) =>
  (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
      name: string;
    }[]
  ).map((r) => r.name);

const brokenNext = (version: number): Migration => ({
  version,
  name: 'broken',
  sqlite: 'CREATE TABLE half (id INTEGER); SELECT nope FROM missing;',
  postgres: 'CREATE TABLE half (id INTEGER); SELECT nope FROM missing;',
});

describe('SQLite migrations (PRAGMA user_version)', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    tmp = makeTempDir();
  });
  afterEach(() => tmp.cleanup());

  it('creates the file and its directory at the newest version, with WAL, NORMAL sync, foreign keys and a busy timeout', async () => {
    const path = join(tmp.dir, 'nested', 'dir', 'brief.db');
    const store = openSqliteStore(path);
    const pragma = async (name: string) =>
      Object.values(
        (await sql<Record<string, unknown>>`PRAGMA ${sql.raw(name)}`.execute(store.db)).rows[0]!,
      )[0];
    expect(await pragma('journal_mode')).toBe('wal');
    expect(await pragma('synchronous')).toBe(1);
    expect(await pragma('foreign_keys')).toBe(1);
    expect(await pragma('busy_timeout')).toBe(5000);
    await store.close();
    const db = new BetterSqlite3(path);
    expect(sqliteSchemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(tables(db)).toEqual(expect.arrayContaining(['brief_cache', 'usage_ledger', 'digest_ledger']));
    db.close();
  });

  it('is idempotent: reopening applies nothing and keeps the data', async () => {
    const path = join(tmp.dir, 'brief.db');
    const store = openSqliteStore(path);
    await store.recordUsage({
      at: 0,
      caller: 'cli',
      model: 'm',
      kind: 'call',
      promptTokens: 5,
      completionTokens: 1,
    });
    await store.close();
    const db = new BetterSqlite3(path);
    expect(migrateSqlite(db)).toEqual([]);
    db.close();
    const again = openSqliteStore(path);
    expect(await again.usageTotals()).toHaveLength(1);
    await again.close();
  });

  it('applies only the pending migrations, in order, each once', () => {
    const db = new BetterSqlite3(join(tmp.dir, 'brief.db'));
    expect(migrateSqlite(db, migrations.slice(0, 1))).toEqual([1]);
    const next: Migration = {
      version: 2,
      name: 'test table',
      sqlite: 'CREATE TABLE later (id INTEGER);',
      postgres: '',
    };
    expect(migrateSqlite(db, [...migrations.slice(0, 1), next])).toEqual([2]);
    expect(sqliteSchemaVersion(db)).toBe(2);
    expect(tables(db)).toContain('later');
    db.close();
  });

  it('rolls back a failing migration as a whole and keeps the old version', () => {
    const db = new BetterSqlite3(join(tmp.dir, 'brief.db'));
    migrateSqlite(db, migrations.slice(0, 1));
    expect(() => migrateSqlite(db, [...migrations.slice(0, 1), brokenNext(2)])).toThrow();
    expect(sqliteSchemaVersion(db)).toBe(1);
    expect(tables(db)).not.toContain('half');
    db.close();
  });

  it('refuses a database written by a newer release, naming BRIEF_DB', async () => {
    const path = join(tmp.dir, 'brief.db');
    const db = new BetterSqlite3(path);
    db.pragma('user_version = 99');
    db.close();
    const failure = await openStore({ path, databaseUrl: null, poolMax: 1 }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(MigrationError);
    expect((failure as Error).message).toMatch(
      /schema version 99, newer than this release of Brief knows \(\d+\)/,
    );
    expect((failure as Error).message).toContain('BRIEF_DB');
  });

  it('rejects a migration list with gaps', () => {
    const db = new BetterSqlite3(':memory:');
    expect(() => migrateSqlite(db, [{ version: 2, name: 'gap', sqlite: '', postgres: '' }])).toThrow(
      /version 2, not 1/,
    );
    db.close();
  });

  it('upgrades a version-2 file written by the previous store, keeping every row', async () => {
    const path = join(tmp.dir, 'brief.db');
    copyFileSync(join(import.meta.dirname, '../../fixtures/store/brief-v2.db'), path);
    const store = openSqliteStore(path);
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
    const slack = { platform: 'slack', workspaceId: 'T1', channelId: 'C1' } as const;
    expect((await store.listSubscriptions(slack)).map((s) => s.id)).toEqual([1, 2]);
    expect(await store.channelSchedule(slack)).toMatchObject({ time: '09:00', timezone: 'Europe/Berlin' });
    expect((await store.getFeedState('https://feeds.example/a.xml'))?.etag).toBe('"abc"');
    expect(await store.seenKeys(slack, ['g:old1', 'g:1', 'g:2', 'g:new'])).toEqual(
      new Set(['g:old1', 'g:1', 'g:2']),
    );
    expect(await store.hasScheduledDigest(slack, '2025-06-02')).toBe(true);
    // The half-delivered digest resumes where the crash left it; nobody holds a lease on it yet.
    const pending = await store.pendingDeliveries(at);
    expect(pending.map((e) => [e.id, e.status, e.storiesPosted, e.leaseOwner])).toEqual([
      [2, 'parent_posted', 1, null],
      [3, 'composed', 0, null],
    ]);
    // New rows continue after the old ids.
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
    await store.close();
    const db = new BetterSqlite3(path);
    expect(sqliteSchemaVersion(db)).toBe(SCHEMA_VERSION);
    db.close();
  });
});

describe.skipIf(!postgresAvailable)('PostgreSQL migrations (brief_schema, advisory lock)', () => {
  const database = usePostgresDatabase();
  beforeEach(() => resetDatabase(database.url));

  const withPool = async <T>(work: (pool: pg.Pool) => Promise<T>): Promise<T> => {
    const pool = new pg.Pool({ connectionString: database.url, max: 2 });
    try {
      return await work(pool);
    } finally {
      await pool.end();
    }
  };
  const schemaRows = () =>
    withPool(
      async (pool) =>
        (
          await pool.query<{ version: number; name: string }>(
            'SELECT version, name FROM brief_schema ORDER BY version',
          )
        ).rows,
    );

  it('applies every migration once when several processes start at once', async () => {
    const stores = await Promise.all(
      Array.from({ length: 6 }, () => openPostgresStore(database.url, { poolMax: 1 })),
    );
    await Promise.all(stores.map((s) => s.close()));
    const rows = await schemaRows();
    expect(rows.map((r: { version: number }) => r.version)).toEqual(migrations.map((m) => m.version));
    expect(rows[0]).toMatchObject({ name: migrations[0]!.name });
  });

  it('upgrades a version-2 database in place, keeping its rows', async () => {
    await withPool(async (pool) => {
      expect(await migratePostgres(pool, database.url, migrations.slice(0, 2))).toEqual([1, 2]);
      await pool.query(`INSERT INTO subscriptions (platform, workspace_id, channel_id, feed_url, time, timezone,
        schedule_since, max_stories, added_by, created_at)
        VALUES ('slack', 'T1', 'C1', 'https://feeds.example/a.xml', '09:00', 'UTC', 1, 10, 'U1', 1)`);
    });
    const store = await openPostgresStore(database.url, { poolMax: 1 });
    const subs = await store.listSubscriptions({ platform: 'slack', workspaceId: 'T1', channelId: 'C1' });
    expect(subs).toMatchObject([{ id: 1, feedUrl: 'https://feeds.example/a.xml', createdAt: 1 }]);
    await store.close();
    expect((await schemaRows()).length).toBe(SCHEMA_VERSION);
  });

  it('rolls back a failing migration as a whole and keeps the old version', async () => {
    await withPool(async (pool) => {
      await migratePostgres(pool, database.url);
      await expect(
        migratePostgres(pool, database.url, [...migrations, brokenNext(SCHEMA_VERSION + 1)]),
      ).rejects.toThrow(/missing/);
      const half = await pool.query<{ t: string | null }>(`SELECT to_regclass('half') AS t`);
      expect(half.rows[0]?.t).toBeNull();
    });
    expect((await schemaRows()).length).toBe(SCHEMA_VERSION);
  });

  it('refuses a database written by a newer release, naming BRIEF_DATABASE_URL and never the password', async () => {
    await withPool(async (pool) => {
      await migratePostgres(pool, database.url);
      await pool.query(`INSERT INTO brief_schema (version, name) VALUES (99, 'from the future')`);
    });
    const u = new URL(database.url);
    u.password = 'hunter2-secret';
    const failure = await openStore({ path: '', databaseUrl: u.href, poolMax: 1 }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(MigrationError);
    expect((failure as Error).message).toMatch(/schema version 99, newer than this release of Brief knows/);
    expect((failure as Error).message).toContain('BRIEF_DATABASE_URL');
    expect((failure as Error).message).toContain(database.name);
    expect((failure as Error).message).not.toContain('hunter2');
  });
});

describe('a PostgreSQL server that does not answer', () => {
  it('fails the open with a StoreError naming BRIEF_DATABASE_URL, not a hang or a stack', async () => {
    // Port 1 on loopback: refused at once, on any machine.
    const failure = await openStore({
      path: '',
      databaseUrl: 'postgres://brief:hunter2-secret@127.0.0.1:1/brief',
      poolMax: 1,
    }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(StoreError);
    expect((failure as Error).message).toMatch(/BRIEF_DATABASE_URL \(127\.0\.0\.1:1\/brief\)/);
    expect((failure as Error).message).not.toContain('hunter2');
  });
});
