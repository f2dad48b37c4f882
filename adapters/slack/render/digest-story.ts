import type { Digest } from '../../../src/digest/types.js';
import { linkTarget, sourceName } from '../../../src/render/digest-labels.js';
import { escapeLinkUrl, fitMrkdwn } from '../escape.js';
import { MAX_FALLBACK_TEXT } from '../limits.js';
import { context, packBlocks, type RenderedMessage } from './blocks.js';
import { renderBriefDetails } from './brief-details.js';
import { renderBriefMessage } from './brief-message.js';

const SOURCES_MAX = 2_000;
const SOURCE_LABEL_MAX = 80;
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
  const label = context([fitSources(`Story ${index + 1} of ${digest.stories.length}`, digest, index)]);
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

function fitSources(lead: string, digest: Digest, index: number): string {
  const sources = digest.stories[index]!.sources;
  if (sources.length === 0) return lead;
  let out = `${lead} · ${sources.length > 1 ? 'Sources' : 'Source'}: `;
  for (const [i, source] of sources.entries()) {
    const label = fitMrkdwn(sourceName(source).replace(/\s+/g, ' '), SOURCE_LABEL_MAX);
    const url = linkTarget(source.url);
    const piece = url && url.length <= SOURCE_URL_MAX ? `<${escapeLinkUrl(url)}|${label}>` : label;
    const more = ` and ${sources.length - i} more`;
    if (out.length + piece.length + 3 + more.length > SOURCES_MAX) return `${out}${more}`;
    out += i === 0 ? piece : ` · ${piece}`;
  }
  return out;
}
