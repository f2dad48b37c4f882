import type { Brief } from '../brief.js';
import type { FeedItem } from '../digest/feed-item.js';
import type { ChannelRef, Digest, FailedFeed, Platform, Subscription } from '../digest/types.js';

/**
 * The store behind the service: one interface per concern, so features add theirs (subscriptions,
 * feed state, the digest ledger) without touching the others. One implementation on Kysely serves
 * SQLite (the embedded default) and PostgreSQL (several processes); open it with openStore
 * (open-store.ts). Every method is async: a PostgreSQL query is network I/O. All times are Unix
 * milliseconds passed in by the caller (no clock in here). docs/store.md has the schema and rules.
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
  getBrief(key: string, now: number): Promise<Brief | null>;
  putBrief(entry: CachedBriefInput): Promise<void>;
  /** Deletes expired entries; returns how many. */
  pruneBriefs(now: number): Promise<number>;
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
  recordUsage(record: UsageRecord): Promise<void>;
  /** Counts one brief made for `caller`, whatever the engine (App Home's "briefs this month"). */
  recordBrief(caller: string, at: number): Promise<void>;
  /** Totals per UTC day and caller, oldest day first; `sinceDay` (YYYY-MM-DD) limits the range. */
  usageTotals(options?: { sinceDay?: string }): Promise<UsageTotals[]>;
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
  addSubscription(sub: NewSubscription): Promise<Subscription | null>;
  listSubscriptions(channel: ChannelRef): Promise<Subscription[]>;
  /** The removed subscription, or null when the channel has none with that id. */
  removeSubscription(channel: ChannelRef, id: number): Promise<Subscription | null>;
  /** Every channel with at least one subscription. */
  channelSchedules(): Promise<ChannelSchedule[]>;
  channelSchedule(channel: ChannelRef): Promise<ChannelSchedule | null>;
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
  getFeedState(feedUrl: string): Promise<FeedState | null>;
  putFeedState(state: FeedState): Promise<void>;
}

export interface SeenItemStore {
  /** Which of `keys` the channel has already had (or skipped). */
  seenKeys(channel: ChannelRef, keys: string[]): Promise<Set<string>>;
  /** Marks keys seen outside a digest (on subscribe: items older than a day). */
  markSeen(channel: ChannelRef, keys: string[], at: number): Promise<void>;
  /** Forgets seen keys older than `before`; returns how many. */
  pruneSeen(before: number): Promise<number>;
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
  /** Who holds the delivery lease (see claimDelivery), and until when; null / 0 when nobody. */
  leaseOwner: string | null;
  leaseUntil: number;
  /** Why the last delivery attempt failed (a platform error code); null when none did. */
  lastError: string | null;
}

/** What a channel's digests did lately (App Home). */
export interface DigestStatusSummary {
  /** When the last digest was fully posted; null when none was. */
  lastSentAt: number | null;
  /** The latest delivery attempt that failed, and the platform's reason. */
  lastDeliveryFailure: { at: number; error: string } | null;
  /** Feeds that could not be read for the latest digest, with their reasons. */
  lastFailedFeeds: { at: number; feeds: FailedFeed[] } | null;
}

/**
 * The right to deliver one ledger entry until `until` (Unix ms). Across processes only the owner
 * of an unexpired lease posts the entry; an expired lease (its owner crashed) can be claimed by
 * anyone, which is how a delivery resumes after a crash.
 */
export interface DeliveryLease {
  /** Unique per process (or per runtime): host, pid and a random part. */
  owner: string;
  until: number;
}

export interface CommitDigestInput {
  kind: DigestKind;
  digest: Digest;
  /** Every item key the digest consumed; marked seen in the same transaction. */
  keys: string[];
  at: number;
  /** Taken in the same INSERT, so no other process's scheduler picks the entry up first. */
  lease?: DeliveryLease;
}

/**
 * The digest ledger. Every write is one conditional statement or one transaction, never a read
 * followed by a write, so the rules hold with several processes on one database:
 *  - one scheduled digest per channel and local date: commitDigest is one INSERT ... ON CONFLICT DO
 *    NOTHING against the unique index digest_ledger_one_scheduled;
 *  - one deliverer at a time: claimDelivery is one UPDATE that succeeds only on an unleased, expired
 *    or own lease;
 *  - states only move forward: each mark* is an UPDATE whose WHERE names the states it may leave,
 *    and says (true/false) whether it moved the entry.
 */
export interface DigestLedgerStore {
  /** Whether the channel's scheduled digest for that local date exists (in any state). */
  hasScheduledDigest(channel: ChannelRef, localDate: string): Promise<boolean>;
  /**
   * Records the composed digest and marks its items seen, atomically; an empty digest is recorded
   * as `empty`. Null when a scheduled digest for that channel and date already exists.
   */
  commitDigest(input: CommitDigestInput): Promise<LedgerEntry | null>;
  /**
   * Takes (or renews) the delivery lease of an undelivered entry: the entry as it is now, or null
   * when it is delivered, failed, gone, or leased to another owner until after `now`.
   */
  claimDelivery(id: number, lease: DeliveryLease, now: number): Promise<LedgerEntry | null>;
  /** Gives a lease back early (the owner stops without marking the entry done or failed). */
  releaseDelivery(id: number, owner: string): Promise<void>;
  /** composed -> parent_posted; false when the entry was not `composed` (someone else posted it). */
  markParentPosted(id: number, parentRef: string, at: number): Promise<boolean>;
  /** Raises the replies-posted count of a `parent_posted` entry; false when it did not rise. */
  markStoriesPosted(id: number, storiesPosted: number, at: number): Promise<boolean>;
  /** parent_posted -> done, releasing the lease; false when the entry was not `parent_posted`. */
  markDone(id: number, at: number): Promise<boolean>;
  /**
   * A delivery attempt failed: count it, release the lease and retry after `nextAttemptAt`, or
   * give up (`failed`). Does nothing to an entry that is no longer pending.
   */
  markAttemptFailed(
    id: number,
    nextAttemptAt: number,
    giveUp: boolean,
    at: number,
    /** Why it failed: a short platform error code, kept for App Home. */
    error?: string,
  ): Promise<void>;
  /**
   * Deletes a `composed` entry (its parent never posted) and un-marks the keys it marked seen, so
   * the stories come again with the next digest. False, and nothing changes, in any other state.
   */
  rollbackDigest(id: number): Promise<boolean>;
  /** Entries not yet delivered whose next attempt is due and that nobody holds a lease on. */
  pendingDeliveries(now: number): Promise<LedgerEntry[]>;
  getDigestEntry(id: number): Promise<LedgerEntry | null>;
  digestStatus(channel: ChannelRef): Promise<DigestStatusSummary>;
}

export type DigestStore = SubscriptionStore & FeedStateStore & SeenItemStore & DigestLedgerStore;

// ---- Workspaces: settings, usage, and forgetting one (an uninstall) ------------------------

/** A Slack workspace (team id) or a Discord server (guild id). */
export interface WorkspaceRef {
  platform: Platform;
  workspaceId: string;
}

export const briefLengths = ['short', 'standard', 'detailed'] as const;
export type BriefLength = (typeof briefLengths)[number];

/** A workspace's defaults for its briefs; null fields mean "the server's". */
export interface WorkspaceSettings {
  engine: 'auto' | 'extractive' | 'llm' | null;
  /** ISO 639 code the LLM writes in; null = the server's (BRIEF_LANGUAGE). */
  language: string | null;
  length: BriefLength | null;
  updatedBy: string | null;
  updatedAt: number;
}

export interface WorkspaceUsage {
  /** Briefs made for the workspace's channels and digests. */
  briefs: number;
  /** LLM calls, and the tokens they cost. */
  llmCalls: number;
  promptTokens: number;
  completionTokens: number;
}

/** What forgetWorkspace deleted, by table. */
export type ForgetCounts = Record<
  'subscriptions' | 'digests' | 'seenItems' | 'settings' | 'usage' | 'briefCounts',
  number
>;

export interface WorkspaceStore {
  getWorkspaceSettings(ws: WorkspaceRef): Promise<WorkspaceSettings | null>;
  putWorkspaceSettings(ws: WorkspaceRef, settings: WorkspaceSettings): Promise<void>;
  /** Every subscription in the workspace's channels, by channel then id (App Home). */
  workspaceSubscriptions(ws: WorkspaceRef): Promise<Subscription[]>;
  /** Briefs and LLM tokens of the workspace since the UTC day `sinceDay` (YYYY-MM-DD). */
  workspaceUsage(ws: WorkspaceRef, sinceDay: string): Promise<WorkspaceUsage>;
  /**
   * Deletes what the workspace left (it uninstalled): its subscriptions, digest ledger and seen
   * items (pending deliveries stop), its settings, its usage rows and brief counts. One transaction.
   * Feed state (per feed URL) and cached briefs (per article) are shared and expire on their own.
   */
  forgetWorkspace(ws: WorkspaceRef): Promise<ForgetCounts>;
}

// ---- Slack installations (many workspaces; adapters/slack/installations) -----------------

/** An installation as stored: tokens sealed (src/secret-box.ts). Times are Unix ms. */
export interface SlackInstallationRecord {
  /** 'E:<enterprise id>' for an org-wide install, 'T:<team id>' otherwise (slackInstallKey). */
  installKey: string;
  enterpriseId: string | null;
  teamId: string | null;
  isEnterpriseInstall: boolean;
  appId: string | null;
  teamName: string | null;
  enterpriseName: string | null;
  enterpriseUrl: string | null;
  botTokenSealed: string;
  botRefreshSealed: string | null;
  botExpiresAt: number | null;
  botUserId: string;
  botId: string;
  botScopes: string[];
  installerUserId: string;
  installedAt: number;
  updatedAt: number;
}

export const slackInstallKey = (
  q: { enterpriseId?: string | null; teamId?: string | null },
  orgWide: boolean,
) => (orgWide ? `E:${q.enterpriseId ?? ''}` : `T:${q.teamId ?? ''}`);

export interface SlackInstallationStore {
  /** Inserts or replaces the installation under its key; `installedAt` of an existing row is kept. */
  putSlackInstallation(record: SlackInstallationRecord): Promise<void>;
  getSlackInstallation(installKey: string): Promise<SlackInstallationRecord | null>;
  /** Deletes it (and, for an org install, its teams' mapping); false when there was none. */
  deleteSlackInstallation(installKey: string): Promise<boolean>;
  /** Records that `teamId` belongs to the organisation `enterpriseId` (org-wide installs). */
  rememberSlackOrgTeam(teamId: string, enterpriseId: string, at: number): Promise<void>;
  slackOrgOfTeam(teamId: string): Promise<string | null>;
  slackOrgTeams(enterpriseId: string): Promise<string[]>;
  /** Keeps an OAuth state until `expiresAt`. */
  putOAuthState(state: string, optionsJson: string, createdAt: number, expiresAt: number): Promise<void>;
  /** Takes the state (deleting it, so it works once): its options, or null when unknown or expired. */
  takeOAuthState(state: string, now: number): Promise<string | null>;
  pruneOAuthStates(now: number): Promise<number>;
}

export interface Store
  extends
    BriefCacheStore,
    UsageLedger,
    SubscriptionStore,
    FeedStateStore,
    SeenItemStore,
    DigestLedgerStore,
    WorkspaceStore,
    SlackInstallationStore {
  /** Which database this is: for logs and for the few callers that must know. */
  readonly dialect: StoreDialect;
  /** Closes the connection (SQLite) or ends the pool (PostgreSQL); waits for queries in flight. */
  close(): Promise<void>;
}

export type StoreDialect = 'sqlite' | 'postgres';

/** UTC day of a timestamp: the ledger's unit, so totals agree whatever the server's time zone. */
export function utcDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}
