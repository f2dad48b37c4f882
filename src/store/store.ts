import type { Brief } from '../brief.js';
import type { FeedItem } from '../digest/feed-item.js';
import type { ChannelRef, Digest, Subscription } from '../digest/types.js';

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

// ---- Digest: subscriptions, feed state, seen items, the digest ledger (src/digest) ----------

/** A subscription before the store gives it an id. */
export type NewSubscription = Omit<Subscription, 'id'>;

/** A channel's one daily schedule (all its subscriptions share it; see src/digest/README.md). */
export interface ChannelSchedule {
  channel: ChannelRef;
  time: string;
  timezone: string;
  /** When this time and zone took effect: a slot scheduled before it is not caught up. */
  since: number;
  /** The largest maxStories among the channel's subscriptions. */
  maxStories: number;
}

export interface SubscriptionStore {
  /**
   * Adds a subscription and sets the channel's schedule (time, zone) for all its subscriptions in
   * one transaction; null when the channel already follows this feed.
   */
  addSubscription(sub: NewSubscription): Subscription | null;
  listSubscriptions(channel: ChannelRef): Subscription[];
  /** The removed subscription, or null when the channel has none with that id. */
  removeSubscription(channel: ChannelRef, id: number): Subscription | null;
  /** Every channel with at least one subscription. */
  channelSchedules(): ChannelSchedule[];
  channelSchedule(channel: ChannelRef): ChannelSchedule | null;
}

export interface FeedState {
  feedUrl: string;
  etag: string | null;
  lastModified: string | null;
  title: string | null;
  /** The feed's newest items as last fetched: a 304 answer is served from these. */
  items: FeedItem[];
  fetchedAt: number;
}

export interface FeedStateStore {
  getFeedState(feedUrl: string): FeedState | null;
  putFeedState(state: FeedState): void;
}

export interface SeenItemStore {
  /** Which of `keys` the channel has already had (or skipped). */
  seenKeys(channel: ChannelRef, keys: string[]): Set<string>;
  /** Marks keys seen outside a digest (on subscribe: items older than a day). */
  markSeen(channel: ChannelRef, keys: string[], at: number): void;
  /** Forgets seen keys older than `before`; returns how many. */
  pruneSeen(before: number): number;
}

export type DigestKind = 'scheduled' | 'now';
/** composed -> parent_posted -> done; `empty` = a scheduled slot with nothing new; `failed` = gave up. */
export type DigestStatus = 'composed' | 'parent_posted' | 'done' | 'empty' | 'failed';

export interface LedgerEntry {
  id: number;
  channel: ChannelRef;
  localDate: string;
  kind: DigestKind;
  status: DigestStatus;
  digest: Digest;
  parentRef: string | null;
  /** Replies posted so far: a resumed delivery starts at this story. */
  storiesPosted: number;
  attempts: number;
  nextAttemptAt: number;
  createdAt: number;
}

export interface CommitDigestInput {
  kind: DigestKind;
  digest: Digest;
  /** Every item key the digest consumed; marked seen in the same transaction. */
  keys: string[];
  at: number;
}

export interface DigestLedgerStore {
  /** Whether the channel's scheduled digest for that local date exists (in any state). */
  hasScheduledDigest(channel: ChannelRef, localDate: string): boolean;
  /**
   * Records the composed digest and marks its items seen, atomically; an empty digest is recorded
   * as `empty`. Null when a scheduled digest for that channel and date already exists.
   */
  commitDigest(input: CommitDigestInput): LedgerEntry | null;
  markParentPosted(id: number, parentRef: string, at: number): void;
  markStoriesPosted(id: number, storiesPosted: number, at: number): void;
  markDone(id: number, at: number): void;
  /** A delivery attempt failed: count it and retry after `nextAttemptAt`, or give up (`failed`). */
  markAttemptFailed(id: number, nextAttemptAt: number, giveUp: boolean, at: number): void;
  /** Deletes the entry and un-marks the keys it marked seen (a "now" whose parent never posted). */
  rollbackDigest(id: number): void;
  /** Entries not yet delivered whose next attempt is due. */
  pendingDeliveries(now: number): LedgerEntry[];
  getDigestEntry(id: number): LedgerEntry | null;
}

export type DigestStore = SubscriptionStore & FeedStateStore & SeenItemStore & DigestLedgerStore;

export interface Store
  extends BriefCacheStore, UsageLedger, SubscriptionStore, FeedStateStore, SeenItemStore, DigestLedgerStore {
  close(): void;
}

/** UTC day of a timestamp: the ledger's unit, so totals agree whatever the server's time zone. */
export function utcDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}
