import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Logger } from '../logger.js';
import { describePostgresUrl, StoreError } from './errors.js';
import { migratePostgres } from './migrate.js';
import type { BriefDatabase } from './schema.js';

export interface PostgresOpenOptions {
  /** Connections in this pool at most (BRIEF_DATABASE_POOL_MAX). */
  poolMax?: number;
  /** Where a connection that breaks while idle is reported (the pool replaces it). */
  logger?: Logger;
}

const INT8: number = pg.types.builtins.INT8;

const parseInt8 = (value: string): number => {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`a BIGINT value ${value} does not fit a number`);
  return n;
};

/**
 * pg returns BIGINT (ids, Unix-ms times, COUNT and SUM) as strings, because not every int8 fits a
 * JavaScript number. Ours do (ms times until the year 287396, counts): parse them as numbers,
 * and fail loudly rather than round if one ever does not. Scoped to our pool, not pg's globals.
 */
const types: pg.CustomTypesConfig = {
  getTypeParser: (oid: number, format?: 'text' | 'binary'): unknown =>
    oid === INT8 && format !== 'binary' ? parseInt8 : pg.types.getTypeParser(oid, format),
};

export interface PostgresDatabase {
  db: Kysely<BriefDatabase>;
  pool: pg.Pool;
}

/** Connects a pool to `url`, migrates the database (under an advisory lock) and wraps it in Kysely. */
export async function openPostgresDatabase(
  url: string,
  options: PostgresOpenOptions = {},
): Promise<PostgresDatabase> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolMax ?? 10,
    types,
    // A server that does not answer fails the start (or one query) instead of hanging it.
    connectionTimeoutMillis: 10_000,
    application_name: 'brief',
  });
  // Without a listener, an idle connection the server drops would crash the process.
  pool.on('error', (err) => options.logger?.warn('postgres connection lost; the pool reconnects', { err }));
  try {
    await migratePostgres(pool, url);
  } catch (err) {
    await pool.end().catch(() => undefined);
    if (err instanceof StoreError) throw err;
    throw new StoreError(
      `could not open the PostgreSQL database at BRIEF_DATABASE_URL (${describePostgresUrl(url)}): ${(err as Error).message}`,
      { cause: err },
    );
  }
  return { db: new Kysely<BriefDatabase>({ dialect: new PostgresDialect({ pool }) }), pool };
}
