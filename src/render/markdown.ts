import type { Brief } from '../brief.js';
import { quoteRepeatsFact } from './fact-display.js';
import { footerParts } from './footer.js';

/**
 * Where untrusted text goes in our Markdown: `block` where a line's content starts (a paragraph,
 * after `- ` or `> `), where `1.`, `-`, `#` or `>` would open a list, heading or quote; `inline`
 * inside a heading or emphasis, where only inline syntax applies.
 */
export type MarkdownPosition = 'block' | 'inline';

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;
const WORD = /[\p{L}\p{N}]/u;

/**
 * Escapes article text so that it adds no markup, links or HTML, and only where Markdown (CommonMark,
 * and GitHub's autolinks and strikethrough) would otherwise read it as syntax: "Kim Jong-un" and
 * "Ukraine." stay as they are, "*bold*", "[x](y)", "<b>" and a leading "1. " or "- " do not.
 * Whitespace runs become one space: a line break would start a new block.
 */
export function escapeMarkdown(raw: string, at: MarkdownPosition = 'block'): string {
  const s = raw.replace(/\s+/g, ' ').trim();
  let out = '';
  for (let i = 0; i < s.length; i += 1) {
    const c = s[i]!;
    const prev = s[i - 1] ?? ' ';
    const next = s[i + 1] ?? ' ';
    out += needsEscape(c, prev, next, s, i) ? `\\${c}` : c;
  }
  if (at === 'block') return escapeBlockStart(out);
  // In a heading, a closing run of #s would be read as the end of the heading and dropped.
  return out.replace(/ (#+)$/, ' \\$1');
}

function needsEscape(c: string, prev: string, next: string, s: string, i: number): boolean {
  switch (c) {
    case '\\':
      // Before punctuation it escapes; at the end of a line it is a hard break.
      return ASCII_PUNCTUATION.test(next) || i === s.length - 1;
    case '`':
    case '[':
    case ']':
      return true;
    case '*':
    case '~':
      // A delimiter run opens or closes emphasis (or strikethrough) unless spaces surround it.
      return !(prev === ' ' && next === ' ');
    case '_':
      // Inside a word ("snake_case") underscores never open or close emphasis.
      return !(prev === ' ' && next === ' ') && !(WORD.test(prev) && WORD.test(next));
    case '<':
      // A tag, a comment or an autolink: "<b>", "</p>", "<!--", "<https://...>"; "a < b" is text.
      return /[A-Za-z/!?]/.test(next);
    case '&':
      // An entity reference ("&amp;", "&#169;") would be decoded.
      return /^&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/.test(s.slice(i));
    case ':':
      // GitHub turns "https://..." in text into a link; the only link a brief carries is its source.
      return next === '/' && s[i + 2] === '/' && /[A-Za-z]$/.test(s.slice(0, i));
    case '.':
      // ... and "www.example.com".
      return /(?:^|[^\w.-])www$/i.test(s.slice(0, i));
    case '@':
      // ... and "name@example.com".
      return /[\w.+-]$/.test(s.slice(0, i)) && /^@[\w-]+\.[\w]/.test(s.slice(i));
    default:
      return false;
  }
}

/** What opens a block at the start of a line: a heading, quote, list item or thematic break. */
function escapeBlockStart(line: string): string {
  // "---" or "- - -" ("***" and "___" are escaped as emphasis already).
  if (/^-(?: *-){2,} *$/.test(line)) return `\\${line}`;
  // "# ", ">", "- ", "+ ", "* ": a heading, a quote or a list item.
  if (/^(?:#{1,6}(?: |$)|>|[-+*](?: |$))/.test(line)) return `\\${line}`;
  // "1. " or "2024) ": an ordered list item; the punctuation is what makes it one.
  return line.replace(/^(\d{1,9})([.)])(?= |$)/, '$1\\$2');
}

export function renderMarkdown(brief: Brief): string {
  const out: string[] = [];
  out.push(`## ${escapeMarkdown(brief.headline, 'inline')}`, '');
  out.push(escapeMarkdown(brief.summary.join(' ')), '');
  if (brief.keyFacts.length > 0) {
    out.push('**Key facts**', '');
    for (const fact of brief.keyFacts) {
      out.push(`- ${escapeMarkdown(fact.text)}`);
      // As on the other surfaces: a quote that says nothing beyond its fact is not shown again.
      if (!quoteRepeatsFact(fact)) out.push(`  > ${escapeMarkdown(fact.quote)}`);
    }
    out.push('');
  }
  const footer = escapeMarkdown(footerParts(brief).join(' · '), 'inline');
  // The source URL was validated by ingest; it is the only link we emit.
  out.push(brief.source.url ? `_${footer}_ · <${brief.source.url}>` : `_${footer}_`);
  return out.join('\n');
}
