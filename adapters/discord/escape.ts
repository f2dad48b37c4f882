import { ELLIPSIS, fitEscaped, truncate } from '../../src/text/truncate.js';

/**
 * Making untrusted text (article titles, sentences, quotes, entities) inert in Discord messages.
 * Three layers, because each one alone has gaps: markdown is escaped so an article cannot format
 * or hide text, mention and link syntax is broken so it cannot ping or point anywhere, and every
 * send also carries `allowed_mentions: { parse: [] }` (NO_MENTIONS in deliverer.ts).
 */

const ZWJ = '\u200D';
const ZWSP = '\u200B';
export { ELLIPSIS, truncate };

// Backslash-escapable anywhere. `[` and `]` are escaped one by one because discord.js 14.28's
// escapeMaskedLink is greedy and leaves the second masked link on a line live
// (docs/architecture.md, "Platform rules").
const INLINE_MARKDOWN = /[\\*_~`|[\]]/g;
// Only special at the start of a line: quotes, headings, subtext (-#), bullets and numbered lists.
const LINE_START_MARKDOWN = /^([ \t]*)(>|#|-|\+|\d+\.)/gm;
// <@id>, <@!id>, <@&id>, <#id>, </cmd:id>, <t:...>, <:emoji:id>, <id:...>: all start with "<".
const ANGLE_SYNTAX = /<(?=\S)/g;
const EVERYONE_HERE = /@(everyone|here)/gi;
// Discord turns any scheme://... into a link; a zero-width space after the colon stops it.
const AUTOLINK = /\b([a-z][a-z0-9+.-]*):\/\//gi;

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

/** Escapes untrusted text and fits the result into `max` (src/text/truncate.ts). */
export function escapeFit(text: string, max: number, escape = escapeUntrusted): string {
  return fitEscaped(text, max, escape);
}
