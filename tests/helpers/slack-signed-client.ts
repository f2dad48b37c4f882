import { createHmac } from 'node:crypto';
import { request } from 'node:http';

/**
 * Sends requests to the adapter exactly as Slack does: the raw body signed with the signing
 * secret, `v0=` + HMAC-SHA256 of `v0:<timestamp>:<body>`, in X-Slack-Signature, and the timestamp
 * (seconds) in X-Slack-Request-Timestamp.
 * https://docs.slack.dev/authentication/verifying-requests-from-slack
 */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SignOptions {
  /** Seconds since the epoch; defaults to now. Older than 5 minutes is stale. */
  timestamp?: number;
  /** Overrides the computed signature (to send a bad one). */
  signature?: string;
  headers?: Record<string, string>;
  /**
   * Send over a fresh TCP connection (node:http, no keep-alive) instead of fetch's pooled ones:
   * how a burst from Slack looks to a server that has no warm connections.
   */
  freshConnection?: boolean;
}

export interface SlackHttpResult {
  status: number;
  body: string;
  /** Time until the response was complete, in ms: the ack time Slack would measure. */
  ms: number;
}

export async function postSigned(
  url: string,
  secret: string,
  body: string,
  contentType: string,
  options: SignOptions = {},
): Promise<SlackHttpResult> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers = {
    'content-type': contentType,
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': options.signature ?? slackSignature(secret, timestamp, body),
    ...options.headers,
  };
  const started = performance.now();
  if (options.freshConnection) {
    const { status, text } = await postOnNewConnection(url, headers, body);
    return { status, body: text, ms: performance.now() - started };
  }
  const response = await fetch(url, {
    method: 'POST',
    headers,
    body,
  });
  const text = await response.text();
  return { status: response.status, body: text, ms: performance.now() - started };
}

function postOnNewConnection(
  url: string,
  headers: Record<string, string>,
  body: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

export interface SlashCommandFields {
  text: string;
  response_url: string;
  channel_id?: string;
  user_id?: string;
  command?: string;
  trigger_id?: string;
  /** The workspace; default T0TEST (the single-workspace fake's). */
  team_id?: string;
}

/**
 * Slack gives every command and shortcut its own trigger_id, and the adapters derive job ids from
 * it (a repeated id is the same request), so the fakes hand out fresh ones too.
 */
let triggers = 0;
export function newTriggerId(): string {
  triggers += 1;
  return `${Date.now()}.${triggers}.${Math.random().toString(16).slice(2, 10)}`;
}

/** A slash command: form-encoded like Slack's, with the fields Bolt reads. */
export function slashCommandBody(fields: SlashCommandFields): string {
  return new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: fields.team_id ?? 'T0TEST',
    team_domain: 'test',
    channel_id: fields.channel_id ?? 'C0CHANNEL',
    channel_name: 'general',
    user_id: fields.user_id ?? 'U0USER',
    user_name: 'someone',
    command: fields.command ?? '/brief',
    text: fields.text,
    api_app_id: 'A0APP',
    is_enterprise_install: 'false',
    response_url: fields.response_url,
    trigger_id: fields.trigger_id ?? newTriggerId(),
  }).toString();
}

export function postSlashCommand(
  eventsUrl: string,
  secret: string,
  fields: SlashCommandFields,
  options?: SignOptions,
) {
  return postSigned(
    eventsUrl,
    secret,
    slashCommandBody(fields),
    'application/x-www-form-urlencoded',
    options,
  );
}

/** An Events API delivery; `retryNum` adds the headers Slack sends on redelivery. */
export function postEvent(
  eventsUrl: string,
  secret: string,
  envelope: Record<string, unknown>,
  options: SignOptions & { retryNum?: number } = {},
) {
  const headers = { ...options.headers };
  if (options.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(options.retryNum);
    headers['x-slack-retry-reason'] = 'http_timeout';
  }
  return postSigned(eventsUrl, secret, JSON.stringify(envelope), 'application/json', { ...options, headers });
}

/** Interactivity (shortcuts, buttons): form-encoded with the JSON in `payload`. */
export function postInteraction(
  eventsUrl: string,
  secret: string,
  payload: Record<string, unknown>,
  options?: SignOptions,
) {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return postSigned(eventsUrl, secret, body, 'application/x-www-form-urlencoded', options);
}

export function appMentionEnvelope(
  eventId: string,
  event: { text: string; ts: string; channel?: string; user?: string; thread_ts?: string },
) {
  return {
    token: 'deprecated-verification-token',
    team_id: 'T0TEST',
    api_app_id: 'A0APP',
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: 'T0TEST', user_id: 'UBOT', is_bot: true, enterprise_id: null }],
    event: {
      type: 'app_mention',
      user: event.user ?? 'U0USER',
      text: event.text,
      ts: event.ts,
      channel: event.channel ?? 'C0CHANNEL',
      event_ts: event.ts,
      ...(event.thread_ts ? { thread_ts: event.thread_ts } : {}),
    },
  };
}

export function messageShortcutPayload(options: {
  text: string;
  ts: string;
  response_url: string;
  channel?: string;
  thread_ts?: string;
}) {
  return {
    type: 'message_action',
    callback_id: 'brief_message',
    trigger_id: newTriggerId(),
    action_ts: '1700000000.1',
    message_ts: options.ts,
    response_url: options.response_url,
    team: { id: 'T0TEST', domain: 'test' },
    user: { id: 'U0USER', name: 'someone', team_id: 'T0TEST' },
    channel: { id: options.channel ?? 'C0CHANNEL', name: 'general' },
    message: {
      type: 'message',
      user: 'U0AUTHOR',
      ts: options.ts,
      text: options.text,
      ...(options.thread_ts ? { thread_ts: options.thread_ts } : {}),
    },
    token: 'deprecated-verification-token',
    is_enterprise_install: false,
  };
}
