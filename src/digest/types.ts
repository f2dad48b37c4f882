import type { Brief } from '../brief.js';
import type { DrainCounts } from '../drain.js';

/**
 * The digest contract between the core (feeds, clustering, scheduling, ledger) and the adapters
 * (commands, rendering, posting). The core decides what to send and when; an adapter only knows
 * how to post a parent message and thread replies on its platform.
 */

export const platforms = ['slack', 'discord'] as const;
export type Platform = (typeof platforms)[number];

/** A chat channel: Slack team + channel, or Discord guild + channel. */
export interface ChannelRef {
  platform: Platform;
  /** Slack team id (T...) or Discord guild id. */
  workspaceId: string;
  channelId: string;
}

export interface Subscription {
  id: number;
  channel: ChannelRef;
  feedUrl: string;
  /** The feed's own title when it was validated on subscribe. */
  feedTitle: string | null;
  /** Local delivery time, HH:MM (24 h). */
  time: string;
  /** IANA time zone, e.g. "Europe/Berlin". */
  timezone: string;
  /** At most this many stories in one digest. */
  maxStories: number;
  /** Platform user id of whoever added it. */
  addedBy: string;
  createdAt: number;
}

export interface DigestSource {
  url: string;
  feedTitle: string | null;
}

export interface DigestStory {
  /** Stable identity of the (merged) story, for the ledger and dedupe. */
  key: string;
  headline: string;
  /** The one-line summary shown in the parent message. */
  line: string;
  /** Every feed and link that carried this story, the canonical one first. */
  sources: DigestSource[];
  publishedAt: number | null;
  brief: Brief;
}

export interface FailedFeed {
  feedUrl: string;
  title: string | null;
  /** A user-facing reason (a BriefError message). */
  reason: string;
}

export interface Digest {
  channel: ChannelRef;
  /** The channel's local date this digest is for, YYYY-MM-DD. */
  localDate: string;
  timezone: string;
  stories: DigestStory[];
  /** Feeds that failed this time: named in the footer, never stopping the others. */
  failedFeeds: FailedFeed[];
}

/** What an adapter implements so the core can deliver a digest to one of its channels. */
export interface DigestPublisher {
  /** Posts the parent message; returns what replies thread under (Slack ts, Discord message id). */
  postParent(digest: Digest): Promise<string>;
  /** Posts story `index` (0-based) of the digest as a reply in the parent's thread. */
  postStory(digest: Digest, parentRef: string, index: number): Promise<void>;
}

export type DigestPublishers = Partial<Record<Platform, DigestPublisher>>;

export interface SubscribeRequest {
  channel: ChannelRef;
  feedUrl: string;
  /** HH:MM; default from configuration (09:00). */
  time?: string;
  /** IANA zone; default from configuration (UTC). */
  timezone?: string;
  maxStories?: number;
  addedBy: string;
}

export interface SubscribeResult {
  subscription: Subscription;
  /** The feed as validated now: its title and how many items it holds. */
  feedTitle: string | null;
  itemCount: number;
  /** Items recent enough (< 24 h) to wait for the first digest; older ones are marked seen. */
  waiting: number;
  /** Set when the feed holds more items than are read: only its newest `itemLimit` count. */
  itemLimit?: number;
  /**
   * Set when this subscription moved the channel's digest to a new time or zone (all of a
   * channel's feeds share one daily digest): the schedule it had before.
   */
  previousSchedule?: { time: string; timezone: string };
}

export type DigestRunResult =
  | { status: 'posted'; stories: number; failedFeeds: FailedFeed[] }
  | { status: 'nothing_new'; failedFeeds: FailedFeed[] };

export interface DigestProgress {
  phase: 'feeds' | 'briefs';
  done: number;
  total: number;
}

/**
 * What adapters and the CLI call. User mistakes (not a URL, not a feed, bad time or zone) are
 * BriefErrors whose message the adapter shows as is.
 */
export interface DigestService {
  subscribe(request: SubscribeRequest, signal?: AbortSignal): Promise<SubscribeResult>;
  list(channel: ChannelRef): Promise<Subscription[]>;
  /** The removed subscription, or null when the channel has none with that id. */
  remove(channel: ChannelRef, id: number): Promise<Subscription | null>;
  /** Posts what is new for the channel now ("now" commands); posts nothing when nothing is new. */
  runNow(channel: ChannelRef, publisher: DigestPublisher, signal?: AbortSignal): Promise<DigestRunResult>;
  /** The digest these feeds would give now, without posting or marking anything seen (CLI preview). */
  preview(feedUrls: string[], onProgress?: (progress: DigestProgress) => void): Promise<Digest>;
}

/** Runs scheduled digests; `tick` is what the timer calls, exposed so tests drive it with a fake clock. */
export interface DigestScheduler {
  start(): void;
  tick(): Promise<void>;
  /**
   * No more ticks. A running tick finishes, or with a deadline is aborted when it passes (what it
   * had not committed is composed again by the next run; what it had, the ledger resumes).
   */
  stop(options?: { deadline?: AbortSignal }): Promise<DrainCounts>;
}
