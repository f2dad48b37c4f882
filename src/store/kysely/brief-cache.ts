import { BriefSchema, type Brief } from '../../brief.js';
import type { BriefCacheStore, CachedBriefInput } from '../store.js';
import type { StoreContext } from './context.js';

export function briefCache({ db }: StoreContext): BriefCacheStore {
  return {
    async getBrief(key, now): Promise<Brief | null> {
      const row = await db
        .selectFrom('brief_cache')
        .select('brief_json')
        .where('key', '=', key)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      if (!row) return null;
      // A brief written by an older release may no longer match the contract: treat it as a miss.
      try {
        const parsed = BriefSchema.safeParse(JSON.parse(row.brief_json));
        return parsed.success ? parsed.data : null;
      } catch {
        return null;
      }
    },
    async putBrief(entry: CachedBriefInput) {
      await db
        .insertInto('brief_cache')
        .values({
          key: entry.key,
          url: entry.url,
          content_hash: entry.contentHash,
          fingerprint: entry.fingerprint,
          brief_json: JSON.stringify(entry.brief),
          fallback: entry.fallback ? 1 : 0,
          created_at: entry.createdAt,
          expires_at: entry.expiresAt,
        })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet((eb) => ({
            url: eb.ref('excluded.url'),
            brief_json: eb.ref('excluded.brief_json'),
            fallback: eb.ref('excluded.fallback'),
            created_at: eb.ref('excluded.created_at'),
            expires_at: eb.ref('excluded.expires_at'),
          })),
        )
        .execute();
    },
    async pruneBriefs(now) {
      const result = await db.deleteFrom('brief_cache').where('expires_at', '<=', now).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
