import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { migrate } from './migrations.js';
import { sqliteBriefCache } from './sqlite/brief-cache.js';
import { sqliteDigestLedger } from './sqlite/digest-ledger.js';
import { sqliteFeedState } from './sqlite/feed-state.js';
import { sqliteSeenItems } from './sqlite/seen-items.js';
import { sqliteSubscriptions } from './sqlite/subscriptions.js';
import { sqliteUsageLedger } from './sqlite/usage-ledger.js';
import type { Store } from './store.js';

export interface SqliteStoreOptions {
  /** How long a writer waits for another process's lock before failing (the bot and the CLI share the file). */
  busyTimeoutMs?: number;
}

/**
 * Opens (creating if needed) the SQLite store at `path` and migrates it to the newest schema.
 * ':memory:' gives a private in-memory store (tests, benchmarks).
 */
export function openSqliteStore(path: string, options: SqliteStoreOptions = {}): Store {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new BetterSqlite3(path);
  try {
    // WAL: readers never block the writer, so a bot and `brief usage` can share the file.
    db.pragma('journal_mode = WAL');
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    // NORMAL is durable across application crashes in WAL mode; only a power loss can drop the last commits.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db);
  } catch (err) {
    db.close();
    throw err;
  }
  return {
    ...sqliteBriefCache(db),
    ...sqliteUsageLedger(db),
    ...sqliteSubscriptions(db),
    ...sqliteFeedState(db),
    ...sqliteSeenItems(db),
    ...sqliteDigestLedger(db),
    close: () => db.close(),
  };
}
