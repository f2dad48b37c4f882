import type { Brief } from '../brief.js';

/**
 * The one link a brief may carry. It is the URL the user asked for, or the article's canonical URL
 * when that stays on the same site: a page can declare any canonical URL, and we do not let an
 * article choose where our link points. Pasted text has no link. `maxLength` is the platform's
 * limit for a link (Slack's button, Discord's embed URL): better no link than a refused message.
 */
export function sourceLink(brief: Brief, requestedUrl: string | null, maxLength: number): string | null {
  const requested = parseHttpUrl(requestedUrl);
  const canonical = parseHttpUrl(brief.source.url);
  const chosen = requested && canonical && siteOf(canonical) === siteOf(requested) ? canonical : requested;
  if (!chosen) return null;
  const href = chosen.href;
  return href.length <= maxLength ? href : null;
}

function siteOf(url: URL): string {
  return url.hostname.replace(/^www\./, '');
}

function parseHttpUrl(raw: string | null | undefined): URL | null {
  if (!raw) return null;
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (url.username || url.password) return null;
    return url;
  } catch {
    return null;
  }
}
