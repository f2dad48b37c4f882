import { PermissionFlagsBits } from 'discord.js';

/**
 * Discord's limits, each from the page that states it. Exceeding any of them makes the API reject
 * the whole message with a 400, so every renderer fits its output to these before sending.
 */

// https://discord.com/developers/docs/resources/message#embed-object-embed-limits
export const EMBED_TITLE_MAX = 256;
export const EMBED_DESCRIPTION_MAX = 4096;
export const EMBED_FIELDS_MAX = 25;
export const EMBED_FIELD_NAME_MAX = 256;
export const EMBED_FIELD_VALUE_MAX = 1024;
export const EMBED_FOOTER_TEXT_MAX = 2048;
export const EMBED_AUTHOR_NAME_MAX = 256;
/** Title, description, field names and values, footer text and author name of all embeds together. */
export const EMBED_TOTAL_MAX = 6000;

/** Not in the limits table, but Discord's form validation refuses longer embed URLs. */
export const EMBED_URL_MAX = 2048;

// https://discord.com/developers/docs/resources/message#create-message-jsonform-params
export const MESSAGE_CONTENT_MAX = 2000;

// https://discord.com/developers/docs/resources/channel#start-thread-from-message-json-params
export const THREAD_NAME_MAX = 100;

// https://discord.com/developers/docs/interactions/receiving-and-responding#responding-to-an-interaction
/** An interaction must be answered (or deferred) within 3 s; its token then works for 15 minutes. */
export const INTERACTION_TOKEN_TTL_MS = 15 * 60_000;

// https://discord.com/developers/docs/interactions/application-commands#application-command-object-application-command-option-structure
/** A string option holds at most 6,000 characters. */
export const STRING_OPTION_MAX = 6000;

/**
 * What the bot needs in a channel, and nothing more: see the thread permissions in docs/discord.md.
 * Interaction replies need no permission at all; only the thread with the facts does.
 */
export const THREAD_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.SendMessagesInThreads;

/**
 * What a digest needs in its channel: posted by the bot itself, outside any interaction, so unlike
 * a `/brief` reply it needs Send Messages (and Embed Links for the embed). The story thread needs
 * THREAD_PERMISSIONS on top; without them the stories go to the channel.
 */
export const DIGEST_PERMISSIONS =
  PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.EmbedLinks;

/** The invite URL's `permissions` integer (docs/discord.md states the same number). */
export const BOT_PERMISSIONS = THREAD_PERMISSIONS | DIGEST_PERMISSIONS;

/** `/digest add` and `/digest now` jobs at once (each fetches feeds and briefs many articles). */
export const DIGEST_CONCURRENCY = 2;
export const DIGEST_QUEUE_MAX = 20;

/** Explicit REST timeout: a hung request must not hold a queue slot for long. */
export const REST_TIMEOUT_MS = 15_000;

/** Briefs made at once; the rest wait in the queue (the extractive engine is CPU-bound). */
export const BRIEF_CONCURRENCY = 4;
/** Waiting briefs beyond which new requests are told to retry later. */
export const BRIEF_QUEUE_MAX = 200;
/** Thread posts (2 requests each) in flight at once; fewer leave more of the budget to replies. */
export const DETAILS_CONCURRENCY = 2;
