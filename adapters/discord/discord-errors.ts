import {
  DiscordAPIError,
  DiscordjsError,
  DiscordjsErrorCodes,
  HTTPError,
  RESTJSONErrorCodes,
} from 'discord.js';
import type { Logger } from '../../src/logger.js';

/**
 * What a failed Discord call means for us. Most failures are the world moving on (a token that
 * expired, a channel someone deleted, a permission an admin removed): they are logged as
 * warnings and the bot carries on; only the unexpected ones are errors.
 */
export type DiscordFailure =
  /** The interaction token is no longer valid: too late to answer at all (10062, 10015, 50027). */
  | 'expired'
  /** Someone (a retry, a duplicate dispatch) already answered this interaction (40060). */
  | 'already-answered'
  /** We may not do this here: missing permission or access (50013, 50001, HTTP 403). */
  | 'forbidden'
  /** The channel or message is gone (10003, 10008). */
  | 'gone'
  /** The message already has a thread (160004). */
  | 'thread-exists'
  | 'other';

const byCode = new Map<number, DiscordFailure>([
  [RESTJSONErrorCodes.UnknownInteraction, 'expired'],
  [RESTJSONErrorCodes.UnknownWebhook, 'expired'],
  [RESTJSONErrorCodes.InvalidWebhookToken, 'expired'],
  [RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged, 'already-answered'],
  [RESTJSONErrorCodes.MissingPermissions, 'forbidden'],
  [RESTJSONErrorCodes.MissingAccess, 'forbidden'],
  [RESTJSONErrorCodes.UnknownChannel, 'gone'],
  [RESTJSONErrorCodes.UnknownMessage, 'gone'],
  [RESTJSONErrorCodes.UnknownGuild, 'gone'],
  [RESTJSONErrorCodes.ThreadAlreadyCreatedForMessage, 'thread-exists'],
]);

export function classifyDiscordError(err: unknown): DiscordFailure {
  if (err instanceof DiscordAPIError) {
    const known = typeof err.code === 'number' ? byCode.get(err.code) : undefined;
    if (known) return known;
    return err.status === 403 ? 'forbidden' : 'other';
  }
  if (err instanceof DiscordjsError) {
    if (err.code === DiscordjsErrorCodes.InteractionAlreadyReplied) return 'already-answered';
    // The channel is not in our cache (a DM, a guild the bot is not in): no thread can be made.
    if (err.code === DiscordjsErrorCodes.ChannelNotCached) return 'forbidden';
  }
  return 'other';
}

/** Log fields for a Discord failure: the code and status, never the request body or token. */
export function discordErrorFields(err: unknown): Record<string, unknown> {
  if (err instanceof DiscordAPIError) {
    return { code: err.code, status: err.status, method: err.method, message: err.message };
  }
  if (err instanceof DiscordjsError) return { code: err.code, message: err.message };
  return { err };
}

/** Expected failures (expired, deleted, forbidden, answered twice) are warnings, the rest errors. */
export function logFailure(log: Logger, what: string, err: unknown): void {
  const kind = classifyDiscordError(err);
  const fields = { reason: kind, ...discordErrorFields(err) };
  if (kind === 'other') log.error(what, fields);
  else log.warn(what, fields);
}

/**
 * Failures that may pass on their own: Discord answered 5xx (after the REST client's own retries),
 * or the request got no answer at all (a reset connection, a timeout). A 4xx is Discord refusing
 * this request, and trying again would not help; 429s are waited out by the REST client itself.
 */
export function discordTransient(err: unknown): boolean {
  if (err instanceof DiscordAPIError || err instanceof HTTPError) return err.status >= 500;
  if (err instanceof DiscordjsError) return false;
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const { name, code } = e as { name?: unknown; code?: unknown };
    if (name === 'AbortError' || name === 'TimeoutError') return true;
    if (typeof code === 'string' && /^(E[A-Z]+|UND_ERR_[A-Z_]+)$/.test(code)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
