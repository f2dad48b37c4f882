import type { Brief } from '../../../src/brief.js';
import { chatFooterLine } from '../../../src/render/footer.js';
import { sourceLink } from '../../../src/render/source-link.js';
import { escapeLinkUrl, fitMrkdwn, truncatePlain } from '../escape.js';
import { MAX_BUTTON_TEXT, MAX_BUTTON_URL, MAX_FALLBACK_TEXT } from '../limits.js';
import { context, section, type Block, type RenderedMessage } from './blocks.js';

/** Sized so the whole channel post stays far inside the per-message budget (see the limits test). */
const HEADLINE_MAX = 250;
const SUMMARY_MAX = 2_500;
const CONTEXT_MAX = 1_000;
/** Longer URLs still get the button (3,000) but not the headline link. */
const HEADLINE_LINK_URL_MAX = 2_000;

export const OPEN_ARTICLE_ACTION_ID = 'open_article';

/**
 * The channel post: headline, summary, a context line and a button to the article. The key facts
 * go into the thread (brief-details.ts) so the channel stays readable.
 */
export function renderBriefMessage(brief: Brief, requestedUrl: string | null): RenderedMessage {
  const link = sourceLink(brief, requestedUrl, MAX_BUTTON_URL);
  // A line break inside *bold* ends the bold (and the link label) early.
  const headline = fitMrkdwn(brief.headline.replace(/\s+/g, ' '), HEADLINE_MAX);
  const linkUrl = link ? escapeLinkUrl(link) : null;
  const title =
    linkUrl && linkUrl.length <= HEADLINE_LINK_URL_MAX ? `*<${linkUrl}|${headline}>*` : `*${headline}*`;

  const blocks: Block[] = [
    section(title),
    section(fitMrkdwn(brief.summary.join(' '), SUMMARY_MAX)),
    // The same caption as every other surface (src/render/footer.ts), escaped for mrkdwn.
    context([fitMrkdwn(chatFooterLine(brief), CONTEXT_MAX)]),
  ];
  if (link) {
    blocks.push({
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: OPEN_ARTICLE_ACTION_ID,
          text: { type: 'plain_text', text: truncatePlain('Open article', MAX_BUTTON_TEXT), emoji: true },
          url: link,
        },
      ],
    });
  }
  return { text: fallbackText(brief), blocks };
}

/** The notification and screen-reader text: headline and summary, escaped like the blocks. */
function fallbackText(brief: Brief): string {
  return fitMrkdwn(`${brief.headline}: ${brief.summary.join(' ')}`, MAX_FALLBACK_TEXT);
}
