import type { Database } from 'better-sqlite3';
import type { Pool } from 'pg';
import { describePostgresUrl, MigrationError } from './errors.js';
import { migrations, type Migration } from './migrations.js';

/**
 * The migration runners. SQLite keeps its version in `PRAGMA user_version`, as every release so
 * far has: an older release opening a newer file still sees the newer version and refuses it.
 * PostgreSQL keeps a `brief_schema` table, one row per applied version. Each migration runs in
 * its own transaction under a lock (SQLite: BEGIN IMMEDIATE; PostgreSQL: an advisory transaction
 * lock), and re-reads the version once it holds it, so processes starting at once apply each once.
 */

function checkList(list: readonly Migration[]): number {
  list.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new MigrationError(`migration #${i} has version ${m.version}, not ${i + 1}`);
  });
  return list.length;
}

const tooNew = (where: string, current: number, latest: number, setting: string, other: string) =>
  new MigrationError(
    `the database ${where} is at schema version ${current}, newer than this release of Brief knows (${latest}); upgrade Brief, or point ${setting} at another ${other}`,
  );

export function sqliteSchemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Brings a SQLite database to the newest version; returns the versions it applied. */
export function migrateSqlite(db: Database, list: readonly Migration[] = migrations): number[] {
  const latest = checkList(list);
  const current = sqliteSchemaVersion(db);
  // A newer release wrote this file; running old code on it could corrupt it.
  if (current > latest) throw tooNew(`at BRIEF_DB (${db.name})`, current, latest, 'BRIEF_DB', 'file');
  const applied: number[] = [];
  for (const m of list.slice(current)) {
    const apply = db.transaction(() => {
      // Another process may have applied it while we waited for the lock.
      if (sqliteSchemaVersion(db) >= m.version) return false;
      db.exec(m.sqlite);
      db.pragma(`user_version = ${m.version}`);
      return true;
    });
    if (apply.immediate()) applied.push(m.version);
  }
  return applied;
}

/** Any fixed 64-bit key: the advisory lock every Brief process takes to migrate. */
const MIGRATION_LOCK = '7382912640519340021';

export async function postgresSchemaVersion(pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ v: string | number | null }>(
    `SELECT CASE WHEN to_regclass('brief_schema') IS NULL THEN 0
            ELSE (SELECT COALESCE(MAX(version), 0) FROM brief_schema) END AS v`,
  );
  return Number(rows[0]?.v ?? 0);
}

/** Brings a PostgreSQL database to the newest version; returns the versions it applied. */
export async function migratePostgres(
  pool: Pool,
  url: string,
  list: readonly Migration[] = migrations,
): Promise<number[]> {
  const latest = checkList(list);
  const applied: number[] = [];
  const client = await pool.connect();
  try {
    for (;;) {
      await client.query('BEGIN');
      try {
        // Waits while another process migrates; released by COMMIT or ROLLBACK.
        await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [MIGRATION_LOCK]);
        // Under the lock: two processes creating it at once would collide in the catalog.
        await client.query(`CREATE TABLE IF NOT EXISTS brief_schema (
          version    INTEGER PRIMARY KEY,
          name       TEXT NOT NULL,
          applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
        const { rows } = await client.query<{ v: string | number }>(
          'SELECT COALESCE(MAX(version), 0) AS v FROM brief_schema',
        );
        const current = Number(rows[0]?.v ?? 0);
        if (current > latest) {
          throw tooNew(
            `at BRIEF_DATABASE_URL (${describePostgresUrl(url)})`,
            current,
            latest,
            'BRIEF_DATABASE_URL',
            'database',
          );
        }
        const next = list[current];
        if (!next) {
          await client.query('COMMIT');
          return applied;
        }
        await client.query(next.postgres);
        await client.query('INSERT INTO brief_schema (version, name) VALUES ($1, $2)', [
          next.version,
          next.name,
        ]);
        await client.query('COMMIT');
        applied.push(next.version);
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
    }
  } finally {
    client.release();
  }
}
