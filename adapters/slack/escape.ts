import { fitEscaped, truncate } from '../../src/text/truncate.js';

/**
 * mrkdwn escaping. Slack parses `<...>` as mentions (`<!channel>`, `<@U123>`) and links
 * (`<https://x|label>`), and `&` starts an entity, so these three characters are escaped in every
 * untrusted string: https://docs.slack.dev/messaging/formatting-message-text#escaping
 * Mrkdwn text objects are also sent with `verbatim: true` so Slack does not auto-link bare URLs,
 * channel names or `@here` in article text (see mrkdwn() in render/blocks.ts).
 */
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

export function escapeMrkdwn(text: string): string {
  return text.replace(/[&<>]/g, (c) => ESCAPES[c]!);
}

/**
 * Escapes `raw` and makes the result at most `max` UTF-16 units, cutting on a grapheme boundary
 * (never inside an emoji, a flag or a combining sequence, never inside an `&amp;` entity) and
 * ending with an ellipsis when something was cut.
 */
export function fitMrkdwn(raw: string, max: number): string {
  return fitEscaped(raw, max, escapeMrkdwn);
}

/** Plain (unescaped) text cut to `max` UTF-16 units on a grapheme boundary, with an ellipsis. */
export const truncatePlain = truncate;

/**
 * A URL placed inside `<url|label>`: `|` would end the URL early and `&<>` must be escaped.
 * Only used for URLs that already passed validation (http/https, parsed by WHATWG URL).
 */
export function escapeLinkUrl(url: string): string {
  return escapeMrkdwn(url.replace(/\|/g, '%7C'));
}
