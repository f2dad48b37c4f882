import { parseArgs } from 'node:util';
import type { StoreConfig } from '../config.js';
import { BriefError, userMessageOf } from '../errors.js';
import { copySqliteToPostgres, type CopyCounts } from '../store/copy-to-postgres.js';
import { describePostgresUrl, StoreError } from '../store/errors.js';
import { SCHEMA_VERSION } from '../store/migrations.js';
import type { Store } from '../store/store.js';
import type { CliIo } from './io.js';
import { EXIT } from './run.js';

/**
 * `brief db ...`: the store's operator commands. `migrate` brings the configured database to this
 * release's schema (every start does too; this is for a deploy step that runs before the rollout);
 * `migrate-to-postgres` copies the SQLite file into PostgreSQL (store/copy-to-postgres.ts).
 */
export const DB_HELP = `Usage:
  brief db migrate                                   bring the configured store (BRIEF_DATABASE_URL, else BRIEF_DB) to this release's schema
  brief db migrate-to-postgres [--from FILE] [--to URL]
                                                     copy the SQLite store (default BRIEF_DB) into an empty PostgreSQL
                                                     database (default BRIEF_DATABASE_URL): subscriptions, seen items,
                                                     the digest ledger, the brief cache and the token ledger`;

type StoreLocation = Pick<StoreConfig, 'path' | 'databaseUrl' | 'poolMax'>;

export interface DbCommandDeps {
  io: Pick<CliIo, 'out' | 'err'>;
  store: StoreLocation;
  openStore: (config: StoreLocation) => Promise<Store>;
  copy?: typeof copySqliteToPostgres;
}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new BriefError('usage', (err as Error).message);
  }
}

const fmt = (n: number) => n.toLocaleString('en-US');

function countsTable(counts: CopyCounts): string {
  const rows = Object.entries(counts);
  const width = Math.max(...rows.map(([t]) => t.length));
  return rows.map(([t, n]) => `  ${t.padEnd(width)}  ${fmt(n).padStart(9)}`).join('\n');
}

export async function runDbCommand(argv: string[], deps: DbCommandDeps): Promise<number> {
  const { io } = deps;
  let parsed;
  try {
    parsed = parse(argv);
  } catch (err) {
    io.err(`brief: ${userMessageOf(err)}`);
    io.err(DB_HELP);
    return EXIT.usage;
  }
  const [sub, ...rest] = parsed.positionals;
  if (parsed.values.help || sub === undefined) {
    (parsed.values.help ? io.out : io.err)(DB_HELP);
    return parsed.values.help ? EXIT.ok : EXIT.usage;
  }
  const usage = (problem: string) => {
    io.err(`brief: ${problem}`);
    io.err(DB_HELP);
    return EXIT.usage;
  };
  if (rest.length > 0) return usage(`unexpected argument "${rest[0]}"`);
  try {
    if (sub === 'migrate') {
      if (parsed.values.from || parsed.values.to) return usage('migrate takes no --from or --to');
      const store = await deps.openStore({ ...deps.store, poolMax: 1 });
      await store.close();
      const where = deps.store.databaseUrl
        ? `PostgreSQL at ${describePostgresUrl(deps.store.databaseUrl)}`
        : `SQLite at ${deps.store.path}`;
      io.out(`The store (${where}) is at schema version ${SCHEMA_VERSION}.`);
      return EXIT.ok;
    }
    if (sub === 'migrate-to-postgres') {
      const from = parsed.values.from ?? deps.store.path;
      const to = parsed.values.to ?? deps.store.databaseUrl;
      if (!to) return usage('say where to copy to: --to postgres://... or BRIEF_DATABASE_URL');
      if (!/^postgres(ql)?:\/\//i.test(to)) return usage('--to must be a postgres:// or postgresql:// URL');
      io.err(`brief: copying ${from} to PostgreSQL at ${describePostgresUrl(to)} ...`);
      const counts = await (deps.copy ?? copySqliteToPostgres)({ from, to });
      const total = Object.values(counts).reduce((a, b) => a + b, 0);
      io.out(
        `Copied ${fmt(total)} rows from ${from} to PostgreSQL at ${describePostgresUrl(to)} (schema version ${SCHEMA_VERSION}):\n${countsTable(counts)}\n` +
          `Next: set BRIEF_DATABASE_URL to that database and start Brief; keep the file as a backup.`,
      );
      return EXIT.ok;
    }
    return usage(`unknown db command "${sub}"`);
  } catch (err) {
    // Operator errors (no file, a non-empty target, a newer schema, no server) are one clear line.
    if (err instanceof StoreError) {
      io.err(`brief: ${err.message}`);
      return EXIT.internal;
    }
    throw err;
  }
}
