import { DetectError, parseFeed as feedsmithParse, type AnyFeed } from 'feedsmith';
import { BriefError } from '../errors.js';
import type { FeedItem } from './feed-item.js';
import { clip, htmlToText } from './html-text.js';
import { canonicalLink, itemIdentity } from './item-identity.js';

/**
 * RSS 2.0, Atom, RDF (RSS 1.0) and JSON Feed through feedsmith, reduced to the few fields a digest
 * needs. The XML parse is bounded by the fetch's byte cap; mapping is bounded by MAP_LIMIT items
 * in document order, and of those the newest `maxItems` are kept.
 */

export interface ParsedFeed {
  title: string | null;
  /** Newest first, at most maxItems. */
  items: FeedItem[];
  /** How many items the document holds (counted cheaply when more than were mapped). */
  totalItems: number;
}

/** Items mapped at most: feeds list newest first, and mapping 10,000 items would be wasted work. */
export const MAP_LIMIT = 1000;
const SUMMARY_CHARS = 600;
const CONTENT_CHARS = 8 * 1024;

interface RawItem {
  guid: string | null;
  link: string | null;
  title: string | null;
  summaryHtml: string | null;
  contentHtml: string | null;
  date: string | null;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);

function rawItems(parsed: AnyFeed): { title: string | null; items: RawItem[] } {
  switch (parsed.format) {
    case 'rss': {
      const f = parsed.feed;
      return {
        title: str(f.title),
        items: (f.items ?? []).map((i) => ({
          guid: str(i.guid?.value),
          link: str(i.link) ?? (i.guid?.isPermaLink !== false ? str(i.guid?.value) : null),
          title: str(i.title),
          summaryHtml: str(i.description),
          contentHtml: str(i.content?.encoded) ?? str(i.description),
          date: str(i.pubDate) ?? str(i.dc?.dates?.[0]),
        })),
      };
    }
    case 'atom': {
      const f = parsed.feed;
      return {
        title: str(f.title?.value),
        items: (f.entries ?? []).map((e) => {
          const links = e.links ?? [];
          const alternate = links.find((l) => !l.rel || l.rel === 'alternate') ?? links[0];
          return {
            guid: str(e.id),
            link: str(alternate?.href),
            title: str(e.title?.value),
            summaryHtml: str(e.summary?.value),
            contentHtml: str(e.content?.value) ?? str(e.summary?.value),
            date: str(e.published) ?? str(e.updated) ?? str(e.dc?.dates?.[0]),
          };
        }),
      };
    }
    case 'rdf': {
      const f = parsed.feed;
      return {
        title: str(f.title),
        items: (f.items ?? []).map((i) => ({
          guid: str(i.rdf?.about),
          link: str(i.link),
          title: str(i.title),
          summaryHtml: str(i.description),
          contentHtml: str(i.content?.encoded) ?? str(i.description),
          date: str(i.dc?.dates?.[0]),
        })),
      };
    }
    case 'json': {
      const f = parsed.feed;
      return {
        title: str(f.title),
        items: (f.items ?? []).map((i) => ({
          guid: str(i.id),
          link: str(i.url) ?? str(i.external_url),
          title: str(i.title),
          summaryHtml: str(i.summary) ?? str(i.content_text) ?? str(i.content_html),
          contentHtml: str(i.content_html) ?? (str(i.content_text) ? escapeText(i.content_text!) : null),
          date: str(i.date_published) ?? str(i.date_modified),
        })),
      };
    }
  }
}

function escapeText(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`)
    .join('');
}

function absolute(link: string | null, base: string): string | null {
  if (!link) return null;
  try {
    const url = new URL(link.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function parseDate(raw: string | null): number | null {
  if (!raw) return null;
  const t = Date.parse(raw.trim());
  return Number.isFinite(t) ? t : null;
}

function countItems(text: string): number {
  return (text.match(/<(?:[\w-]+:)?(?:item|entry)[\s>/]/g) ?? []).length;
}

/** Parses a feed document; not a feed / malformed => BriefError('not_feed') with a clear message. */
export function parseFeedText(text: string, feedUrl: string, now: number, maxItems: number): ParsedFeed {
  let parsed: AnyFeed;
  try {
    parsed = feedsmithParse(text, { maxItems: MAP_LIMIT });
  } catch (err) {
    if (err instanceof DetectError) {
      const page = /^\s*(<!doctype html|<html[\s>])/i.test(text.slice(0, 1024));
      throw new BriefError(
        'not_feed',
        page
          ? 'That address is a web page, not a feed. Look for the site’s RSS or Atom link (often /feed or /rss) and use that.'
          : 'That address does not hold an RSS, Atom, RDF or JSON feed. Check the link: it should point at the feed itself.',
      );
    }
    throw new BriefError(
      'not_feed',
      'That feed is malformed: its XML or JSON could not be read. Tell the site, or pick another of its feeds.',
      { cause: err },
    );
  }
  const { title, items } = rawItems(parsed);
  const mapped = items.map((raw) => ({
    raw,
    link: absolute(raw.link, feedUrl),
    publishedAt: parseDate(raw.date),
  }));
  const linkCounts = new Map<string, number>();
  for (const m of mapped) {
    const canon = canonicalLink(m.link);
    if (canon) linkCounts.set(canon, (linkCounts.get(canon) ?? 0) + 1);
  }
  const seenKeys = new Set<string>();
  const out: FeedItem[] = [];
  for (const { raw, link, publishedAt } of mapped) {
    const canon = canonicalLink(link);
    const sharedLink = canon !== null && (linkCounts.get(canon) ?? 0) > 1;
    const itemTitle = raw.title ? clip(htmlToText(raw.title), 300) || null : null;
    const identity = itemIdentity(
      feedUrl,
      { guid: raw.guid, link, title: itemTitle ?? raw.summaryHtml?.slice(0, 200) ?? null },
      sharedLink,
    );
    // A feed that repeats an item keeps its first (newest-listed) copy.
    if (seenKeys.has(identity.key)) continue;
    seenKeys.add(identity.key);
    const summary = raw.summaryHtml ? clip(htmlToText(raw.summaryHtml), SUMMARY_CHARS) || null : null;
    if (!itemTitle && !summary && !link) continue;
    out.push({
      ...identity,
      title: itemTitle,
      link,
      sharedLink,
      summary,
      content: raw.contentHtml ? raw.contentHtml.slice(0, CONTENT_CHARS) : null,
      publishedAt,
      firstSeenAt: now,
    });
  }
  // Newest first; undated items keep their document position after the dated ones' order.
  const ordered = out
    .map((item, index) => ({ item, index }))
    .sort((a, b) => {
      const ta = a.item.publishedAt ?? -Infinity;
      const tb = b.item.publishedAt ?? -Infinity;
      return ta !== tb ? tb - ta : a.index - b.index;
    })
    .map((x) => x.item);
  const totalItems = items.length >= MAP_LIMIT ? Math.max(items.length, countItems(text)) : items.length;
  return {
    title: title ? clip(htmlToText(title), 200) : null,
    items: ordered.slice(0, maxItems),
    totalItems,
  };
}
