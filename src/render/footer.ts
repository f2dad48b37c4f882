import type { Brief } from '../brief.js';

/** The context line every surface shows: source, reading time, engine, and any caveat. */
export function footerParts(brief: Brief): string[] {
  const parts: string[] = [];
  const site = brief.source.siteName ?? hostOf(brief.source.url);
  if (site) parts.push(site);
  if (brief.source.byline) parts.push(brief.source.byline);
  parts.push(`${brief.stats.readingMinutes} min read`);
  parts.push(brief.engine.model ? `${brief.engine.name} (${brief.engine.model})` : brief.engine.name);
  if (brief.extraction.status !== 'ok') {
    parts.push(brief.extraction.note ?? `extraction: ${brief.extraction.status}`);
  }
  if (brief.engine.fallbackReason) parts.push(`fallback: ${brief.engine.fallbackReason}`);
  if (brief.engine.partial) parts.push('based on part of a long article');
  if (brief.language !== 'en' && brief.language !== 'und') parts.push(`language: ${brief.language}`);
  return parts;
}

/** The footer as one line, for surfaces that show it as a single caption. */
export function footerLine(brief: Brief): string {
  return footerParts(brief).join(' · ');
}

/**
 * The chat surfaces' caption (Slack's context line, Discord's embed footer): the footer line, with
 * a warning sign in front when the article could not be read in full (the brief may be thin).
 */
export function chatFooterLine(brief: Brief): string {
  const line = footerLine(brief);
  return brief.extraction.status === 'ok' ? line : `⚠️ ${line}`;
}

export function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
}
