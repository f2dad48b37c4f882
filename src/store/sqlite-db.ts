import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3, { type Statement } from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type SqliteDatabase,
} from 'kysely';
import { migrateSqlite } from './migrate.js';
import type { BriefDatabase } from './schema.js';

export interface SqliteOpenOptions {
  /** How long a writer waits for another connection's lock before failing (default 5 s). */
  busyTimeoutMs?: number;
}

/**
 * Transactions start with BEGIN IMMEDIATE: the write lock is taken up front, so a transaction that
 * reads and then writes never finds another connection's commit in between (SQLITE_BUSY_SNAPSHOT,
 * which busy_timeout does not wait out). Kysely's own SQLite driver begins deferred.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class BriefSqliteDialect extends SqliteDialect {
  constructor(private readonly database: SqliteDatabase) {
    super({ database });
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver({ database: this.database });
  }
}

/** Kysely prepares every query it runs; the store's queries are a few dozen texts, so keep them. */
const STATEMENT_CACHE = 256;

function cachingDatabase(raw: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, Statement>();
  return {
    close: () => raw.close(),
    prepare(sql) {
      let stmt = cache.get(sql);
      if (!stmt) {
        stmt = raw.prepare(sql);
        if (cache.size >= STATEMENT_CACHE) cache.delete(cache.keys().next().value!);
        cache.set(sql, stmt);
      }
      return stmt;
    },
  };
}

/**
 * Opens (creating if needed) the SQLite file at `path`, migrates it, and wraps it in Kysely.
 * ':memory:' gives a private in-memory database (the CLI's digest preview, tests, benchmarks).
 * Every Kysely instance has one connection: queries from one process queue on it, and other
 * processes (the CLI next to the bot, worker threads) wait for the file lock up to busy_timeout.
 */
export function openSqliteDatabase(path: string, options: SqliteOpenOptions = {}): Kysely<BriefDatabase> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const raw = new BetterSqlite3(path);
  try {
    // WAL: readers never block the writer, so a bot and `brief usage` can share the file.
    raw.pragma('journal_mode = WAL');
    raw.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    // NORMAL is durable across application crashes in WAL mode; only a power loss can drop the last commits.
    raw.pragma('synchronous = NORMAL');
    raw.pragma('foreign_keys = ON');
    migrateSqlite(raw);
  } catch (err) {
    raw.close();
    throw err;
  }
  return new Kysely<BriefDatabase>({ dialect: new BriefSqliteDialect(cachingDatabase(raw)) });
}
