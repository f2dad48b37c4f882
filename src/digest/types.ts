import type { Brief } from '../brief.js';

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
