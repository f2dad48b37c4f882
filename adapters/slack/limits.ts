/**
 * Slack platform limits, each with the page it comes from. Renderers and the delivery code import
 * these instead of repeating numbers, and the limits test checks rendered messages against them.
 * Lengths are counted in UTF-16 code units, which is never less than what Slack counts.
 */

/** https://docs.slack.dev/reference/block-kit/blocks ("maximum of 50 blocks" per message). */
export const MAX_BLOCKS_PER_MESSAGE = 50;

/** https://docs.slack.dev/reference/block-kit/blocks/section-block ("text": max 3000 characters). */
export const MAX_SECTION_TEXT = 3000;

/** https://docs.slack.dev/reference/block-kit/blocks/header-block ("text": plain_text, max 150 characters). */
export const MAX_HEADER_TEXT = 150;

/** https://docs.slack.dev/reference/block-kit/blocks/context-block (max 10 elements). */
export const MAX_CONTEXT_ELEMENTS = 10;

/** https://docs.slack.dev/reference/block-kit/composition-objects/text-object (max 3000 characters). */
export const MAX_TEXT_OBJECT = 3000;

/** https://docs.slack.dev/reference/block-kit/block-elements/button-element (text max 75 characters). */
export const MAX_BUTTON_TEXT = 75;

/** https://docs.slack.dev/reference/block-kit/block-elements/button-element (url max 3000 characters). */
export const MAX_BUTTON_URL = 3000;

/**
 * Slack does not publish one number for a whole message; messages much past ~10-12k characters of
 * block text are refused with `msg_too_long` or `invalid_blocks`. docs/architecture.md ("Platform
 * rules") sets our budget: stay under about 10,000 characters of block text per message.
 */
export const MAX_MESSAGE_BLOCK_TEXT = 10_000;

/**
 * https://docs.slack.dev/reference/methods/chat.postMessage ("text" is truncated at 40,000
 * characters; keep it under 4,000). With blocks it is only the notification/fallback, so we keep it
 * far shorter.
 */
export const MAX_FALLBACK_TEXT = 1_000;
export const CHAT_POST_MESSAGE_TEXT_TRUNCATED_AT = 40_000;

/**
 * https://docs.slack.dev/interactivity/handling-user-interaction#message_responses
 * A response_url may be used up to 5 times within 30 minutes.
 */
export const RESPONSE_URL_MAX_USES = 5;
export const RESPONSE_URL_LIFETIME_MS = 30 * 60 * 1000;

/** https://docs.slack.dev/interactivity/implementing-slash-commands (acknowledge within 3000 ms). */
export const ACK_DEADLINE_MS = 3000;

/**
 * https://docs.slack.dev/apis/events-api#retries: Slack retries a delivery up to 3 times (right
 * away, after 1 minute, after 5 minutes); remembering event ids for 10 minutes covers all of them.
 */
export const EVENT_DEDUPE_TTL_MS = 10 * 60 * 1000;
