import { beforeEach, expect, it } from 'vitest';
import type { Brief } from '../../../src/brief.js';
import type { Store } from '../../../src/store/store.js';
import { describeEachStore } from '../../helpers/store-targets.js';

const brief: Brief = {
  version: 1,
  headline: 'Council approves budget',
  summary: ['The council approved the budget on Tuesday.'],
  keyFacts: [],
  entities: { people: [], organizations: [], places: [], dates: [] },
  source: { url: 'https://news.example/a', title: null, siteName: null, byline: null, publishedTime: null },
  stats: { words: 120, readingMinutes: 1 },
  language: 'en',
  extraction: { status: 'ok' },
  engine: { name: 'llm', model: 'm' },
  length: 'standard',
};

const entry = (key: string, expiresAt: number, b: Brief = brief) => ({
  key,
  brief: b,
  url: b.source.url,
  contentHash: 'h',
  fingerprint: 'llm|m|brief.v1|auto',
  fallback: false,
  createdAt: 0,
  expiresAt,
});

describeEachStore('brief cache', (t) => {
  let store: Store;
  beforeEach(async () => {
    store = await t.open();
  });

  it('returns a stored brief until it expires', async () => {
    await store.putBrief(entry('k1', 1000));
    expect(await store.getBrief('k1', 999)).toEqual(brief);
    expect(await store.getBrief('k1', 1000)).toBeNull();
    expect(await store.getBrief('other', 0)).toBeNull();
  });

  it('replaces an entry under the same key', async () => {
    await store.putBrief(entry('k1', 1000));
    await store.putBrief(entry('k1', 5000, { ...brief, headline: 'Newer' }));
    expect((await store.getBrief('k1', 2000))?.headline).toBe('Newer');
  });

  it('treats a stored brief that no longer matches the contract as a miss', async () => {
    await store.putBrief(entry('k1', 1000, { ...brief, summary: [] }));
    expect(await store.getBrief('k1', 0)).toBeNull();
  });

  it('reads a brief cached before lengths existed as a standard one', async () => {
    const { length: _length, ...older } = { ...brief, length: 'short' };
    await store.putBrief(entry('k1', 1000, older as Brief));
    expect(await store.getBrief('k1', 0)).toEqual({ ...brief, length: 'standard' });
  });

  it('prunes expired entries only', async () => {
    await store.putBrief(entry('old', 10));
    await store.putBrief(entry('new', 10_000));
    expect(await store.pruneBriefs(100)).toBe(1);
    expect(await store.getBrief('new', 100)).not.toBeNull();
  });

  it('survives a reopen, with times past 2^31 ms intact (it is a database, not memory)', async () => {
    await store.putBrief(entry('k1', Number.MAX_SAFE_INTEGER));
    await t.closeAll();
    store = await t.open();
    expect((await store.getBrief('k1', Date.UTC(2100, 0, 1)))?.headline).toBe(brief.headline);
    expect(await store.getBrief('k1', Number.MAX_SAFE_INTEGER)).toBeNull();
  });
});

describeEachStore('usage ledger', (t) => {
  const day1 = Date.UTC(2026, 0, 5, 23, 59);
  const day2 = Date.UTC(2026, 0, 6, 0, 1);
  let store: Store;
  beforeEach(async () => {
    store = await t.open();
  });

  it('totals tokens, calls and cache hits per UTC day and caller, as numbers', async () => {
    const rec = { model: 'm', promptTokens: 0, completionTokens: 0 };
    await store.recordUsage({
      ...rec,
      at: day1,
      caller: 'slack:T1/C1',
      kind: 'call',
      promptTokens: 100,
      completionTokens: 20,
    });
    await store.recordUsage({
      ...rec,
      at: day1,
      caller: 'slack:T1/C1',
      kind: 'call',
      promptTokens: 50,
      completionTokens: 10,
    });
    await store.recordUsage({ ...rec, at: day1, caller: 'cli', kind: 'cache_hit' });
    await store.recordUsage({ ...rec, at: day1, caller: 'Zed', kind: 'cache_hit' });
    await store.recordUsage({ ...rec, at: day2, caller: 'slack:T1/C1', kind: 'cache_hit' });
    // Code-point order (upper case first) on both databases, whatever their collation.
    expect(await store.usageTotals()).toEqual([
      { day: '2026-01-05', caller: 'Zed', calls: 0, cacheHits: 1, promptTokens: 0, completionTokens: 0 },
      { day: '2026-01-05', caller: 'cli', calls: 0, cacheHits: 1, promptTokens: 0, completionTokens: 0 },
      {
        day: '2026-01-05',
        caller: 'slack:T1/C1',
        calls: 2,
        cacheHits: 0,
        promptTokens: 150,
        completionTokens: 30,
      },
      {
        day: '2026-01-06',
        caller: 'slack:T1/C1',
        calls: 0,
        cacheHits: 1,
        promptTokens: 0,
        completionTokens: 0,
      },
    ]);
    expect(await store.usageTotals({ sinceDay: '2026-01-06' })).toHaveLength(1);
  });
});
