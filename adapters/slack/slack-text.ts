/**
 * Decodes the markup Slack puts in message and command text before src/message-input.ts sees it:
 * links arrive as `<https://x>` or `<https://x|label>`, mentions as `<@U123>`, channels as
 * `<#C123|name>`, specials as `<!here>`, and literal `&`, `<`, `>` as entities.
 * https://docs.slack.dev/messaging/formatting-message-text#retrieving-messages
 */
const MARKUP = /<([^<>]*)>/g;
const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>' };

export function decodeSlackText(text: string): string {
  const withoutMarkup = text.replace(MARKUP, (_whole, inner: string) => {
    const bar = inner.indexOf('|');
    const target = bar === -1 ? inner : inner.slice(0, bar);
    const label = bar === -1 ? '' : inner.slice(bar + 1);
    // Mentions of users, user groups and specials carry no content for a brief (and the bot's own
    // mention is how app_mention messages start).
    if (target.startsWith('@') || target.startsWith('!')) return '';
    if (target.startsWith('#')) return label ? `#${label}` : '';
    // A link's label is part of a pasted article's sentence ("according to <url|Reuters>"): it stays,
    // and the URL follows it for a request about the link (src/message-input.ts tells which). A
    // label that is the address itself (Slack labels pasted links so) would only say it twice.
    if (/^https?:\/\//i.test(target)) return wordsOf(label) ? ` ${label} ${target} ` : ` ${target} `;
    // mailto:, tel: and anything else: keep what the user saw.
    return label || target;
  });
  // One pass, so "&amp;lt;" becomes "&lt;" and not "<".
  return withoutMarkup
    .replace(/&(?:amp|lt|gt);/g, (e) => ENTITIES[e]!)
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}

/** True when a link label is words, not an address (`example.com/story`, `https://...`). */
function wordsOf(label: string): boolean {
  const text = label.trim();
  return text !== '' && !/^(?:https?:\/\/)?[\w-]+(?:\.[\w-]+)+(?::\d+)?(?:[/?#]\S*)?$/i.test(text);
}
