import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { ChannelRef } from '../../digest/types.js';
import type { BriefDatabase } from '../schema.js';
import type { StoreDialect } from '../store.js';

/**
 * What every part of the store is built from: the Kysely instance and which dialect it speaks.
 * Almost every query is the same on both; the few differences live here, small and named.
 */
export interface StoreContext {
  db: Kysely<BriefDatabase>;
  dialect: StoreDialect;
}

export type Queryable = Kysely<BriefDatabase> | Transaction<BriefDatabase>;

/**
 * The keys as a one-column table whose column is `value`, so one statement (and one cached plan)
 * serves any number of keys: json_each over a JSON array on SQLite, unnest over a text[] on
 * PostgreSQL.
 */
export function keysTable(dialect: StoreDialect, keys: readonly string[]): RawBuilder<unknown> {
  return dialect === 'sqlite'
    ? sql`json_each(${JSON.stringify(keys)})`
    : sql`unnest(${keys}::text[]) AS value`;
}

/**
 * Serialises writers to one channel for the rest of the transaction, for read-then-write
 * transactions with no row to lock yet (a channel's first subscription). SQLite needs nothing:
 * BEGIN IMMEDIATE already holds the database's one write lock.
 */
export async function lockChannel(trx: Queryable, dialect: StoreDialect, c: ChannelRef): Promise<void> {
  if (dialect !== 'postgres') return;
  const key = `brief:channel:${c.platform}:${c.workspaceId}/${c.channelId}`;
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx);
}

export const channelColumns = (c: ChannelRef) => ({
  platform: c.platform,
  workspace_id: c.workspaceId,
  channel_id: c.channelId,
});
