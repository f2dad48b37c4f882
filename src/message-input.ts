import type { BriefInput } from './service.js';
import { countWords } from './text/tokens.js';

/**
 * Turns what a user typed or shared (a slash command's text, Discord's `text:`, a message a
 * shortcut or a mention points at) into brief inputs, by one rule on every surface:
 *
 * - a text with more than ARTICLE_MIN_WORDS words besides its links is an article pasted in: the
 *   text is briefed, and the links inside it are neither fetched nor briefed;
 * - a shorter one with links is a request about those links ("/brief <link>", "worth a read:
 *   <link>"): the links are briefed (at most MAX_LINKS_PER_MESSAGE);
 * - a text without links is briefed as it is.
 *
 * 30 words is where the two meet: a note about a link rarely runs past a couple of sentences,
 * while even a short news item runs to several dozen words; and a text of 30 words or fewer is too
 * short to brief as an article anyway. Platform markup (Slack's `<url|label>`) is decoded by the
 * adapter before it gets here.
 */
export const ARTICLE_MIN_WORDS = 31;

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+/gi;
/** Punctuation that ends a sentence around a link is not part of it. */
const TRAILING = /[),.;:!?\]}>'"’”]+$/;
/** A message with more links than this is a list, not a request; we brief the first few. */
export const MAX_LINKS_PER_MESSAGE = 3;

export function findLinks(text: string): string[] {
  const seen = new Set<string>();
  for (const match of text.matchAll(URL_PATTERN)) seen.add(linkOf(match[0]));
  return [...seen];
}

function linkOf(raw: string): string {
  let url = raw.replace(TRAILING, '');
  // Keep a closing parenthesis that belongs to the URL (Wikipedia-style links).
  if (raw.slice(url.length).startsWith(')') && url.includes('(')) url += ')';
  return url;
}

/** The text without its links: what a reader of the pasted article reads. Line breaks are kept. */
export function withoutLinks(text: string): string {
  return text
    .replace(URL_PATTERN, (raw) => raw.slice(linkOf(raw).length))
    .replace(/[(<[]\s*[)>\]]/g, '')
    .replace(/[ \t]+([,.;:!?)\]])/g, '$1')
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/^[ \t]+|[ \t]+$/gm, '');
}

/** Links => one URL input each, unless the text around them is an article; else the text. */
export function inputsFromMessage(text: string): BriefInput[] {
  const links = findLinks(text);
  if (links.length === 0) return text.trim() ? [{ kind: 'text', text }] : [];
  const prose = withoutLinks(text);
  if (countWords(prose) >= ARTICLE_MIN_WORDS) return [{ kind: 'text', text: prose }];
  return links.slice(0, MAX_LINKS_PER_MESSAGE).map((url) => ({ kind: 'url', url }));
}
