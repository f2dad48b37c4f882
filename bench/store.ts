/**
 * bench:store — the store's hot paths on each database, with the pre-Kysely way measured in the
 * same run as the baseline:
 *   - delivery cycle: commitDigest (INSERT ... ON CONFLICT DO NOTHING RETURNING + 4 seen keys, one
 *     transaction) then markParentPosted and markDone, one digest after another;
 *   - brief cache: putBrief (upsert) then getBrief (a hit), one key after another;
 *   - the delivery cycle from 8 concurrent callers (PostgreSQL: the pool works in parallel;
 *     SQLite: one connection, the calls queue).
 * Baseline: the same statements on raw better-sqlite3 prepared statements, synchronous, as the
 * store did before (src/store/sqlite/ at cb2b067). PostgreSQL runs in a database of its own,
 * created and dropped here; it is skipped with a line when no server answers.
 *
 *   npm run bench:store [-- --n 1000 --postgres postgres://postgres@127.0.0.1:5432/postgres]
 */
import BetterSqlite3 from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { BriefSchema } from '../src/brief.js';
import type { Digest } from '../src/digest/types.js';
import { openStore } from '../src/store/open-store.js';
import type { Store } from '../src/store/store.js';
import { sampleBrief } from '../tests/helpers/sample-brief.js';
import { c1, ledgerDigest } from '../tests/helpers/sample-ledger.js';
import { makeTempDir } from '../tests/helpers/temp-dir.js';

const argv = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? argv[i + 1]! : fallback;
};
const N = Number(opt('n', '1000'));
const ADMIN_URL = opt(
  'postgres',
  process.env.BRIEF_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
);
const CONCURRENCY = 8;
const brief = sampleBrief();
const dateOf = (i: number) =>
  `${2000 + Math.floor(i / 365)}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}#${i}`;
const digestOf = (i: number): Digest => ({ ...ledgerDigest(c1, dateOf(i), 3) });
const keysOf = (i: number) => [`${i}:a`, `${i}:b`, `${i}:c`, `${i}:d`];
const cacheEntry = (i: number) => ({
  key: `key-${i}`,
  brief,
  url: `https://news.example/${i}`,
  contentHash: `h${i}`,
  fingerprint: 'llm|m|brief.v1|auto',
  fallback: false,
  createdAt: i,
  expiresAt: Number.MAX_SAFE_INTEGER,
});

interface Timing {
  totalMs: number;
  p50: number;
  p95: number;
}

async function timed(n: number, op: (i: number) => unknown): Promise<Timing> {
  const each: number[] = [];
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await op(i);
    each.push(performance.now() - t);
  }
  const totalMs = performance.now() - start;
  each.sort((a, b) => a - b);
  return { totalMs, p50: each[Math.floor(n * 0.5)]!, p95: each[Math.floor(n * 0.95)]! };
}

async function concurrent(n: number, op: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < n) await op(next++);
    }),
  );
  return performance.now() - start;
}

async function storeRuns(store: Store, offset: number) {
  const cycle = async (i: number) => {
    const entry = await store.commitDigest({
      kind: 'scheduled',
      digest: digestOf(offset + i),
      keys: keysOf(offset + i),
      at: i,
    });
    if (!entry) throw new Error('slot taken');
    await store.markParentPosted(entry.id, `p${i}`, i);
    await store.markDone(entry.id, i);
  };
  const delivery = await timed(N, cycle);
  const put = await timed(N, (i) => store.putBrief(cacheEntry(offset + i)));
  const get = await timed(N, async (i) => {
    if (!(await store.getBrief(`key-${offset + i}`, 0))) throw new Error('miss');
  });
  const parallelMs = await concurrent(N, (i) => cycle(N + i));
  return { delivery, put, get, parallelMs };
}

/** The pre-Kysely store: prepared statements on better-sqlite3, synchronous. */
function rawSqliteRuns(path: string) {
  const db = new BetterSqlite3(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  const insert =
    db.prepare(`INSERT INTO digest_ledger (platform, workspace_id, channel_id, local_date, kind, status, digest_json,
      created_at, updated_at) VALUES (?, ?, ?, ?, 'scheduled', 'composed', ?, ?, ?) ON CONFLICT DO NOTHING`);
  const markSeen =
    db.prepare(`INSERT INTO seen_items (platform, workspace_id, channel_id, item_key, seen_at, digest_id)
      SELECT ?, ?, ?, value, ?, ? FROM json_each(?) WHERE true ON CONFLICT DO NOTHING`);
  const byId = db.prepare('SELECT * FROM digest_ledger WHERE id = ?');
  const parent = db.prepare(
    `UPDATE digest_ledger SET status = 'parent_posted', parent_ref = ?, updated_at = ? WHERE id = ?`,
  );
  const done = db.prepare(`UPDATE digest_ledger SET status = 'done', updated_at = ? WHERE id = ?`);
  const commit = db.transaction((i: number) => {
    const d = digestOf(i);
    const r = insert.run('slack', 'T1', 'C1', d.localDate, JSON.stringify(d), i, i);
    const id = Number(r.lastInsertRowid);
    markSeen.run('slack', 'T1', 'C1', i, id, JSON.stringify(keysOf(i)));
    return (JSON.parse((byId.get(id) as { digest_json: string }).digest_json) as Digest) && id;
  });
  const put =
    db.prepare(`INSERT INTO brief_cache (key, url, content_hash, fingerprint, brief_json, fallback, created_at, expires_at)
      VALUES (?, ?, ?, ?, ?, 0, ?, ?) ON CONFLICT (key) DO UPDATE SET brief_json = excluded.brief_json, expires_at = excluded.expires_at`);
  const get = db.prepare('SELECT brief_json FROM brief_cache WHERE key = ? AND expires_at > ?');
  const offset = 10 * N;
  return {
    delivery: () =>
      timed(N, (i) => {
        const id = commit.immediate(offset + i);
        parent.run(`p${i}`, i, id);
        done.run(i, id);
      }),
    put: () =>
      timed(N, (i) => {
        const e = cacheEntry(offset + i);
        put.run(
          e.key,
          e.url,
          e.contentHash,
          e.fingerprint,
          JSON.stringify(e.brief),
          e.createdAt,
          e.expiresAt,
        );
      }),
    get: () =>
      timed(N, (i) => {
        const row = get.get(`key-${offset + i}`, 0) as { brief_json: string } | undefined;
        if (!row) throw new Error('miss');
        // The store validates what it reads against the contract; so does the baseline.
        if (!BriefSchema.safeParse(JSON.parse(row.brief_json)).success) throw new Error('invalid');
      }),
    close: () => db.close(),
  };
}

async function postgresDatabase(): Promise<{ url: string; drop: () => Promise<void> } | null> {
  const admin = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (err) {
    console.log(
      `PostgreSQL at ${new URL(ADMIN_URL).host} did not answer (${(err as Error).message}): skipped.`,
    );
    return null;
  }
  const name = `brief_bench_${randomBytes(4).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  return {
    url: u.href,
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

const fmt = (t: Timing) =>
  `${(t.totalMs / N).toFixed(3).padStart(7)} ms/op  ${Math.round((N * 1000) / t.totalMs)
    .toString()
    .padStart(6)} ops/s  p50 ${t.p50.toFixed(3)}  p95 ${t.p95.toFixed(3)}`;

async function main() {
  const tmp = makeTempDir('brief-bench-store-');
  const results: Array<[string, Awaited<ReturnType<typeof storeRuns>>]> = [];
  try {
    const path = join(tmp.dir, 'brief.db');
    const sqlite = await openStore({ path, databaseUrl: null, poolMax: 1 });
    results.push(['SQLite (Kysely)', await storeRuns(sqlite, 0)]);
    await sqlite.close();
    const raw = rawSqliteRuns(path);
    const baseline = { delivery: await raw.delivery(), put: await raw.put(), get: await raw.get() };
    raw.close();

    const database = await postgresDatabase();
    if (database) {
      try {
        const store = await openStore({ path: '', databaseUrl: database.url, poolMax: CONCURRENCY });
        results.push(['PostgreSQL (Kysely)', await storeRuns(store, 0)]);
        await store.close();
      } finally {
        await database.drop();
      }
    }

    console.log(
      `bench:store — ${N} operations each, one after another unless said (node ${process.version})\n`,
    );
    console.log('delivery cycle (commitDigest + markParentPosted + markDone):');
    console.log(`  ${'baseline: raw better-sqlite3, sync'.padEnd(36)}${fmt(baseline.delivery)}`);
    for (const [name, r] of results) console.log(`  ${name.padEnd(36)}${fmt(r.delivery)}`);
    console.log('brief cache putBrief:');
    console.log(`  ${'baseline: raw better-sqlite3, sync'.padEnd(36)}${fmt(baseline.put)}`);
    for (const [name, r] of results) console.log(`  ${name.padEnd(36)}${fmt(r.put)}`);
    console.log('brief cache getBrief (hit, parsed and validated):');
    console.log(`  ${'baseline: raw better-sqlite3, sync'.padEnd(36)}${fmt(baseline.get)}`);
    for (const [name, r] of results) console.log(`  ${name.padEnd(36)}${fmt(r.get)}`);
    console.log(`delivery cycle, ${CONCURRENCY} concurrent callers:`);
    for (const [name, r] of results)
      console.log(
        `  ${name.padEnd(36)}${(r.parallelMs / N).toFixed(3).padStart(7)} ms/op  ${Math.round(
          (N * 1000) / r.parallelMs,
        )
          .toString()
          .padStart(6)} ops/s`,
      );
  } finally {
    tmp.cleanup();
  }
}

await main();
