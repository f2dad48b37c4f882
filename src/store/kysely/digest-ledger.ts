import type { Selectable } from 'kysely';
import type { Digest } from '../../digest/types.js';
import type { DigestLedgerTable } from '../schema.js';
import type { DigestLedgerStore, DigestStatus, LedgerEntry } from '../store.js';
import { channelColumns, type StoreContext } from './context.js';
import { insertSeen } from './seen-items.js';

type Row = Selectable<DigestLedgerTable>;

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
  leaseOwner: r.lease_owner,
  leaseUntil: r.lease_until,
  lastError: r.last_error,
});

/** Entries a deliverer may still work on. */
const PENDING: DigestStatus[] = ['composed', 'parent_posted'];

export function digestLedger({ db, dialect }: StoreContext): DigestLedgerStore {
  const byId = async (id: number) => {
    const row = await db.selectFrom('digest_ledger').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toEntry(row) : null;
  };

  return {
    async hasScheduledDigest(c, localDate) {
      const row = await db
        .selectFrom('digest_ledger')
        .select('id')
        .where('platform', '=', c.platform)
        .where('workspace_id', '=', c.workspaceId)
        .where('channel_id', '=', c.channelId)
        .where('local_date', '=', localDate)
        .where('kind', '=', 'scheduled')
        .executeTakeFirst();
      return row !== undefined;
    },

    commitDigest: ({ kind, digest, keys, at, lease }) =>
      db.transaction().execute(async (trx) => {
        // One INSERT decides: a second scheduled digest for the channel and date (another tick,
        // another process) hits digest_ledger_one_scheduled and inserts nothing.
        const row = await trx
          .insertInto('digest_ledger')
          .values({
            ...channelColumns(digest.channel),
            local_date: digest.localDate,
            kind,
            status: digest.stories.length === 0 ? 'empty' : 'composed',
            digest_json: JSON.stringify(digest),
            created_at: at,
            updated_at: at,
            lease_owner: lease?.owner ?? null,
            lease_until: lease?.until ?? 0,
          })
          .onConflict((oc) => oc.doNothing())
          .returningAll()
          .executeTakeFirst();
        if (!row) return null;
        // Same transaction: a digest is recorded exactly when its items stop being new.
        await insertSeen(trx, dialect, digest.channel, keys, at, row.id);
        return toEntry(row);
      }),

    async claimDelivery(id, lease, now) {
      const row = await db
        .updateTable('digest_ledger')
        .set({ lease_owner: lease.owner, lease_until: lease.until })
        .where('id', '=', id)
        .where('status', 'in', PENDING)
        .where((eb) =>
          eb.or([
            eb('lease_owner', 'is', null),
            eb('lease_owner', '=', lease.owner),
            eb('lease_until', '<=', now),
          ]),
        )
        .returningAll()
        .executeTakeFirst();
      return row ? toEntry(row) : null;
    },

    async releaseDelivery(id, owner) {
      await db
        .updateTable('digest_ledger')
        .set({ lease_owner: null, lease_until: 0 })
        .where('id', '=', id)
        .where('lease_owner', '=', owner)
        .execute();
    },

    async markParentPosted(id, parentRef, at) {
      const r = await db
        .updateTable('digest_ledger')
        .set({ status: 'parent_posted', parent_ref: parentRef, updated_at: at })
        .where('id', '=', id)
        .where('status', '=', 'composed')
        .executeTakeFirst();
      return r.numUpdatedRows > 0n;
    },

    async markStoriesPosted(id, storiesPosted, at) {
      const r = await db
        .updateTable('digest_ledger')
        .set({ stories_posted: storiesPosted, updated_at: at })
        .where('id', '=', id)
        .where('status', '=', 'parent_posted')
        .where('stories_posted', '<', storiesPosted)
        .executeTakeFirst();
      return r.numUpdatedRows > 0n;
    },

    async markDone(id, at) {
      const r = await db
        .updateTable('digest_ledger')
        .set({ status: 'done', updated_at: at, lease_owner: null, lease_until: 0 })
        .where('id', '=', id)
        .where('status', '=', 'parent_posted')
        .executeTakeFirst();
      return r.numUpdatedRows > 0n;
    },

    async markAttemptFailed(id, nextAttemptAt, giveUp, at, error) {
      await db
        .updateTable('digest_ledger')
        .set((eb) => ({
          attempts: eb('attempts', '+', 1),
          next_attempt_at: nextAttemptAt,
          status: giveUp ? 'failed' : eb.ref('status'),
          updated_at: at,
          lease_owner: null,
          lease_until: 0,
          ...(error === undefined ? {} : { last_error: error }),
        }))
        .where('id', '=', id)
        .where('status', 'in', PENDING)
        .execute();
    },

    rollbackDigest: (id) =>
      db.transaction().execute(async (trx) => {
        // Only while nothing reached the channel: a posted parent must keep its ledger row.
        const row = await trx
          .deleteFrom('digest_ledger')
          .where('id', '=', id)
          .where('status', '=', 'composed')
          .returning('id')
          .executeTakeFirst();
        if (!row) return false;
        // ON DELETE CASCADE removes them too; said here so it holds without foreign keys on.
        await trx.deleteFrom('seen_items').where('digest_id', '=', id).execute();
        return true;
      }),

    async pendingDeliveries(now) {
      const rows = await db
        .selectFrom('digest_ledger')
        .selectAll()
        .where('status', 'in', PENDING)
        .where('next_attempt_at', '<=', now)
        .where('lease_until', '<=', now)
        .orderBy('id')
        .execute();
      return rows.map(toEntry);
    },

    async digestStatus(c) {
      const latest = (statuses: DigestStatus[] | null, failedOnly = false) => {
        let q = db
          .selectFrom('digest_ledger')
          .selectAll()
          .where('platform', '=', c.platform)
          .where('workspace_id', '=', c.workspaceId)
          .where('channel_id', '=', c.channelId);
        if (statuses) q = q.where('status', 'in', statuses);
        if (failedOnly) q = q.where('last_error', 'is not', null);
        return q.orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
      };
      const [sent, failed, last] = await Promise.all([latest(['done']), latest(null, true), latest(null)]);
      const failedFeeds = last ? (JSON.parse(last.digest_json) as Digest).failedFeeds : [];
      return {
        lastSentAt: sent?.updated_at ?? null,
        lastDeliveryFailure: failed ? { at: failed.updated_at, error: failed.last_error ?? 'error' } : null,
        lastFailedFeeds: last && failedFeeds.length > 0 ? { at: last.created_at, feeds: failedFeeds } : null,
      };
    },

    getDigestEntry: byId,
  };
}
