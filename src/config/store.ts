import { z } from 'zod';
import { positiveInt } from './fetch.js';

/**
 * Where Brief keeps its state. Without BRIEF_DATABASE_URL it is the SQLite file at BRIEF_DB, the
 * embedded default that needs no server; with it, PostgreSQL (several processes, several hosts).
 * See docs/store.md.
 */
export interface StoreConfig {
  /** SQLite file (BRIEF_DB); its directory is created on open. Unused when databaseUrl is set. */
  path: string;
  /** postgres:// or postgresql:// URL (BRIEF_DATABASE_URL); null = the SQLite file. */
  databaseUrl: string | null;
  /** Connections in the PostgreSQL pool of one process (the brief worker threads open smaller ones). */
  poolMax: number;
  /** How long a good brief is served from the cache. */
  cacheTtlMs: number;
  /** How long a fallback brief (the LLM failed) is served before the LLM is tried again; 0 = never. */
  failureTtlMs: number;
}

// The message never repeats the value: a database URL usually carries a password.
const databaseUrl = z
  .string()
  .refine((raw) => {
    if (!/^postgres(ql)?:\/\//i.test(raw)) return false;
    try {
      return new URL(raw).hostname !== '' || /[?&]host=/.test(raw);
    } catch {
      return false;
    }
  }, 'must be a PostgreSQL URL such as postgres://user:password@host:5432/brief (unset it to use the SQLite file at BRIEF_DB)')
  .optional();

export const storeEnv = z.object({
  BRIEF_DB: z.string().min(1).default('./data/brief.db'),
  BRIEF_DATABASE_URL: databaseUrl,
  BRIEF_DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  BRIEF_CACHE_TTL_S: positiveInt(30 * 24 * 3600),
  BRIEF_CACHE_FAILURE_TTL_S: z.coerce.number().int().min(0).default(60),
});
export type StoreEnv = z.infer<typeof storeEnv>;

export function storeConfigOf(e: StoreEnv): StoreConfig {
  return {
    path: e.BRIEF_DB,
    databaseUrl: e.BRIEF_DATABASE_URL ?? null,
    poolMax: e.BRIEF_DATABASE_POOL_MAX,
    cacheTtlMs: e.BRIEF_CACHE_TTL_S * 1000,
    failureTtlMs: e.BRIEF_CACHE_FAILURE_TTL_S * 1000,
  };
}
