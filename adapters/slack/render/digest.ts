import type { Digest } from '../../../src/digest/types.js';
import { linkTarget } from '../../../src/render/digest-labels.js';
import {
  DIGEST_THREAD_NOTE,
  digestTitle,
  failedFeedsLine,
  oneLine,
  storyCount,
  storyEntry,
  type DigestMarkup,
} from '../../../src/render/digest-layout.js';
import { escapeLinkUrl, fitMrkdwn, truncatePlain } from '../escape.js';
import {
  MAX_BLOCKS_PER_MESSAGE,
  MAX_FALLBACK_TEXT,
  MAX_HEADER_TEXT,
  MAX_MESSAGE_BLOCK_TEXT,
} from '../limits.js';
import { context, section, type Block, type RenderedMessage } from './blocks.js';

export { DIGEST_THREAD_NOTE };

/** Slack mrkdwn: `*bold*`, `<url|label>`; every untrusted part escaped by fitMrkdwn. */
export const SLACK_DIGEST_MARKUP: DigestMarkup = {
  fit: fitMrkdwn,
  bold: (text) => `*${text}*`,
  linkUrl: (raw) => {
    const url = linkTarget(raw);
    return url ? escapeLinkUrl(url) : null;
  },
  link: (url, label) => `<${url}|${label}>`,
  sourcesPrefix: (count) => (count > 1 ? 'Sources: ' : 'Source: '),
};

/** Failed feeds take at most this much of the parent, however many there are. */
const FOOTER_MAX = 1_500;
/** Room for the header, the intro and the thread note (all short texts of ours). */
const FIXED_TEXT = 600;
/** A story never takes more than this, even when it is the only one. */
const STORY_MAX = 1_200;
/** Header, intro, footer, thread note. */
const FIXED_BLOCKS = 4;

/**
 * The parent message: the date, then each story numbered with its headline (linked), its one-line
 * summary and its sources, then the feeds that failed. It is one message whatever the digest holds
 * (replies thread under it), so each story gets an equal share of the per-message budget.
 */
export function renderDigestParent(digest: Digest): RenderedMessage {
  const title = digestTitle(digest);
  const blocks: Block[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: truncatePlain(title, MAX_HEADER_TEXT), emoji: true },
    },
  ];
  const total = digest.stories.length;
  const failed = failedFeedsLine(digest);
  const footer = failed ? fitMrkdwn(failed, FOOTER_MAX) : null;
  // One section and one context per story while that fits in 50 blocks; beyond, one block each,
  // and past even that the rest are only in the thread.
  const twoBlocks = 2 * total + FIXED_BLOCKS <= MAX_BLOCKS_PER_MESSAGE;
  const shown = Math.min(total, twoBlocks ? total : MAX_BLOCKS_PER_MESSAGE - FIXED_BLOCKS);
  blocks.push(context([fitMrkdwn(introText(digest, shown), 300)]));

  const room = MAX_MESSAGE_BLOCK_TEXT - FIXED_TEXT - (footer?.length ?? 0);
  const perStory = Math.min(STORY_MAX, Math.floor(room / Math.max(shown, 1)));
  digest.stories.slice(0, shown).forEach((entry, i) => {
    const { heading, line, sources } = storyEntry(entry, i + 1, perStory, SLACK_DIGEST_MARKUP);
    const story = line ? `${heading}\n${line}` : heading;
    if (twoBlocks) {
      blocks.push(section(story));
      if (sources) blocks.push(context([sources]));
    } else {
      blocks.push(section(sources ? `${story}\n${sources}` : story));
    }
  });
  if (footer) blocks.push(context([footer]));
  if (total > 0) blocks.push(context([DIGEST_THREAD_NOTE]));
  return { text: fallbackText(digest, title), blocks };
}

function introText(digest: Digest, shown: number): string {
  const total = digest.stories.length;
  const stories = storyCount(total);
  const hidden = total - shown;
  return hidden > 0 ? `${stories} (the last ${hidden} only in the thread)` : stories;
}

function fallbackText(digest: Digest, title: string): string {
  const stories = digest.stories.map((s, i) => `${i + 1}. ${oneLine(s.headline)}`);
  const body = stories.length > 0 ? stories.join(' · ') : 'no new stories';
  return fitMrkdwn(`${title}: ${body}`, MAX_FALLBACK_TEXT);
}
