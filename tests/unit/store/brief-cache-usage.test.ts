import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Brief } from '../../../src/brief.js';
import { openSqliteStore } from '../../../src/store/sqlite-store.js';
import type { Store } from '../../../src/store/store.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

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
};

let tmp: ReturnType<typeof makeTempDir>;
let store: Store;
beforeEach(() => {
  tmp = makeTempDir();
  store = openSqliteStore(join(tmp.dir, 'brief.db'));
});
afterEach(() => {
  store.close();
  tmp.cleanup();
});

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

describe('brief cache', () => {
  it('returns a stored brief until it expires', () => {
    store.putBrief(entry('k1', 1000));
    expect(store.getBrief('k1', 999)).toEqual(brief);
    expect(store.getBrief('k1', 1000)).toBeNull();
    expect(store.getBrief('other', 0)).toBeNull();
  });

  it('replaces an entry under the same key', () => {
    store.putBrief(entry('k1', 1000));
    store.putBrief(entry('k1', 5000, { ...brief, headline: 'Newer' }));
    expect(store.getBrief('k1', 2000)?.headline).toBe('Newer');
  });

  it('treats a stored brief that no longer matches the contract as a miss', () => {
    store.putBrief(entry('k1', 1000, { ...brief, summary: [] }));
    expect(store.getBrief('k1', 0)).toBeNull();
  });

  it('prunes expired entries only', () => {
    store.putBrief(entry('old', 10));
    store.putBrief(entry('new', 10_000));
    expect(store.pruneBriefs(100)).toBe(1);
    expect(store.getBrief('new', 100)).not.toBeNull();
  });

  it('survives a reopen (it is a file, not memory)', () => {
    store.putBrief(entry('k1', Number.MAX_SAFE_INTEGER));
    store.close();
    store = openSqliteStore(join(tmp.dir, 'brief.db'));
    expect(store.getBrief('k1', 0)?.headline).toBe(brief.headline);
  });
});

describe('usage ledger', () => {
  const day1 = Date.UTC(2026, 0, 5, 23, 59);
  const day2 = Date.UTC(2026, 0, 6, 0, 1);

  it('totals tokens, calls and cache hits per UTC day and caller', () => {
    const rec = { model: 'm', promptTokens: 0, completionTokens: 0 };
    store.recordUsage({
      ...rec,
      at: day1,
      caller: 'slack:T1/C1',
      kind: 'call',
      promptTokens: 100,
      completionTokens: 20,
    });
    store.recordUsage({
      ...rec,
      at: day1,
      caller: 'slack:T1/C1',
      kind: 'call',
      promptTokens: 50,
      completionTokens: 10,
    });
    store.recordUsage({ ...rec, at: day1, caller: 'cli', kind: 'cache_hit' });
    store.recordUsage({ ...rec, at: day2, caller: 'slack:T1/C1', kind: 'cache_hit' });
    expect(store.usageTotals()).toEqual([
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
    expect(store.usageTotals({ sinceDay: '2026-01-06' })).toHaveLength(1);
  });
});
