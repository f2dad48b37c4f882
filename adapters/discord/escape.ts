/**
 * Making untrusted text (article titles, sentences, quotes, entities) inert in Discord messages.
 * Three layers, because each one alone has gaps: markdown is escaped so an article cannot format
 * or hide text, mention and link syntax is broken so it cannot ping or point anywhere, and every
 * send also carries `allowed_mentions: { parse: [] }` (see send-options.ts).
 */

const ZWJ = '\u200D';
const ZWSP = '\u200B';
export const ELLIPSIS = '…';

// Backslash-escapable anywhere. `[` and `]` are escaped one by one because discord.js 14.28's
// escapeMaskedLink is greedy and leaves the second masked link on a line live (DESIGN.md).
const INLINE_MARKDOWN = /[\\*_~`|[\]]/g;
// Only special at the start of a line: quotes, headings, subtext (-#), bullets and numbered lists.
const LINE_START_MARKDOWN = /^([ \t]*)(>|#|-|\+|\d+\.)/gm;
// <@id>, <@!id>, <@&id>, <#id>, </cmd:id>, <t:...>, <:emoji:id>, <id:...>: all start with "<".
const ANGLE_SYNTAX = /<(?=\S)/g;
const EVERYONE_HERE = /@(everyone|here)/gi;
// Discord turns any scheme://... into a link; a zero-width space after the colon stops it.
const AUTOLINK = /\b([a-z][a-z0-9+.-]*):\/\//gi;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Breaks pings and link syntax, for places where markdown is not rendered (footers, thread names). */
export function neutralizeMentions(text: string): string {
  return text
    .replace(EVERYONE_HERE, `@${ZWJ}$1`)
    .replace(ANGLE_SYNTAX, `<${ZWJ}`)
    .replace(AUTOLINK, `$1:${ZWSP}//`);
}

/** Untrusted text for places where Discord renders markdown (titles, descriptions, fields). */
export function escapeUntrusted(text: string): string {
  const escaped = text
    .replace(INLINE_MARKDOWN, '\\$&')
    .replace(LINE_START_MARKDOWN, (_m, indent: string, marker: string) =>
      // "1." is escaped as "1\." (a backslash before the digit would not stop the list).
      marker.endsWith('.') ? `${indent}${marker.slice(0, -1)}\\.` : `${indent}\\${marker}`,
    );
  return neutralizeMentions(escaped);
}

/**
 * Cuts text to at most `max` UTF-16 code units (what Discord and discord.js count), on a grapheme
 * boundary so no emoji, flag or accented letter is split, and marks the cut with an ellipsis.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < ELLIPSIS.length) return '';
  return takeGraphemes(text, max - ELLIPSIS.length).trimEnd() + ELLIPSIS;
}

/**
 * Escapes untrusted text and fits the result into `max`. Cutting the raw text before escaping
 * keeps every escape whole (a cut never leaves a dangling backslash or half a broken mention).
 */
export function escapeFit(text: string, max: number, escape = escapeUntrusted): string {
  const full = escape(text);
  if (full.length <= max) return full;
  // Escaping never shortens text, so no more than `max` units of the raw text can fit.
  const graphemes = [...segmenter.segment(takeGraphemes(text, max))].map((s) => s.segment);
  // Largest prefix (in graphemes) whose escaped form plus the ellipsis still fits.
  let lo = 0;
  let hi = graphemes.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    const candidate = escape(graphemes.slice(0, mid).join('').trimEnd()) + ELLIPSIS;
    if (candidate.length <= max) lo = mid;
    else hi = mid - 1;
  }
  const best = escape(graphemes.slice(0, lo).join('').trimEnd()) + ELLIPSIS;
  return best.length <= max ? best : truncate(ELLIPSIS, max);
}

function takeGraphemes(text: string, budget: number): string {
  let out = '';
  for (const { segment } of segmenter.segment(text)) {
    if (out.length + segment.length > budget) break;
    out += segment;
  }
  return out;
}
