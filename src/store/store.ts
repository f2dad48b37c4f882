import type { Brief } from '../brief.js';

/**
 * The store behind the service: one interface per concern, so features add theirs (subscriptions,
 * feed state, the digest ledger) without touching the others. The SQLite implementation is the
 * embedded default; all times are Unix milliseconds passed in by the caller (no clock in here).
 */

export interface CachedBriefInput {
  key: string;
  brief: Brief;
  /** Canonical URL of the article, null for pasted text: lets a feature find briefs by link. */
  url: string | null;
  contentHash: string;
  /** The engine's fingerprint (model, prompt version, language) the key was made from. */
  fingerprint: string;
  /** True when the requested engine failed and this is the fallback: kept only briefly. */
  fallback: boolean;
  createdAt: number;
  expiresAt: number;
}

export interface BriefCacheStore {
  /** The cached brief under key, or null when absent, expired, or no longer a valid Brief. */
  getBrief(key: string, now: number): Brief | null;
  putBrief(entry: CachedBriefInput): void;
  /** Deletes expired entries; returns how many. */
  pruneBriefs(now: number): number;
}

export type UsageKind = 'call' | 'cache_hit';

export interface UsageRecord {
  at: number;
  /** Who asked: "cli", "slack:T1/C2", "discord:G1/C2", "digest:..."; "unknown" when not said. */
  caller: string;
  model: string;
  /** A model call (tokens spent) or a brief served from the cache (a call saved). */
  kind: UsageKind;
  promptTokens: number;
  completionTokens: number;
}

export interface UsageTotals {
  /** UTC date, YYYY-MM-DD. */
  day: string;
  caller: string;
  calls: number;
  cacheHits: number;
  promptTokens: number;
  completionTokens: number;
}

export interface UsageLedger {
  recordUsage(record: UsageRecord): void;
  /** Totals per UTC day and caller, oldest day first; `sinceDay` (YYYY-MM-DD) limits the range. */
  usageTotals(options?: { sinceDay?: string }): UsageTotals[];
}

export interface Store extends BriefCacheStore, UsageLedger {
  close(): void;
}

/** UTC day of a timestamp: the ledger's unit, so totals agree whatever the server's time zone. */
export function utcDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}
