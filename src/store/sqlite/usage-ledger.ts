import type { Database } from 'better-sqlite3';
import { utcDay, type UsageLedger, type UsageRecord, type UsageTotals } from '../store.js';

export function sqliteUsageLedger(db: Database): UsageLedger {
  const insert = db.prepare(
    `INSERT INTO usage_ledger (at, day, caller, model, kind, prompt_tokens, completion_tokens)
     VALUES (@at, @day, @caller, @model, @kind, @promptTokens, @completionTokens)`,
  );
  const totals = db.prepare<[string], UsageTotals>(
    `SELECT day, caller,
            SUM(kind = 'call') AS calls,
            SUM(kind = 'cache_hit') AS cacheHits,
            SUM(prompt_tokens) AS promptTokens,
            SUM(completion_tokens) AS completionTokens
       FROM usage_ledger
      WHERE day >= ?
      GROUP BY day, caller
      ORDER BY day, caller`,
  );

  return {
    recordUsage(record: UsageRecord) {
      insert.run({ ...record, day: utcDay(record.at) });
    },
    usageTotals(options = {}) {
      return totals.all(options.sinceDay ?? '');
    },
  };
}
