import type { Digest, DigestStory } from '../../../src/digest/types.js';
import {
  digestDateLabel,
  failedFeedName,
  linkTarget,
  sourceName,
} from '../../../src/render/digest-labels.js';
import { escapeLinkUrl, fitMrkdwn, truncatePlain } from '../escape.js';
import {
  MAX_BLOCKS_PER_MESSAGE,
  MAX_FALLBACK_TEXT,
  MAX_HEADER_TEXT,
  MAX_MESSAGE_BLOCK_TEXT,
} from '../limits.js';
import { context, section, type Block, type RenderedMessage } from './blocks.js';

/** Failed feeds take at most this much of the parent, however many there are. */
const FOOTER_MAX = 1_500;
/** Room for the header, the intro and the thread note (all short texts of ours). */
const FIXED_TEXT = 600;
/** A story never takes more than this, even when it is the only one. */
const STORY_MAX = 1_200;
const HEADLINE_MAX = 250;
const LINE_MAX = 400;
const SOURCE_LABEL_MAX = 80;
/** Header, intro, footer, thread note. */
const FIXED_BLOCKS = 4;

export const DIGEST_THREAD_NOTE = 'Each story’s brief and key facts are in the thread.';

/**
 * The parent message: the date, then each story numbered with its headline (linked), its one-line
 * summary and its sources, then the feeds that failed. It is one message whatever the digest holds
 * (replies thread under it), so each story gets an equal share of the per-message budget.
 */
export function renderDigestParent(digest: Digest): RenderedMessage {
  const date = digestDateLabel(digest.localDate);
  const blocks: Block[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: truncatePlain(`Digest for ${date}`, MAX_HEADER_TEXT), emoji: true },
    },
  ];
  const total = digest.stories.length;
  const footer = failedFeedsText(digest);
  // One section and one context per story while that fits in 50 blocks; beyond, one block each,
  // and past even that the rest are only in the thread.
  const twoBlocks = 2 * total + FIXED_BLOCKS <= MAX_BLOCKS_PER_MESSAGE;
  const shown = Math.min(total, twoBlocks ? total : MAX_BLOCKS_PER_MESSAGE - FIXED_BLOCKS);
  blocks.push(context([fitMrkdwn(introText(digest, shown), 300)]));

  const room = MAX_MESSAGE_BLOCK_TEXT - FIXED_TEXT - (footer?.length ?? 0);
  const perStory = Math.min(STORY_MAX, Math.floor(room / Math.max(shown, 1)));
  digest.stories.slice(0, shown).forEach((story, i) => {
    const { title, sources } = storyTexts(story, i + 1, perStory);
    if (twoBlocks) {
      blocks.push(section(title));
      if (sources) blocks.push(context([sources]));
    } else {
      blocks.push(section(sources ? `${title}\n${sources}` : title));
    }
  });
  if (footer) blocks.push(context([footer]));
  if (total > 0) blocks.push(context([DIGEST_THREAD_NOTE]));
  return { text: fallbackText(digest, date), blocks };
}

function introText(digest: Digest, shown: number): string {
  const total = digest.stories.length;
  const stories = total === 1 ? '1 story' : `${total} stories`;
  const hidden = total - shown;
  return hidden > 0 ? `${stories} (the last ${hidden} only in the thread)` : stories;
}

/**
 * A story within `budget` characters of block text: `*n. <url|headline>*`, its line, and its
 * sources as links. Long URLs lose their link before anything a reader sees is cut.
 */
function storyTexts(story: DigestStory, n: number, budget: number): { title: string; sources: string } {
  const headlineMax = Math.min(HEADLINE_MAX, Math.floor(budget * 0.3));
  const lineMax = Math.min(LINE_MAX, Math.floor(budget * 0.35));
  const headline = fitMrkdwn(oneLine(story.headline), Math.max(headlineMax, 20));
  const url = linkTarget(story.sources[0]?.url);
  const linkRoom = Math.floor(budget * 0.15);
  const linked =
    url && escapeLinkUrl(url).length <= linkRoom ? `<${escapeLinkUrl(url)}|${headline}>` : headline;
  let title = `*${n}. ${linked}*`;
  const line = oneLine(story.line);
  if (line) title += `\n${fitMrkdwn(line, Math.max(lineMax, 20))}`;
  return { title, sources: sourcesText(story, budget - title.length) };
}

/** "Sources: <url|Feed A> · <url|Feed B> · and 3 more", within `room` characters. */
function sourcesText(story: DigestStory, room: number): string {
  const prefix = story.sources.length > 1 ? 'Sources: ' : 'Source: ';
  const parts: string[] = [];
  for (const [i, source] of story.sources.entries()) {
    const label = fitMrkdwn(oneLine(sourceName(source)), SOURCE_LABEL_MAX);
    const url = linkTarget(source.url);
    const linked = url ? `<${escapeLinkUrl(url)}|${label}>` : label;
    const more = story.sources.length - i - 1;
    const reserve = more > 0 ? ` · and ${more} more`.length : 0;
    const candidate = [...parts, linked].join(' · ');
    if (prefix.length + candidate.length + reserve <= room) {
      parts.push(linked);
    } else if (prefix.length + [...parts, label].join(' · ').length + reserve <= room) {
      parts.push(label);
    } else {
      const rest = story.sources.length - i;
      return parts.length > 0 ? `${prefix}${parts.join(' · ')} · and ${rest} more` : '';
    }
  }
  return parts.length > 0 ? prefix + parts.join(' · ') : '';
}

function failedFeedsText(digest: Digest): string | null {
  if (digest.failedFeeds.length === 0) return null;
  const names = digest.failedFeeds.map((f) => `${oneLine(failedFeedName(f))} (${oneLine(f.reason)})`);
  const verb = digest.failedFeeds.length === 1 ? 'This feed' : 'These feeds';
  return fitMrkdwn(`⚠️ ${verb} could not be read this time: ${names.join('; ')}`, FOOTER_MAX);
}

function fallbackText(digest: Digest, date: string): string {
  const stories = digest.stories.map((s, i) => `${i + 1}. ${oneLine(s.headline)}`);
  const body = stories.length > 0 ? stories.join(' · ') : 'no new stories';
  return fitMrkdwn(`Digest for ${date}: ${body}`, MAX_FALLBACK_TEXT);
}

function oneLine(text: string): string {
  // A line break would end the bold (and a link label) early, and could start a quote.
  return text.replace(/\s+/g, ' ').trim();
}
