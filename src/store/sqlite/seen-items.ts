import type { Database } from 'better-sqlite3';
import type { ChannelRef } from '../../digest/types.js';
import type { SeenItemStore } from '../store.js';

export const MARK_SEEN_SQL = `INSERT INTO seen_items (platform, workspace_id, channel_id, item_key, seen_at, digest_id)
  SELECT ?, ?, ?, value, ?, ? FROM json_each(?) WHERE true
  ON CONFLICT DO NOTHING`;

const ch = (c: ChannelRef) => [c.platform, c.workspaceId, c.channelId] as const;

export function sqliteSeenItems(db: Database): SeenItemStore {
  // One statement for any number of keys: json_each turns the JSON array into rows.
  const seen = db.prepare<[string, string, string, string], { item_key: string }>(
    `SELECT item_key FROM seen_items WHERE platform = ? AND workspace_id = ? AND channel_id = ?
       AND item_key IN (SELECT value FROM json_each(?))`,
  );
  const mark = db.prepare(MARK_SEEN_SQL);
  const prune = db.prepare('DELETE FROM seen_items WHERE seen_at < ?');
  return {
    seenKeys(channel, keys) {
      if (keys.length === 0) return new Set();
      return new Set(seen.all(...ch(channel), JSON.stringify(keys)).map((r) => r.item_key));
    },
    markSeen(channel, keys, at) {
      if (keys.length > 0) mark.run(...ch(channel), at, null, JSON.stringify(keys));
    },
    pruneSeen: (before) => prune.run(before).changes,
  };
}
