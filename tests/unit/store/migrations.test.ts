import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  migrate,
  MigrationError,
  migrations,
  schemaVersion,
  type Migration,
} from '../../../src/store/migrations.js';
import { openSqliteStore } from '../../../src/store/sqlite-store.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => tmp.cleanup());

const tables = (db: BetterSqlite3.Database) =>
  (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
      name: string;
    }[]
  ).map((r) => r.name);

describe('store migrations', () => {
  it('creates the file and its directory, in WAL mode, at the newest version', () => {
    const path = join(tmp.dir, 'nested', 'dir', 'brief.db');
    openSqliteStore(path).close();
    const db = new BetterSqlite3(path);
    expect(schemaVersion(db)).toBe(migrations.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(tables(db)).toEqual(expect.arrayContaining(['brief_cache', 'usage_ledger']));
    db.close();
  });

  it('is idempotent: reopening applies nothing and keeps the data', () => {
    const path = join(tmp.dir, 'brief.db');
    const store = openSqliteStore(path);
    store.recordUsage({
      at: 0,
      caller: 'cli',
      model: 'm',
      kind: 'call',
      promptTokens: 5,
      completionTokens: 1,
    });
    store.close();
    const db = new BetterSqlite3(path);
    expect(migrate(db)).toEqual([]);
    db.close();
    const again = openSqliteStore(path);
    expect(again.usageTotals()).toHaveLength(1);
    again.close();
  });

  it('applies only the pending migrations, in order, each once', () => {
    const db = new BetterSqlite3(join(tmp.dir, 'brief.db'));
    expect(migrate(db, migrations.slice(0, 1))).toEqual([1]);
    const next: Migration = { version: 2, name: 'test table', sql: 'CREATE TABLE later (id INTEGER);' };
    expect(migrate(db, [...migrations.slice(0, 1), next])).toEqual([2]);
    expect(schemaVersion(db)).toBe(2);
    expect(tables(db)).toContain('later');
    db.close();
  });

  it('rolls back a failing migration as a whole and keeps the old version', () => {
    const db = new BetterSqlite3(join(tmp.dir, 'brief.db'));
    migrate(db, migrations.slice(0, 1));
    const broken: Migration = {
      version: 2,
      name: 'broken',
      sql: 'CREATE TABLE half (id INTEGER); SELECT nope FROM missing;',
    };
    expect(() => migrate(db, [...migrations.slice(0, 1), broken])).toThrow();
    expect(schemaVersion(db)).toBe(1);
    expect(tables(db)).not.toContain('half');
    db.close();
  });

  it('refuses a database written by a newer release', () => {
    const path = join(tmp.dir, 'brief.db');
    const db = new BetterSqlite3(path);
    db.pragma('user_version = 99');
    db.close();
    expect(() => openSqliteStore(path)).toThrow(MigrationError);
  });

  it('rejects a migration list with gaps', () => {
    const db = new BetterSqlite3(':memory:');
    expect(() => migrate(db, [{ version: 2, name: 'gap', sql: '' }])).toThrow(/version 2, not 1/);
    db.close();
  });
});
