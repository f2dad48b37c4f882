import { join } from 'node:path';
import { afterEach, beforeEach, describe } from 'vitest';
import type { StoreConfig } from '../../src/config.js';
import { openStore, type KyselyStore, type OpenStoreOptions } from '../../src/store/open-store.js';
import type { StoreDialect } from '../../src/store/store.js';
import { emptyDatabase, postgresAvailable, usePostgresDatabase } from './postgres.js';
import { makeTempDir } from './temp-dir.js';

export type StoreLocation = Pick<StoreConfig, 'path' | 'databaseUrl' | 'poolMax'>;

/**
 * One database a store test runs against, empty for every test: a new SQLite file (unmigrated), or
 * the describe's PostgreSQL database with its rows deleted (a test that needs it unmigrated calls
 * resetDatabase from helpers/postgres.ts).
 */
export interface StoreTarget {
  readonly dialect: StoreDialect;
  /** Where this test's store lives: a new SQLite file, or the describe's PostgreSQL database. */
  readonly location: StoreLocation;
  /** A store there, migrated; every store opened here is closed after the test. */
  open(options?: OpenStoreOptions): Promise<KyselyStore>;
  /** Closes the stores this test opened (to reopen the same database, say). */
  closeAll(): Promise<void>;
}

function target(dialect: StoreDialect): StoreTarget {
  const opened: KyselyStore[] = [];
  let location: StoreLocation | null = null;
  const closeAll = async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
  };

  if (dialect === 'sqlite') {
    let tmp: ReturnType<typeof makeTempDir> | null = null;
    beforeEach(() => {
      tmp = makeTempDir('brief-store-');
      location = { path: join(tmp.dir, 'brief.db'), databaseUrl: null, poolMax: 4 };
    });
    afterEach(async () => {
      await closeAll();
      tmp?.cleanup();
    });
  } else {
    const database = usePostgresDatabase();
    beforeEach(async () => {
      await emptyDatabase(database.url);
      location = { path: ':unused:', databaseUrl: database.url, poolMax: 4 };
    });
    afterEach(closeAll);
  }

  return {
    dialect,
    get location() {
      if (!location) throw new Error('the store location is set in beforeEach');
      return location;
    },
    async open(options) {
      const store = await openStore(this.location, options);
      opened.push(store);
      return store;
    },
    closeAll,
  };
}

/**
 * Declares the same tests once per database: `name [sqlite]` and `name [postgres]`. The PostgreSQL
 * block is skipped, and says so in its name, when no server answers (see helpers/services.ts).
 */
export function describeEachStore(name: string, body: (t: StoreTarget) => void): void {
  describe(`${name} [sqlite]`, () => body(target('sqlite')));
  if (postgresAvailable) describe(`${name} [postgres]`, () => body(target('postgres')));
  else describe.skip(`${name} [postgres: no server, skipped]`, () => body(target('postgres')));
}
