import type { Database } from 'better-sqlite3';
import { BriefSchema, type Brief } from '../../brief.js';
import type { BriefCacheStore, CachedBriefInput } from '../store.js';

export function sqliteBriefCache(db: Database): BriefCacheStore {
  const get = db.prepare<[string, number], { brief_json: string }>(
    'SELECT brief_json FROM brief_cache WHERE key = ? AND expires_at > ?',
  );
  const put = db.prepare(
    `INSERT INTO brief_cache (key, url, content_hash, fingerprint, brief_json, fallback, created_at, expires_at)
     VALUES (@key, @url, @contentHash, @fingerprint, @briefJson, @fallback, @createdAt, @expiresAt)
     ON CONFLICT (key) DO UPDATE SET
       url = excluded.url, brief_json = excluded.brief_json, fallback = excluded.fallback,
       created_at = excluded.created_at, expires_at = excluded.expires_at`,
  );
  const prune = db.prepare('DELETE FROM brief_cache WHERE expires_at <= ?');

  return {
    getBrief(key, now): Brief | null {
      const row = get.get(key, now);
      if (!row) return null;
      // A brief written by an older release may no longer match the contract: treat it as a miss.
      try {
        const parsed = BriefSchema.safeParse(JSON.parse(row.brief_json));
        return parsed.success ? parsed.data : null;
      } catch {
        return null;
      }
    },
    putBrief(entry: CachedBriefInput) {
      put.run({
        key: entry.key,
        url: entry.url,
        contentHash: entry.contentHash,
        fingerprint: entry.fingerprint,
        briefJson: JSON.stringify(entry.brief),
        fallback: entry.fallback ? 1 : 0,
        createdAt: entry.createdAt,
        expiresAt: entry.expiresAt,
      });
    },
    pruneBriefs(now) {
      return prune.run(now).changes;
    },
  };
}
