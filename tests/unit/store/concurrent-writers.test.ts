import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import type { KyselyStore } from '../../../src/store/open-store.js';
import { c1, ledgerDigest } from '../../helpers/sample-ledger.js';
import { startRacers, type Racers } from '../../helpers/store-race.js';
import { describeEachStore } from '../../helpers/store-targets.js';

/**
 * The ledger's exactly-once rules with several writers on one database at once: two worker
 * threads, each with its own connection (SQLite) or pool (PostgreSQL), run the same operations
 * on the same rows at the same moment. Whatever the interleaving, each row is won exactly once.
 */
const RACERS = 2;
// Enough rows that the racers' statements interleave, not one racer finishing before the other starts.
const N = 150;
const at = Date.UTC(2025, 5, 2, 9);
const dates = Array.from({ length: N }, (_, i) => `2025-07-${String(i + 1).padStart(2, '0')}`);

const flat = (won: Array<Array<string | number>>) => won.flat().map(String).sort();

// Started once for the file: a thread that loads TypeScript takes seconds on a busy machine.
let racers: Racers;
beforeAll(async () => {
  racers = await startRacers(RACERS);
});
afterAll(() => racers.stop());

describeEachStore('concurrent writers', (t) => {
  let store: KyselyStore;
  beforeEach(async () => {
    // Migrated by several openers at once too: SQLite's BEGIN IMMEDIATE, PostgreSQL's advisory lock.
    await racers.all({ op: 'open', location: t.location });
    store = await t.open();
  });
  afterEach(() => racers.all({ op: 'close' }));

  it('commits one scheduled digest per channel and local date, and marks its items seen once', async () => {
    const won = await racers.all({ op: 'commit', items: dates, at });
    expect(flat(won)).toEqual([...dates].sort());
    const rows = await store.db
      .selectFrom('digest_ledger')
      .select(['id', 'local_date', 'lease_owner'])
      .execute();
    expect(rows).toHaveLength(N);
    // Each entry carries the lease of the racer whose INSERT won, and its keys point at it.
    for (const row of rows) {
      const winner = won.findIndex((w) => w.includes(row.local_date));
      expect(row.lease_owner).toBe(`racer-${winner}`);
      const seen = await store.db
        .selectFrom('seen_items')
        .select('digest_id')
        .where('item_key', 'in', [`${row.local_date}:a`, `${row.local_date}:b`])
        .execute();
      expect(seen.map((s) => s.digest_id)).toEqual([row.id, row.id]);
    }
  });

  it('gives each pending delivery to exactly one claimer, and records one parent per entry', async () => {
    const ids: number[] = [];
    for (const date of dates) {
      const entry = await store.commitDigest({ kind: 'now', digest: ledgerDigest(c1, date), keys: [], at });
      ids.push(entry!.id);
    }
    const claimed = await racers.all({ op: 'claim', items: ids, at });
    expect(flat(claimed)).toEqual(ids.map(String).sort());
    const parents = await racers.all({ op: 'markParentPosted', items: ids, at });
    expect(flat(parents)).toEqual(ids.map(String).sort());
    const entries = await Promise.all(ids.map((id) => store.getDigestEntry(id)));
    for (const e of entries) {
      expect(e?.status).toBe('parent_posted');
      // The parent recorded is the one whose UPDATE won; no later one overwrote it.
      const winner = parents.findIndex((w) => w.includes(e!.id));
      expect(e?.parentRef).toBe(`racer-${winner}`);
    }
  });
});
