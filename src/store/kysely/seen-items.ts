import { sql } from 'kysely';
import type { ChannelRef } from '../../digest/types.js';
import type { SeenItemStore, StoreDialect } from '../store.js';
import { keysTable, type Queryable, type StoreContext } from './context.js';

/**
 * Marks keys seen for a channel, in one statement; `digestId` ties them to the digest that
 * consumed them (null on subscribe). The CASTs give PostgreSQL the parameters' types, which it
 * cannot infer in a SELECT list; SQLite accepts them as they are.
 */
export async function insertSeen(
  q: Queryable,
  dialect: StoreDialect,
  c: ChannelRef,
  keys: readonly string[],
  at: number,
  digestId: number | null,
): Promise<void> {
  if (keys.length === 0) return;
  // In one order everywhere: two transactions inserting overlapping keys then wait for each other
  // instead of each holding a key the other needs (a deadlock PostgreSQL would abort one of).
  const ordered = [...new Set(keys)].sort();
  // "WHERE true" keeps SQLite's parser from reading ON CONFLICT as part of the SELECT's join.
  await sql`INSERT INTO seen_items (platform, workspace_id, channel_id, item_key, seen_at, digest_id)
    SELECT CAST(${c.platform} AS TEXT), CAST(${c.workspaceId} AS TEXT), CAST(${c.channelId} AS TEXT),
           value, CAST(${at} AS BIGINT), CAST(${digestId} AS BIGINT)
      FROM ${keysTable(dialect, ordered)} WHERE true
    ON CONFLICT DO NOTHING`.execute(q);
}

export function seenItems({ db, dialect }: StoreContext): SeenItemStore {
  return {
    async seenKeys(c, keys) {
      if (keys.length === 0) return new Set();
      const rows = await db
        .selectFrom('seen_items')
        .select('item_key')
        .where('platform', '=', c.platform)
        .where('workspace_id', '=', c.workspaceId)
        .where('channel_id', '=', c.channelId)
        .where('item_key', 'in', sql<string>`(SELECT value FROM ${keysTable(dialect, keys)})`)
        .execute();
      return new Set(rows.map((r) => r.item_key));
    },
    markSeen: (c, keys, at) => insertSeen(db, dialect, c, keys, at, null),
    async pruneSeen(before) {
      const result = await db.deleteFrom('seen_items').where('seen_at', '<', before).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
