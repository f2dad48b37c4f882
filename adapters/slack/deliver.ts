import type { Brief } from '../../src/brief.js';
import type { Logger } from '../../src/logger.js';
import type { SlackClient } from './deps.js';
import { renderBriefDetails } from './render/brief-details.js';
import { renderBriefMessage } from './render/brief-message.js';
import type { RenderedMessage } from './render/blocks.js';
import { INVITE_HINT_TEXT } from './render/notices.js';
import type { ResponseUrl } from './response-url.js';
import { cannotPostHere } from './slack-errors.js';

export interface DeliveryTarget {
  channel: string;
  /** Post inside this thread (mentions, shortcuts); unset = a channel post with details in its thread. */
  threadTs?: string;
  /** Fallback when the bot cannot post in the channel; null when the surface has none. */
  responseUrl: ResponseUrl | null;
}

export type DeliveredVia = 'channel' | 'response_url';

/** Previews would show the article's own (untrusted) card next to ours. */
export const NO_UNFURL = { unfurl_links: false, unfurl_media: false } as const;

/**
 * Posts a brief: the channel message, then the key facts as replies in its thread. When the bot
 * is not in the conversation the same content goes back through the command's response_url.
 */
export async function deliverBrief(
  client: SlackClient,
  target: DeliveryTarget,
  brief: Brief,
  requestedUrl: string | null,
  logger: Logger,
): Promise<DeliveredVia> {
  const main = renderBriefMessage(brief, requestedUrl);
  const details = renderBriefDetails(brief);
  let parentTs: string;
  try {
    const posted = await client.chat.postMessage({
      channel: target.channel,
      ...(target.threadTs ? { thread_ts: target.threadTs } : {}),
      ...main,
      ...NO_UNFURL,
    });
    parentTs = target.threadTs ?? posted.ts ?? '';
  } catch (err) {
    if (!cannotPostHere(err) || !target.responseUrl) throw err;
    await deliverThroughResponseUrl(target.responseUrl, main, details, logger);
    return 'response_url';
  }
  for (const reply of details) {
    await client.chat.postMessage({ channel: target.channel, thread_ts: parentTs, ...reply, ...NO_UNFURL });
  }
  return 'channel';
}

async function deliverThroughResponseUrl(
  responseUrl: ResponseUrl,
  main: RenderedMessage,
  details: RenderedMessage[],
  logger: Logger,
): Promise<void> {
  // Without a thread, the details follow as separate messages; keep one use for the hint.
  const room = Math.max(0, responseUrl.remainingUses - 2);
  if (details.length > room)
    logger.warn('response_url: dropping detail messages', { dropped: details.length - room });
  await responseUrl.send({ response_type: 'in_channel', ...main });
  for (const reply of details.slice(0, room)) {
    await responseUrl.send({ response_type: 'in_channel', ...reply });
  }
  await responseUrl.send({ response_type: 'ephemeral', text: INVITE_HINT_TEXT });
}
