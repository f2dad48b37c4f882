/** One item of a feed as the digest keeps it (in feed state, between fetches). */
export interface FeedItem {
  /** See item-identity.ts. */
  key: string;
  linkKey: string | null;
  /** Plain text. */
  title: string | null;
  /** Absolute http(s) link to the article, as the feed gave it. */
  link: string | null;
  /** True when other items of the same feed share this link (a feed that links every item to its home page). */
  sharedLink: boolean;
  /** Plain-text summary for display and clustering, clipped. */
  summary: string | null;
  /** The item's own HTML content, clipped: the brief's fallback when the article cannot be fetched. */
  content: string | null;
  /** What the feed says (Unix ms); feeds lie, so ranking also uses firstSeenAt. */
  publishedAt: number | null;
  /** When we first saw this item in the feed (Unix ms). */
  firstSeenAt: number;
}

/** The item's time for ranking: its date unless that is later than when we first saw it. */
export function effectiveTime(item: Pick<FeedItem, 'publishedAt' | 'firstSeenAt'>): number {
  const { publishedAt, firstSeenAt } = item;
  return publishedAt !== null && publishedAt <= firstSeenAt + 3_600_000 ? publishedAt : firstSeenAt;
}
