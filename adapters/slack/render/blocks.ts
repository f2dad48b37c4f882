import type { types } from '@slack/bolt';
import { MAX_BLOCKS_PER_MESSAGE, MAX_MESSAGE_BLOCK_TEXT } from '../limits.js';

export type Block = types.KnownBlock;

/** What one chat.postMessage / response_url call carries. `text` is the notification fallback. */
export interface RenderedMessage {
  text: string;
  blocks: Block[];
}

/**
 * A mrkdwn text object. `verbatim: true` stops Slack from turning bare URLs, `#channel` names and
 * `@here` in article text into links or mentions; our own `<url|label>` markup still works.
 * The caller has already escaped and sized `text`.
 */
export function mrkdwn(text: string): types.MrkdwnElement {
  return { type: 'mrkdwn', text, verbatim: true };
}

export function section(text: string): types.SectionBlock {
  return { type: 'section', text: mrkdwn(text) };
}

export function context(texts: string[]): types.ContextBlock {
  return { type: 'context', elements: texts.map(mrkdwn) };
}

/** Characters of text in blocks, the way our per-message budget counts them. */
export function blockTextLength(blocks: readonly unknown[]): number {
  let total = 0;
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(walk);
    } else if (value !== null && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) {
        if (key === 'text' && typeof v === 'string') total += v.length;
        else walk(v);
      }
    }
  };
  walk(blocks);
  return total;
}

/**
 * Packs blocks, in order, into as few messages as keep each under the block count and the
 * per-message text budget. Every single block must already fit (renderers size their texts).
 */
export function packBlocks(blocks: readonly Block[]): Block[][] {
  const messages: Block[][] = [];
  let current: Block[] = [];
  let currentText = 0;
  for (const block of blocks) {
    const size = blockTextLength([block]);
    if (
      current.length > 0 &&
      (current.length >= MAX_BLOCKS_PER_MESSAGE || currentText + size > MAX_MESSAGE_BLOCK_TEXT)
    ) {
      messages.push(current);
      current = [];
      currentText = 0;
    }
    current.push(block);
    currentText += size;
  }
  if (current.length > 0) messages.push(current);
  return messages;
}
