import type { Database } from 'better-sqlite3';

/**
 * Versioned schema migrations, tracked in SQLite's `user_version`. Append only: never edit a
 * migration that has shipped, add the next version instead (subscriptions, feed state and the
 * digest ledger come as 2, 3, ...). Each runs in its own immediate transaction, so two processes
 * opening the same file (a bot and the CLI) cannot both apply it.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'brief cache and token usage ledger',
    sql: `
      CREATE TABLE brief_cache (
        key          TEXT PRIMARY KEY,
        url          TEXT,
        content_hash TEXT    NOT NULL,
        fingerprint  TEXT    NOT NULL,
        brief_json   TEXT    NOT NULL,
        fallback     INTEGER NOT NULL DEFAULT 0,
        created_at   INTEGER NOT NULL,
        expires_at   INTEGER NOT NULL
      );
      CREATE INDEX brief_cache_expires ON brief_cache (expires_at);
      CREATE INDEX brief_cache_url ON brief_cache (url);

      CREATE TABLE usage_ledger (
        id                INTEGER PRIMARY KEY,
        at                INTEGER NOT NULL,
        day               TEXT    NOT NULL,
        caller            TEXT    NOT NULL,
        model             TEXT    NOT NULL,
        kind              TEXT    NOT NULL CHECK (kind IN ('call', 'cache_hit')),
        prompt_tokens     INTEGER NOT NULL DEFAULT 0,
        completion_tokens INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX usage_ledger_day_caller ON usage_ledger (day, caller);
    `,
  },
  {
    version: 2,
    name: 'digest subscriptions, feed state, seen items and the digest ledger',
    sql: `
      CREATE TABLE subscriptions (
        id             INTEGER PRIMARY KEY,
        platform       TEXT    NOT NULL,
        workspace_id   TEXT    NOT NULL,
        channel_id     TEXT    NOT NULL,
        feed_url       TEXT    NOT NULL,
        feed_title     TEXT,
        time           TEXT    NOT NULL,
        timezone       TEXT    NOT NULL,
        schedule_since INTEGER NOT NULL,
        max_stories    INTEGER NOT NULL,
        added_by       TEXT    NOT NULL,
        created_at     INTEGER NOT NULL,
        UNIQUE (platform, workspace_id, channel_id, feed_url)
      );

      CREATE TABLE feed_state (
        feed_url      TEXT PRIMARY KEY,
        etag          TEXT,
        last_modified TEXT,
        title         TEXT,
        items_json    TEXT    NOT NULL,
        fetched_at    INTEGER NOT NULL
      );

      CREATE TABLE digest_ledger (
        id              INTEGER PRIMARY KEY,
        platform        TEXT    NOT NULL,
        workspace_id    TEXT    NOT NULL,
        channel_id      TEXT    NOT NULL,
        local_date      TEXT    NOT NULL,
        kind            TEXT    NOT NULL CHECK (kind IN ('scheduled', 'now')),
        status          TEXT    NOT NULL
                        CHECK (status IN ('composed', 'parent_posted', 'done', 'empty', 'failed')),
        digest_json     TEXT    NOT NULL,
        parent_ref      TEXT,
        stories_posted  INTEGER NOT NULL DEFAULT 0,
        attempts        INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL DEFAULT 0,
        created_at      INTEGER NOT NULL,
        updated_at      INTEGER NOT NULL
      );
      -- At most one scheduled digest per channel and local date, whatever crashes in between.
      CREATE UNIQUE INDEX digest_ledger_one_scheduled
        ON digest_ledger (platform, workspace_id, channel_id, local_date) WHERE kind = 'scheduled';
      CREATE INDEX digest_ledger_pending ON digest_ledger (status, next_attempt_at);

      CREATE TABLE seen_items (
        platform     TEXT    NOT NULL,
        workspace_id TEXT    NOT NULL,
        channel_id   TEXT    NOT NULL,
        item_key     TEXT    NOT NULL,
        seen_at      INTEGER NOT NULL,
        -- The digest that consumed it; NULL when marked on subscribe.
        digest_id    INTEGER REFERENCES digest_ledger (id) ON DELETE CASCADE,
        PRIMARY KEY (platform, workspace_id, channel_id, item_key)
      ) WITHOUT ROWID;
      CREATE INDEX seen_items_seen_at ON seen_items (seen_at);
      CREATE INDEX seen_items_digest ON seen_items (digest_id);
    `,
  },
];

export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Brings the database to the newest version; returns the versions it applied. */
export function migrate(db: Database, list: readonly Migration[] = migrations): number[] {
  list.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new MigrationError(`migration #${i} has version ${m.version}, not ${i + 1}`);
  });
  const latest = list.length;
  const current = schemaVersion(db);
  if (current > latest) {
    // A newer release wrote this file; running old code on it could corrupt it.
    throw new MigrationError(
      `the database is at schema version ${current}, newer than this release knows (${latest}); upgrade Brief or point BRIEF_DB at another file`,
    );
  }
  const applied: number[] = [];
  for (const m of list.slice(current)) {
    const apply = db.transaction(() => {
      // Another process may have applied it while we waited for the lock.
      if (schemaVersion(db) >= m.version) return false;
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
      return true;
    });
    if (apply.immediate()) applied.push(m.version);
  }
  return applied;
}
