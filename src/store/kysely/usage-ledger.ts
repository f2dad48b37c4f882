import { sql } from 'kysely';
import { utcDay, type UsageLedger, type UsageRecord, type UsageTotals } from '../store.js';
import type { StoreContext } from './context.js';

// SUM of a 0/1 CASE, not of a comparison: PostgreSQL has no SUM(boolean).
const count = (kind: 'call' | 'cache_hit') => sql<number>`SUM(CASE WHEN kind = ${kind} THEN 1 ELSE 0 END)`;

export function usageLedger({ db }: StoreContext): UsageLedger {
  return {
    async recordUsage(record: UsageRecord) {
      await db
        .insertInto('usage_ledger')
        .values({
          at: record.at,
          day: utcDay(record.at),
          caller: record.caller,
          model: record.model,
          kind: record.kind,
          prompt_tokens: record.promptTokens,
          completion_tokens: record.completionTokens,
        })
        .execute();
    },
    async recordBrief(caller, at) {
      // One row per caller and day, counted up in place: a busy channel is one row a day.
      await db
        .insertInto('brief_counts')
        .values({ day: utcDay(at), caller, briefs: 1 })
        .onConflict((oc) =>
          oc.columns(['day', 'caller']).doUpdateSet((eb) => ({ briefs: eb('brief_counts.briefs', '+', 1) })),
        )
        .execute();
    },
    async usageTotals(options = {}) {
      const rows = await db
        .selectFrom('usage_ledger')
        .select([
          'day',
          'caller',
          count('call').as('calls'),
          count('cache_hit').as('cacheHits'),
          sql<number>`SUM(prompt_tokens)`.as('promptTokens'),
          sql<number>`SUM(completion_tokens)`.as('completionTokens'),
        ])
        .where('day', '>=', options.sinceDay ?? '')
        .groupBy(['day', 'caller'])
        .execute();
      // Sorted here, by code point: the two databases' collations would order callers differently.
      const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
      return rows
        .map((r): UsageTotals => ({
          day: r.day,
          caller: r.caller,
          calls: Number(r.calls),
          cacheHits: Number(r.cacheHits),
          promptTokens: Number(r.promptTokens),
          completionTokens: Number(r.completionTokens),
        }))
        .sort((a, b) => cmp(a.day, b.day) || cmp(a.caller, b.caller));
    },
  };
}
