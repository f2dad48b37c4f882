import { existsSync } from 'node:fs';
import { sql, type Kysely } from 'kysely';
import { describePostgresUrl, StoreError } from './errors.js';
import { openPostgresDatabase } from './postgres-db.js';
import { TABLES, type BriefDatabase } from './schema.js';
import { openSqliteDatabase } from './sqlite-db.js';

/**
 * `brief db migrate-to-postgres`: copies a SQLite store into a PostgreSQL database, every table,
 * ids included (subscription ids are what users type to remove one; seen items point at ledger
 * rows). Both sides are first migrated to this release's schema, so the columns match. The copy
 * is one PostgreSQL transaction: it lands whole or not at all. A target that already holds rows
 * is refused, so a second run cannot double anything.
 */
export type TableName = (typeof TABLES)[number];
export type CopyCounts = Record<TableName, number>;

export interface CopyOptions {
  /** The SQLite file (BRIEF_DB). It is migrated to the current schema if it is older. */
  from: string;
  /** The PostgreSQL URL (BRIEF_DATABASE_URL). */
  to: string;
  /** Rows per INSERT (PostgreSQL takes at most 65,535 parameters in one statement). */
  batchSize?: number;
  onTable?: (table: TableName, rows: number) => void;
}

/** Tables whose id is an identity column: its sequence must continue after the copied ids. */
const IDENTITY_TABLES = ['usage_ledger', 'subscriptions', 'digest_ledger'] as const;

async function countRows(db: Kysely<BriefDatabase>, table: TableName): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function copySqliteToPostgres(options: CopyOptions): Promise<CopyCounts> {
  const batchSize = options.batchSize ?? 500;
  const target = describePostgresUrl(options.to);
  // Opening a missing file would create an empty store and "copy" nothing: say so instead.
  if (options.from === ':memory:' || !existsSync(options.from)) {
    throw new StoreError(`there is no SQLite store at ${options.from} (BRIEF_DB or --from): nothing to copy`);
  }
  const source = openSqliteDatabase(options.from);
  try {
    const { db: dest } = await openPostgresDatabase(options.to, { poolMax: 1 });
    try {
      return await dest.transaction().execute(async (pg) => {
        // Nobody writes the target while it is checked and filled (a bot started too early waits).
        await sql`LOCK TABLE ${sql.join(TABLES.map((t) => sql.table(t)))} IN SHARE ROW EXCLUSIVE MODE`.execute(
          pg,
        );
        const busy: string[] = [];
        for (const table of TABLES) {
          const n = await countRows(pg, table);
          if (n > 0) busy.push(`${table} (${n})`);
        }
        if (busy.length > 0) {
          throw new StoreError(
            `the PostgreSQL database at ${target} already holds data: ${busy.join(', ')}. It was probably copied before; to copy again, use an empty database (CREATE DATABASE ...) and point --to or BRIEF_DATABASE_URL at it`,
          );
        }
        // One read transaction on the file: a consistent snapshot even if a process still writes.
        return source.transaction().execute(async (lite) => {
          const counts = {} as CopyCounts;
          for (const table of TABLES) {
            let copied = 0;
            let batch: Array<Record<string, unknown>> = [];
            const flush = async () => {
              if (batch.length === 0) return;
              await pg.insertInto(table).values(batch).execute();
              copied += batch.length;
              batch = [];
            };
            for await (const row of lite.selectFrom(table).selectAll().stream()) {
              batch.push(row);
              if (batch.length >= batchSize) await flush();
            }
            await flush();
            const there = await countRows(pg, table);
            if (there !== copied) {
              throw new StoreError(
                `copying ${table} wrote ${there} rows instead of ${copied}; nothing was kept`,
              );
            }
            counts[table] = copied;
            options.onTable?.(table, copied);
          }
          for (const table of IDENTITY_TABLES) {
            // Explicit ids do not advance the identity sequence: new rows must start past them.
            await sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'),
                                    COALESCE((SELECT MAX(id) FROM ${sql.table(table)}), 0) + 1, false)`.execute(
              pg,
            );
          }
          return counts;
        });
      });
    } finally {
      await dest.destroy();
    }
  } finally {
    await source.destroy();
  }
}
