import type { Database } from 'better-sqlite3';
import type { ChannelRef, Digest, Platform } from '../../digest/types.js';
import type { DigestKind, DigestLedgerStore, DigestStatus, LedgerEntry } from '../store.js';
import { MARK_SEEN_SQL } from './seen-items.js';

interface Row {
  id: number;
  platform: Platform;
  workspace_id: string;
  channel_id: string;
  local_date: string;
  kind: DigestKind;
  status: DigestStatus;
  digest_json: string;
  parent_ref: string | null;
  stories_posted: number;
  attempts: number;
  next_attempt_at: number;
  created_at: number;
}

const toEntry = (r: Row): LedgerEntry => ({
  id: r.id,
  channel: { platform: r.platform, workspaceId: r.workspace_id, channelId: r.channel_id },
  localDate: r.local_date,
  kind: r.kind,
  status: r.status,
  digest: JSON.parse(r.digest_json) as Digest,
  parentRef: r.parent_ref,
  storiesPosted: r.stories_posted,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  createdAt: r.created_at,
});

const ch = (c: ChannelRef) => [c.platform, c.workspaceId, c.channelId] as const;

export function sqliteDigestLedger(db: Database): DigestLedgerStore {
  const hasScheduled = db.prepare<[string, string, string, string], { one: number }>(
    `SELECT 1 AS one FROM digest_ledger WHERE platform = ? AND workspace_id = ? AND channel_id = ?
       AND local_date = ? AND kind = 'scheduled'`,
  );
  const insert = db.prepare(
    `INSERT INTO digest_ledger (platform, workspace_id, channel_id, local_date, kind, status, digest_json,
       created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT DO NOTHING`,
  );
  const markSeen = db.prepare(MARK_SEEN_SQL);
  const byId = db.prepare<[number], Row>('SELECT * FROM digest_ledger WHERE id = ?');
  const parentPosted = db.prepare(
    `UPDATE digest_ledger SET status = 'parent_posted', parent_ref = ?, updated_at = ? WHERE id = ?`,
  );
  const storiesPosted = db.prepare(
    'UPDATE digest_ledger SET stories_posted = MAX(stories_posted, ?), updated_at = ? WHERE id = ?',
  );
  const done = db.prepare(`UPDATE digest_ledger SET status = 'done', updated_at = ? WHERE id = ?`);
  const failed = db.prepare(
    `UPDATE digest_ledger SET attempts = attempts + 1, next_attempt_at = ?,
       status = CASE WHEN ? THEN 'failed' ELSE status END, updated_at = ? WHERE id = ?`,
  );
  const unmark = db.prepare('DELETE FROM seen_items WHERE digest_id = ?');
  const remove = db.prepare('DELETE FROM digest_ledger WHERE id = ?');
  const pending = db.prepare<[number], Row>(
    `SELECT * FROM digest_ledger WHERE status IN ('composed', 'parent_posted') AND next_attempt_at <= ?
       ORDER BY id`,
  );

  const commit = db.transaction((kind: DigestKind, digest: Digest, keys: string[], at: number) => {
    const status: DigestStatus = digest.stories.length === 0 ? 'empty' : 'composed';
    const result = insert.run(
      ...ch(digest.channel),
      digest.localDate,
      kind,
      status,
      JSON.stringify(digest),
      at,
      at,
    );
    if (result.changes === 0) return null;
    const id = Number(result.lastInsertRowid);
    // Same transaction: a digest is recorded exactly when its items stop being new.
    if (keys.length > 0) markSeen.run(...ch(digest.channel), at, id, JSON.stringify(keys));
    return toEntry(byId.get(id)!);
  });
  const rollback = db.transaction((id: number) => {
    unmark.run(id);
    remove.run(id);
  });

  return {
    hasScheduledDigest: (channel, localDate) => hasScheduled.get(...ch(channel), localDate) !== undefined,
    commitDigest: ({ kind, digest, keys, at }) => commit.immediate(kind, digest, keys, at),
    markParentPosted: (id, parentRef, at) => void parentPosted.run(parentRef, at, id),
    markStoriesPosted: (id, n, at) => void storiesPosted.run(n, at, id),
    markDone: (id, at) => void done.run(at, id),
    markAttemptFailed: (id, nextAttemptAt, giveUp, at) =>
      void failed.run(nextAttemptAt, giveUp ? 1 : 0, at, id),
    rollbackDigest: (id) => rollback.immediate(id),
    pendingDeliveries: (now) => pending.all(now).map(toEntry),
    getDigestEntry: (id) => {
      const row = byId.get(id);
      return row ? toEntry(row) : null;
    },
  };
}
