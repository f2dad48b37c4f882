import type { APIEmbed } from 'discord.js';
import type { Digest } from '../../src/digest/types.js';
import { linkTarget, sourceName } from '../../src/render/digest-labels.js';
import {
  DIGEST_THREAD_NOTE,
  digestTitle,
  failedFeedsLine,
  oneLine,
  storyEntry,
  storyLabel,
  type DigestMarkup,
} from '../../src/render/digest-layout.js';
import { escapeFit, neutralizeMentions, truncate } from './escape.js';
import {
  EMBED_DESCRIPTION_MAX,
  EMBED_FOOTER_TEXT_MAX,
  EMBED_TITLE_MAX,
  EMBED_TOTAL_MAX,
  MESSAGE_CONTENT_MAX,
  THREAD_NAME_MAX,
} from './limits.js';
import { briefEmbed, detailsEmbed, embedTextLength } from './render.js';

const DIGEST_COLOR = 0x3b82f6;
/** Failed feeds take at most this much of the embed, however many there are. */
const FOOTER_MAX = 1_000;
const STORY_MAX = 1_000;
const SOURCE_LABEL_MAX = 60;

/** Discord markdown: `**bold**`, `[label](url)`, `*Sources:*`; every untrusted part escaped. */
const MARKUP: DigestMarkup = {
  fit: (text, max) => escapeFit(text, max),
  bold: (text) => `**${text}**`,
  linkUrl: (raw) => maskedLinkUrl(raw),
  link: (url, label) => `[${label}](${url})`,
  sourcesPrefix: (count) => (count > 1 ? '*Sources:* ' : '*Source:* '),
};

/** One message of a story: what the thread (or, without one, the channel) receives. */
export interface StoryMessage {
  content: string;
  embeds: APIEmbed[];
}

/**
 * The parent: the date as the title, the numbered stories (headline linked to the story, its
 * one-line summary, its sources) in the description, and the feeds that failed in the footer.
 * One embed whatever the digest holds, so each story gets an equal share of the description.
 */
export function digestEmbed(digest: Digest): APIEmbed {
  const title = truncate(digestTitle(digest), EMBED_TITLE_MAX);
  const footer = failedFeedsFooter(digest);
  const descriptionMax = Math.min(
    EMBED_DESCRIPTION_MAX,
    EMBED_TOTAL_MAX - title.length - (footer?.length ?? 0),
  );
  const embed: APIEmbed = { title, description: storiesText(digest, descriptionMax), color: DIGEST_COLOR };
  if (footer) embed.footer = { text: footer };
  return embed;
}

function storiesText(digest: Digest, max: number): string {
  const n = digest.stories.length;
  if (n === 0) return 'No new stories.';
  const note = `\n${DIGEST_THREAD_NOTE}`;
  // Two newlines between stories.
  const perStory = Math.min(STORY_MAX, Math.floor((max - note.length) / n) - 2);
  const parts: string[] = [];
  let used = note.length;
  for (const [i, story] of digest.stories.entries()) {
    const { heading, line, sources } = storyEntry(story, i + 1, perStory, MARKUP);
    const text = [heading, line, sources].filter(Boolean).join('\n');
    if (used + text.length + 2 > max) break;
    parts.push(text);
    used += text.length + 2;
  }
  const hidden = n - parts.length;
  const tail = hidden > 0 ? `\n…and ${hidden} more in the thread.` : note;
  return parts.join('\n\n') + tail;
}

function failedFeedsFooter(digest: Digest): string | null {
  const line = failedFeedsLine(digest);
  // Footers render no markdown: only pings and links need breaking.
  return line ? escapeFit(line, Math.min(FOOTER_MAX, EMBED_FOOTER_TEXT_MAX), neutralizeMentions) : null;
}

/**
 * A story in the thread: which one it is and who carried it, then the same brief embed and key
 * facts embed as `/brief`. Both embeds share one message when they fit its 6,000 characters.
 */
export function storyMessages(digest: Digest, index: number): StoryMessage[] {
  const story = digest.stories[index];
  if (!story) throw new Error(`digest has no story ${index}`);
  const names = story.sources.map((s) => escapeFit(oneLine(sourceName(s)), SOURCE_LABEL_MAX)).join(', ');
  const label = `**${storyLabel(index, digest.stories.length)}**`;
  const content = truncate(names ? `${label} · ${names}` : label, MESSAGE_CONTENT_MAX);
  const main = briefEmbed(story.brief, story.sources[0]?.url ?? null);
  const details = detailsEmbed(story.brief);
  if (!details) return [{ content, embeds: [main] }];
  if (embedTextLength(main) + embedTextLength(details) <= EMBED_TOTAL_MAX)
    return [{ content, embeds: [main, details] }];
  return [
    { content, embeds: [main] },
    { content: '', embeds: [details] },
  ];
}

export function digestThreadName(digest: Digest): string {
  return truncate(`Digest ${digest.localDate}`, THREAD_NAME_MAX);
}

/**
 * A story's URL inside `[label](url)`: http(s) only, and with the characters that would end the
 * link or open another one percent-encoded (WHATWG leaves parentheses and brackets as they are).
 */
export function maskedLinkUrl(raw: string | null | undefined): string | null {
  const url = linkTarget(raw);
  if (!url) return null;
  return url.replace(
    /[()[\]<>\s]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}
