import type { Digest } from '../../../src/digest/types.js';
import { sourcesText, storyLabel } from '../../../src/render/digest-layout.js';
import { fitMrkdwn } from '../escape.js';
import { MAX_FALLBACK_TEXT } from '../limits.js';
import { context, packBlocks, type RenderedMessage } from './blocks.js';
import { renderBriefDetails } from './brief-details.js';
import { renderBriefMessage } from './brief-message.js';
import { SLACK_DIGEST_MARKUP } from './digest.js';

const SOURCES_MAX = 2_000;
/** Longer source URLs are shown by name only, so the line stays readable and inside its limit. */
const SOURCE_URL_MAX = 400;

/**
 * The thread reply for story `index`: which story it is and every source that carried it, then the
 * same brief and key facts as a `/brief` post (brief-message.ts, brief-details.ts). Usually one
 * message; split like the brief details when a long brief would pass the per-message limits.
 */
export function renderDigestStory(digest: Digest, index: number): RenderedMessage[] {
  const story = digest.stories[index];
  if (!story) throw new Error(`digest has no story ${index}`);
  const main = renderBriefMessage(story.brief, story.sources[0]?.url ?? null);
  const details = renderBriefDetails(story.brief);
  const lead = storyLabel(index, digest.stories.length);
  const sources = sourcesText(
    story.sources,
    SOURCES_MAX - lead.length - 3,
    SLACK_DIGEST_MARKUP,
    SOURCE_URL_MAX,
  );
  const label = context([sources ? `${lead} · ${sources}` : lead]);
  const pages = packBlocks([label, ...main.blocks, ...details.flatMap((d) => d.blocks)]);
  const headline = `${index + 1}. ${story.brief.headline}`;
  return pages.map((blocks, i) => ({
    blocks,
    text: fitMrkdwn(
      pages.length > 1 ? `${headline} (${i + 1}/${pages.length})` : headline,
      MAX_FALLBACK_TEXT,
    ),
  }));
}
