import {
  MAX_BLOCKS_PER_MESSAGE,
  MAX_BUTTON_TEXT,
  MAX_BUTTON_URL,
  MAX_CONTEXT_ELEMENTS,
  MAX_FALLBACK_TEXT,
  MAX_HEADER_TEXT,
  MAX_MESSAGE_BLOCK_TEXT,
  MAX_SECTION_TEXT,
  MAX_TEXT_OBJECT,
} from '../../adapters/slack/limits.js';
import { blockTextLength } from '../../adapters/slack/render/blocks.js';

type Json = Record<string, unknown>;

/** Every Slack limit a message breaks, as readable lines (empty = fine). */
export function slackLimitViolations(message: { text?: unknown; blocks?: unknown }): string[] {
  const problems: string[] = [];
  const blocks = (Array.isArray(message.blocks) ? message.blocks : []) as Json[];
  if (typeof message.text !== 'string' || message.text.length === 0) problems.push('no text fallback');
  else if (message.text.length > MAX_FALLBACK_TEXT) problems.push(`fallback text ${message.text.length}`);
  if (blocks.length > MAX_BLOCKS_PER_MESSAGE) problems.push(`${blocks.length} blocks`);
  const total = blockTextLength(blocks);
  if (total > MAX_MESSAGE_BLOCK_TEXT) problems.push(`block text ${total}`);
  blocks.forEach((block, i) => {
    const text = block['text'] as Json | undefined;
    if (
      block['type'] === 'section' &&
      typeof text?.['text'] === 'string' &&
      text['text'].length > MAX_SECTION_TEXT
    ) {
      problems.push(`section ${i}: ${text['text'].length} chars`);
    }
    if (block['type'] === 'header') {
      if (text?.['type'] !== 'plain_text') problems.push(`header ${i}: not plain_text`);
      else if (typeof text['text'] === 'string' && text['text'].length > MAX_HEADER_TEXT)
        problems.push(`header ${i}: ${text['text'].length} chars`);
    }
    if (block['type'] === 'context') {
      const elements = block['elements'] as Json[];
      if (elements.length > MAX_CONTEXT_ELEMENTS) problems.push(`context ${i}: ${elements.length} elements`);
      for (const e of elements) {
        if (typeof e['text'] === 'string' && e['text'].length > MAX_TEXT_OBJECT) {
          problems.push(`context ${i}: element of ${e['text'].length}`);
        }
      }
    }
    if (block['type'] === 'actions') {
      for (const e of block['elements'] as Json[]) {
        const label = (e['text'] as Json)['text'] as string;
        if (label.length > MAX_BUTTON_TEXT) problems.push(`button text ${label.length}`);
        if (typeof e['url'] === 'string' && e['url'].length > MAX_BUTTON_URL)
          problems.push(`button url ${e['url'].length}`);
      }
    }
  });
  return problems;
}

/** All mrkdwn/plain texts in blocks plus the fallback: what Slack would parse for mentions and links. */
export function allTexts(message: { text?: unknown; blocks?: unknown }): string[] {
  const out: string[] = typeof message.text === 'string' ? [message.text] : [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'text' && typeof x === 'string') out.push(x);
        else walk(x);
      }
    }
  };
  walk(message.blocks);
  return out;
}

/** Slack markup (`<...>`) found in a message: mentions, specials, links. */
export function slackMarkupIn(message: { text?: unknown; blocks?: unknown }): string[] {
  return allTexts(message).flatMap((t) => t.match(/<[^<>]*>/g) ?? []);
}

/** Whether every mrkdwn text object has verbatim: true (no auto-linking of article text). */
export function allMrkdwnVerbatim(blocks: unknown): boolean {
  let ok = true;
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Json;
      if (o['type'] === 'mrkdwn' && o['verbatim'] !== true) ok = false;
      Object.values(o).forEach(walk);
    }
  };
  walk(blocks);
  return ok;
}
