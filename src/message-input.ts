import type { BriefInput } from './service.js';

/**
 * Turns what a user typed or shared (a slash command's text, a message) into brief inputs: its
 * links when it has any, otherwise the text itself. Platform markup (Slack's `<url|label>`) is
 * decoded by the adapter before it gets here.
 */
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+/gi;
/** Punctuation that ends a sentence around a link is not part of it. */
const TRAILING = /[),.;:!?\]}>'"’”]+$/;
/** A message with more links than this is a list, not a request; we brief the first few. */
export const MAX_LINKS_PER_MESSAGE = 3;

export function findLinks(text: string): string[] {
  const seen = new Set<string>();
  for (const match of text.matchAll(URL_PATTERN)) {
    let url = match[0].replace(TRAILING, '');
    // Keep a closing parenthesis that belongs to the URL (Wikipedia-style links).
    if (match[0].slice(url.length).startsWith(')') && url.includes('(')) url += ')';
    seen.add(url);
  }
  return [...seen];
}

/** Links => one URL input each (at most MAX_LINKS_PER_MESSAGE); otherwise one text input, or none. */
export function inputsFromMessage(text: string): BriefInput[] {
  const links = findLinks(text);
  if (links.length > 0) {
    return links.slice(0, MAX_LINKS_PER_MESSAGE).map((url) => ({ kind: 'url', url }));
  }
  return text.trim() ? [{ kind: 'text', text }] : [];
}
