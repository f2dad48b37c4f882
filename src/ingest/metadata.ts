import type { DomDocument } from './dom.js';
import { readJsonLd } from './json-ld.js';
import { toIsoDate } from './iso-date.js';
import { cleanInline } from './normalize.js';

/** What a page says about itself, read before cleaning (cleaning removes <head> tags and headers). */
export interface PageMeta {
  title: string | null;
  byline: string | null;
  siteName: string | null;
  publishedTime: string | null;
  declaredLanguage: string | null;
  canonicalUrl: string | null;
  /** Paywall class names or JSON-LD isAccessibleForFree=false. */
  paywallMarkup: boolean;
}

const PAYWALL_CLASS =
  /\b(?:class|id)\s*=\s*["'][^"']*\b(?:paywall|pay-wall|regwall|reg-wall|subscriber-only|subscription-wall|premium-wall|meteredContent|piano-offer)\b/i;

type MetaIndex = Map<string, string>;

/** All <meta> values by property / name / itemprop, first one wins: one pass, not one per key. */
function metaIndex(document: DomDocument): MetaIndex {
  const index: MetaIndex = new Map();
  for (const el of document.querySelectorAll('meta[content]')) {
    const content = cleanInline(el.getAttribute('content') ?? '');
    if (!content) continue;
    for (const attr of ['property', 'name', 'itemprop']) {
      const key = el.getAttribute(attr)?.trim().toLowerCase();
      if (key && !index.has(key)) index.set(key, content);
    }
  }
  return index;
}

function pick(index: MetaIndex, ...keys: string[]): string | null {
  for (const key of keys) {
    const value = index.get(key.toLowerCase());
    if (value) return value;
  }
  return null;
}

function text(document: DomDocument, selector: string): string | null {
  const value = cleanInline(document.querySelector(selector)?.textContent ?? '');
  return value || null;
}

const SEPARATORS = [' | ', ' - ', ' – ', ' — ', ' · ', ' :: ', ' // '];

/**
 * Drops " | Site" (or "Site | ") from a title when that part is the site's name; with `shortLabels`
 * (for <title>, where sites append sections too) also a tail of at most 3 words after a longer head.
 */
export function trimTitleSuffix(
  title: string,
  siteName: string | null,
  host: string | null,
  shortLabels = false,
): string {
  const loose = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
  const site = [siteName, host?.replace(/^www\./, '').replace(/\.[a-z]+$/, '')]
    .filter(Boolean)
    .map((s) => loose(s ?? ''));
  for (const sep of SEPARATORS) {
    const at = title.lastIndexOf(sep);
    if (at <= 0) continue;
    const head = title.slice(0, at).trim();
    const tail = title.slice(at + sep.length).trim();
    const shortTail = shortLabels && tail.split(/\s+/).length <= 3 && head.split(/\s+/).length >= 4;
    if (site.includes(loose(tail)) || shortTail) return head;
    const first = title.indexOf(sep);
    const lead = title.slice(0, first).trim();
    if (site.includes(loose(lead))) return title.slice(first + sep.length).trim();
  }
  return title;
}

function sameSite(a: URL, b: URL): boolean {
  const bare = (h: string) => h.replace(/^(?:www|m|amp|mobile)\./, '');
  return bare(a.hostname) === bare(b.hostname);
}

const TRACKING_PARAM = /^(?:utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_ga|ocid|cmpid)$/i;

/** Without #fragment and tracking parameters: one story, one canonical URL (and cache key). */
export function tidyUrl(url: URL): string {
  const out = new URL(url.href);
  out.hash = '';
  for (const key of [...out.searchParams.keys()]) if (TRACKING_PARAM.test(key)) out.searchParams.delete(key);
  return out.href;
}

function canonical(document: DomDocument, pageUrl: URL | null): string | null {
  const fromPage = pageUrl ? tidyUrl(pageUrl) : null;
  const href = document.querySelector('link[rel~="canonical" i]')?.getAttribute('href')?.trim();
  if (!href) return fromPage;
  try {
    const url = new URL(href, pageUrl ?? undefined);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return fromPage;
    // Another site's canonical would let a page claim someone else's URL (and cache entry).
    if (pageUrl && !sameSite(url, pageUrl)) return fromPage;
    return tidyUrl(url);
  } catch {
    return fromPage;
  }
}

function language(document: DomDocument): string | null {
  const raw =
    document.documentElement.getAttribute('lang') ??
    document.querySelector('meta[http-equiv="content-language" i]')?.getAttribute('content') ??
    '';
  const tag = raw.split(',')[0]?.trim().replace(/_/g, '-') ?? '';
  return /^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/i.test(tag) ? tag : null;
}

const DATE_META_KEYS = [
  'datepublished',
  'pubdate',
  'publishdate',
  'publish-date',
  'published-date',
  'publication_date',
  'date',
  'dc.date',
  'dc.date.issued',
  'dcterms.created',
  'dcterms.date',
  'parsely-pub-date',
  'sailthru.date',
  'article.published',
];

function firstDate(index: MetaIndex, keys: string[]): string | null {
  for (const key of keys) {
    const iso = toIsoDate(index.get(key));
    if (iso) return iso;
  }
  return null;
}

/** The article's own <time>: the one marked as the publication date first, then the first one. */
function timeElementDate(document: DomDocument): string | null {
  const el =
    document.querySelector('time[itemprop="datePublished" i][datetime], time[pubdate][datetime]') ??
    document.querySelector('article time[datetime], time[datetime]');
  return toIsoDate(el?.getAttribute('datetime'));
}

function cleanByline(value: string | null): string | null {
  if (!value || /^https?:\/\//i.test(value)) return null;
  const v = cleanInline(value).replace(/^by[:\s]+/i, '');
  return v && v.length <= 120 ? v : null;
}

export function readMetadata(document: DomDocument, pageUrl: URL | null, rawHtml: string): PageMeta {
  const ld = readJsonLd(document);
  const metas = metaIndex(document);
  const host = pageUrl?.hostname ?? null;
  const siteName =
    pick(metas, 'og:site_name', 'application-name') ?? ld?.publisher ?? host?.replace(/^www\./, '') ?? null;
  const declared = pick(metas, 'og:title', 'twitter:title') ?? ld?.headline ?? null;
  const titleTag = text(document, 'title');
  const title = declared
    ? trimTitleSuffix(declared, siteName, host)
    : titleTag
      ? trimTitleSuffix(titleTag, siteName, host, true)
      : text(document, 'h1');
  // Structured data first (JSON-LD, then OpenGraph), then the page's own <time>, then the meta
  // tags CMSs and analytics add; each normalised, and a value that does not parse is passed over.
  const byline =
    cleanByline(ld?.authors.join(' and ') || null) ??
    cleanByline(pick(metas, 'article:author', 'og:article:author')) ??
    cleanByline(pick(metas, 'author', 'parsely-author', 'sailthru.author', 'dc.creator', 'byl')) ??
    cleanByline(text(document, '[rel="author"], [itemprop="author"], .byline, .author'));
  const publishedTime =
    toIsoDate(ld?.datePublished) ??
    toIsoDate(pick(metas, 'article:published_time', 'og:article:published_time')) ??
    timeElementDate(document) ??
    firstDate(metas, DATE_META_KEYS);
  return {
    title: title || null,
    byline,
    siteName,
    publishedTime,
    declaredLanguage: language(document),
    canonicalUrl: canonical(document, pageUrl),
    paywallMarkup: PAYWALL_CLASS.test(rawHtml) || ld?.isAccessibleForFree === false,
  };
}
