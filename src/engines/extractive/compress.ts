/**
 * Display trimming for summary sentences and fact texts. Only the display is trimmed: a fact's
 * quote stays a verbatim span of the article. Each rule drops words a reader in a hurry does not
 * need: the dateline, a trailing "..., police said", a leading "According to X," or "But".
 */
import { stripDateline } from '../../text/sentences.js';

const DAYS = 'Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday';
// ", police said." / ", according to Tass." / ", as reported by state media."
const TRAILING_ATTRIBUTION = new RegExp(
  `,\\s+(?:according to [^,;"\\u201c\\u201d]{2,80}|as (?:reported|stated|indicated|announced|noted) by [^,;"\\u201c\\u201d]{2,80}|` +
    `(?:the |a )?[\\p{L}.'\\u2019 -]{1,60}? (?:said|says|told [\\p{Lu}][\\p{L}]+|reported|added|announced|wrote)` +
    `(?: (?:on )?(?:${DAYS}|in a statement|on Twitter))?)\\s*([.!?])$`,
  'u',
);
// "According to the Russian state news agency RIA Novosti, the two leaders ..."
const LEADING_ATTRIBUTION = /^According to [^,;"\u201c\u201d]{2,80},\s+/;
const LEADING_CONNECTIVE =
  /^(?:But|And|However|Meanwhile|Still|Yet|Also|Instead|Indeed|Moreover|Furthermore|So),?\s+/;

export interface TrimOptions {
  /** Drop a leading "But"/"However,": fine for a fact shown alone, not needed for summaries. */
  dropConnective?: boolean;
}

/** A sentence for display: no dateline, attributions and (optionally) connectives dropped. */
export function trimForDisplay(sentence: string, options: TrimOptions = {}): string {
  let s = stripDateline(sentence);
  const trailing = TRAILING_ATTRIBUTION.exec(s);
  // Keep the attribution of a quotation (`"...," he said.`): it says who spoke. Keep short sentences whole.
  if (trailing && trailing.index > 30 && !/["\u201d\u2019]\s*$/.test(s.slice(0, trailing.index))) {
    s = s.slice(0, trailing.index) + (trailing[1] ?? '.');
  }
  s = dropLeading(s, LEADING_ATTRIBUTION);
  if (options.dropConnective) s = dropLeading(s, LEADING_CONNECTIVE);
  return s;
}

function dropLeading(s: string, re: RegExp): string {
  const m = re.exec(s);
  if (!m || s.length - m[0].length < 20) return s;
  const rest = s.slice(m[0].length);
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}
