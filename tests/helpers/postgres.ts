import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { settle, type Probe } from './services.js';

/**
 * PostgreSQL for tests: each test file (each describe that asks) gets its own database,
 * brief_t_<random>, created before its tests and dropped after them, so files run in parallel
 * without seeing each other. The server is BRIEF_TEST_POSTGRES_URL (a superuser, or a role that
 * may CREATE DATABASE); default the local one with trust auth.
 */
export const POSTGRES_ADMIN_URL =
  process.env.BRIEF_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const where = (() => {
  const u = new URL(POSTGRES_ADMIN_URL);
  return `${u.hostname}:${u.port || '5432'}`;
})();

async function probe(): Promise<Probe> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { available: true };
  } catch (err) {
    return { available: false, reason: (err as Error).message || String(err) };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Whether PostgreSQL tests run in this file (top-level await). Throws when required and absent. */
export const postgresAvailable: boolean = settle('PostgreSQL', where, await probe());

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * The URL of a database on the test server. Its sessions commit without waiting for the disk:
 * a throwaway database needs no durability, and the suite runs on busy machines.
 */
export function databaseUrl(name: string): string {
  const u = new URL(POSTGRES_ADMIN_URL);
  u.pathname = `/${name}`;
  u.searchParams.set('options', '-c synchronous_commit=off');
  return u.href;
}

export async function createDatabase(): Promise<string> {
  const name = `brief_t_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  return name;
}

export async function dropDatabase(name: string): Promise<void> {
  // FORCE: a store a failed test left open must not keep the database alive.
  await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

/**
 * Deletes every row of Brief's tables, keeping the schema: a fresh store for the next test without
 * migrating again (DELETE, not TRUNCATE: on tables this small it is many times faster).
 */
export async function emptyDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'brief_schema'`,
    );
    const names = new Set(rows.map((r) => r.name));
    // Children first: seen_items points at digest_ledger.
    const order = ['seen_items', ...[...names].filter((n) => n !== 'seen_items')];
    const sql = order
      .filter((n) => names.has(n))
      .map((n) => `DELETE FROM "${n}";`)
      .join(' ');
    if (sql) await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Empties a database completely (tables, the schema table, sequences), as if just created. */
export async function resetDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  /** Set once beforeAll has run. */
  readonly name: string;
  readonly url: string;
}

/**
 * A fresh database for the enclosing describe (or file): created in beforeAll, dropped in
 * afterAll. Call only when postgresAvailable is true.
 */
export function usePostgresDatabase(): TestDatabase {
  let name = '';
  beforeAll(async () => {
    name = await createDatabase();
  });
  afterAll(async () => {
    if (name) await dropDatabase(name);
  });
  return {
    get name() {
      return name;
    },
    get url() {
      if (!name) throw new Error('the test database is created in beforeAll');
      return databaseUrl(name);
    },
  };
}
