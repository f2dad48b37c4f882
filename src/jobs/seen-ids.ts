/**
 * Slack retries an event up to 3 times (right away, after 1 minute, after 5 minutes), and a
 * request can reach us twice in other ways; remembering ids for 10 minutes covers all of them.
 */
export const DEDUPE_TTL_MS = 10 * 60 * 1000;

/** Bounds memory when Slack (or someone replaying requests) sends many distinct ids quickly. */
const MAX_REMEMBERED = 10_000;

/** Remembers ids for a while; `firstTime(id)` is true once per id within the TTL. */
export function createSeenIds(now: () => number, ttlMs = DEDUPE_TTL_MS) {
  const expiries = new Map<string, number>();
  const prune = (t: number) => {
    // Map iterates in insertion order, and every entry has the same TTL: expired ones come first.
    for (const [id, expiry] of expiries) {
      if (expiry > t && expiries.size <= MAX_REMEMBERED) break;
      expiries.delete(id);
    }
  };
  return {
    firstTime(id: string): boolean {
      const t = now();
      prune(t);
      if (expiries.has(id)) return false;
      expiries.set(id, t + ttlMs);
      return true;
    },
    /** Forgets `id` (work that was refused may be offered again). */
    forget(id: string): void {
      expiries.delete(id);
    },
    get size() {
      return expiries.size;
    },
  };
}
