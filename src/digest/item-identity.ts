import { createHash } from 'node:crypto';

/**
 * Which feed items are the same item. A guid (RSS) or id (Atom, JSON Feed) is only unique within
 * its feed, so it is namespaced by the feed URL; a link is global, so the same article reached
 * through two feeds (or a feed that changed its guids) is still recognised.
 */

// Parameters that say how someone arrived, not what they read.
const TRACKING = [
  /^utm_/,
  /^mc_/,
  /^(fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|twclid|igshid|mkt_tok)$/,
  /^(ref|ref_src|ref_url|referrer|cmpid|ncid|ocid|smid|smtyp|taid|at_medium|at_campaign)$/,
  /^_ga$|^_gl$|^_hsenc$|^_hsmi$|^oly_(anon|enc)_id$|^vero_(conv|id)$|^__twitter_impression$/,
];

/** The link with tracking parameters and the fragment removed and the host lower-cased; null if not http(s). */
export function canonicalLink(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  url.hostname = url.hostname.toLowerCase().replace(/\.$/, '');
  const kept = [...url.searchParams].filter(([name]) => !TRACKING.some((re) => re.test(name.toLowerCase())));
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  url.search = new URLSearchParams(kept).toString();
  let href = url.href;
  // "https://a.example/x?" and "https://a.example/x" are the same page.
  if (href.endsWith('?')) href = href.slice(0, -1);
  return href;
}

export interface ItemIdentity {
  /** Primary identity: guid/id (per feed), else canonical link, else a hash of title and link. */
  key: string;
  /** The canonical link as a second key, when the item has one. */
  linkKey: string | null;
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 32);

/**
 * `linkShared`: other items of the feed carry the same link (every item pointing at the home
 * page), so the link identifies nothing and is not used as a key.
 */
export function itemIdentity(
  feedUrl: string,
  item: { guid?: string | null; link?: string | null; title?: string | null },
  linkShared = false,
): ItemIdentity {
  const link = linkShared ? null : canonicalLink(item.link);
  const guid = item.guid?.trim();
  if (guid) return { key: `g:${sha(`${feedUrl}\n${guid}`)}`, linkKey: link && `l:${link}` };
  if (link) return { key: `l:${link}`, linkKey: `l:${link}` };
  return { key: `h:${sha(`${feedUrl}\n${item.title ?? ''}\n${item.link ?? ''}`)}`, linkKey: null };
}
