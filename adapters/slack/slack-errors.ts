import { isWorkspaceGone } from '../../src/errors.js';

/**
 * The Web API reports failures as `{ ok: false, error: "not_in_channel" }`; @slack/web-api throws
 * them as errors with `code: "slack_webapi_platform_error"` and the body in `data`.
 */
export function slackErrorCode(err: unknown): string | undefined {
  if (err === null || typeof err !== 'object') return undefined;
  const { code, data } = err as { code?: unknown; data?: { error?: unknown } };
  if (code !== 'slack_webapi_platform_error') return undefined;
  return typeof data?.error === 'string' ? data.error : undefined;
}

/**
 * chat.postMessage errors that mean "the bot cannot post here" (not a member, a private channel it
 * cannot see, a DM between other people): the brief goes back through response_url instead.
 * https://docs.slack.dev/reference/methods/chat.postMessage#errors
 */
const CANNOT_POST_HERE = new Set(['not_in_channel', 'channel_not_found']);

export function cannotPostHere(err: unknown): boolean {
  const code = slackErrorCode(err);
  return code !== undefined && CANNOT_POST_HERE.has(code);
}

/**
 * Failures that may pass on their own: the request never got an answer (network, timeout) or Slack
 * answered with an HTTP error or a rate limit after the client's own retries. A platform error
 * (`{ ok: false, error }`) is Slack refusing this message, and trying again would not help.
 */
const TRANSIENT = new Set([
  'slack_webapi_request_error',
  'slack_webapi_http_error',
  'slack_webapi_rate_limited_error',
]);

export function slackTransient(err: unknown): boolean {
  const code = err !== null && typeof err === 'object' ? (err as { code?: unknown }).code : undefined;
  return typeof code === 'string' && TRANSIENT.has(code);
}

/**
 * Errors that mean the workspace's token no longer works: it uninstalled (and the event has not
 * reached us yet) or revoked the token. Nothing can be posted there any more, nor anyone told.
 */
const TOKEN_GONE = new Set([
  'token_revoked',
  'account_inactive',
  'invalid_auth',
  'not_authed',
  'team_not_found',
]);

/** The workspace is gone: no installation (WorkspaceGoneError), or Slack refuses its token. */
export function workspaceGone(err: unknown): boolean {
  return isWorkspaceGone(err) || TOKEN_GONE.has(slackErrorCode(err) ?? '');
}
