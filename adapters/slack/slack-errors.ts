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
