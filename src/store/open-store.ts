import type { Kysely } from 'kysely';
import type { StoreConfig } from '../config.js';
import type { Logger } from '../logger.js';
import { briefCache } from './kysely/brief-cache.js';
import type { StoreContext } from './kysely/context.js';
import { digestLedger } from './kysely/digest-ledger.js';
import { feedState } from './kysely/feed-state.js';
import { seenItems } from './kysely/seen-items.js';
import { slackInstallations } from './kysely/slack-installations.js';
import { subscriptions } from './kysely/subscriptions.js';
import { usageLedger } from './kysely/usage-ledger.js';
import { workspaces } from './kysely/workspaces.js';
import type { BriefDatabase } from './schema.js';
import { openSqliteDatabase, type SqliteOpenOptions } from './sqlite-db.js';
import type { Store } from './store.js';

/** A Store that also hands out its Kysely instance, for features that bring their own tables. */
export interface KyselyStore extends Store {
  readonly db: Kysely<BriefDatabase>;
}

/** The one Store implementation: the same queries on either dialect (see kysely/context.ts). */
export function createKyselyStore(ctx: StoreContext): KyselyStore {
  let closing: Promise<void> | null = null;
  return {
    ...briefCache(ctx),
    ...usageLedger(ctx),
    ...subscriptions(ctx),
    ...feedState(ctx),
    ...seenItems(ctx),
    ...digestLedger(ctx),
    ...workspaces(ctx),
    ...slackInstallations(ctx),
    dialect: ctx.dialect,
    db: ctx.db,
    // Idempotent: entry points close on every exit path.
    close: () => (closing ??= ctx.db.destroy()),
  };
}

export interface OpenStoreOptions extends SqliteOpenOptions {
  /** Overrides config.poolMax (the brief worker threads open small pools of their own). */
  poolMax?: number;
  logger?: Logger;
}

/** The SQLite store at `path` (':memory:' for a private one), migrated. */
export function openSqliteStore(path: string, options: SqliteOpenOptions = {}): KyselyStore {
  return createKyselyStore({ db: openSqliteDatabase(path, options), dialect: 'sqlite' });
}

/** The PostgreSQL store at `url`, migrated (under an advisory lock). */
export async function openPostgresStore(
  url: string,
  options: { poolMax?: number; logger?: Logger } = {},
): Promise<KyselyStore> {
  // pg loads only when PostgreSQL is configured: the SQLite default never pays for it.
  const { openPostgresDatabase } = await import('./postgres-db.js');
  const { db } = await openPostgresDatabase(url, options);
  return createKyselyStore({ db, dialect: 'postgres' });
}

/**
 * Opens the configured store: PostgreSQL when BRIEF_DATABASE_URL is set, else the SQLite file at
 * BRIEF_DB. Fails with a StoreError (or MigrationError) whose message names the setting to fix.
 */
export async function openStore(
  config: Pick<StoreConfig, 'path' | 'databaseUrl' | 'poolMax'>,
  options: OpenStoreOptions = {},
): Promise<KyselyStore> {
  if (config.databaseUrl) {
    return openPostgresStore(config.databaseUrl, {
      poolMax: options.poolMax ?? config.poolMax,
      logger: options.logger,
    });
  }
  return openSqliteStore(config.path, options);
}
