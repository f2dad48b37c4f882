import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { formatUsageReport, isCalendarDay, runUsageCommand } from '../../src/usage-report.js';
import { describeEachStore, type StoreLocation } from '../helpers/store-targets.js';
import { makeTempDir } from '../helpers/temp-dir.js';

async function run(argv: string[], store: StoreLocation) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runUsageCommand(argv, {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    store,
    openStore,
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const sqliteAt = (path: string): StoreLocation => ({ path, databaseUrl: null, poolMax: 1 });

describeEachStore('usage report', (t) => {
  it('prints totals per day and per caller from the store', async () => {
    const store = await t.open();
    const base = { model: 'gpt-4.1-mini', promptTokens: 0, completionTokens: 0 };
    const d1 = Date.UTC(2026, 2, 1, 12);
    const d2 = Date.UTC(2026, 2, 2, 12);
    await store.recordUsage({
      ...base,
      at: d1,
      caller: 'slack:T1/C1',
      kind: 'call',
      promptTokens: 1500,
      completionTokens: 300,
    });
    await store.recordUsage({ ...base, at: d1, caller: 'discord:G1/C9', kind: 'cache_hit' });
    await store.recordUsage({
      ...base,
      at: d2,
      caller: 'slack:T1/C1',
      kind: 'call',
      promptTokens: 1000,
      completionTokens: 200,
    });
    await store.close();

    const { code, out } = await run([], t.location);
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines).toContainEqual(expect.stringMatching(/^2026-03-01\s+slack:T1\/C1\s+1\s+0\s+1,500\s+300$/));
    expect(lines).toContainEqual(expect.stringMatching(/^2026-03-01\s+discord:G1\/C9\s+0\s+1\s+0\s+0$/));
    expect(lines).toContainEqual(
      expect.stringMatching(/^2026-03-01\s+\(all callers\)\s+1\s+1\s+1,500\s+300$/),
    );
    expect(lines).toContainEqual(expect.stringMatching(/^all days\s+slack:T1\/C1\s+2\s+0\s+2,500\s+500$/));
    expect(lines).toContainEqual(expect.stringMatching(/^all days\s+\(all callers\)\s+2\s+1\s+2,500\s+500$/));

    const since = await run(['--since', '2026-03-02', '--json'], t.location);
    expect(JSON.parse(since.out)).toEqual([
      {
        day: '2026-03-02',
        caller: 'slack:T1/C1',
        calls: 1,
        cacheHits: 0,
        promptTokens: 1000,
        completionTokens: 200,
      },
    ]);
  });
});

describe('usage report without a store', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    tmp = makeTempDir();
  });
  afterEach(() => tmp.cleanup());

  it('says nothing was recorded, without creating a store file', async () => {
    const path = join(tmp.dir, 'none', 'brief.db');
    expect(await run([], sqliteAt(path))).toMatchObject({ code: 0, out: 'No LLM usage recorded yet.' });
    expect(formatUsageReport([])).toBe('No LLM usage recorded yet.');
  });

  it.each(['yesterday', '2026-13-01', '2026-02-30', '2027-02-29', '2026-04-31', '2026-00-10', '2026-1-5'])(
    'rejects --since %s with a usage error',
    async (since) => {
      const { code, err } = await run(['--since', since], sqliteAt(join(tmp.dir, 'x.db')));
      expect(code).toBe(2);
      expect(err).toMatch(/--since must be a date/);
    },
  );

  it('takes --since on any real day, 29 February of a leap year included', () => {
    for (const day of ['2028-02-29', '2026-12-31', '2026-01-01', '2000-02-29'])
      expect(isCalendarDay(day), day).toBe(true);
    expect(isCalendarDay('1900-02-29')).toBe(false);
  });
});
