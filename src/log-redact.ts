/**
 * What the logger redacts: the values of keys that hold real secrets, by exact key name, at the
 * top of a record and up to three objects deep (the deepest we log is a config object,
 * `config.slack.botToken`, or a request's `request.headers.authorization`). Not a pattern on key
 * names: `tokens`, `promptTokens`, `maxTokens` or `tokenBudget` are counts and stay visible.
 *
 * pino's own `redact` expresses the same with wildcard paths (`*.token`, `*.*.token` ...), but
 * measured at ~240 µs per log line for these keys at these depths (against ~3 µs without), on the
 * thread that acknowledges chat requests; this walk costs a few µs and copies only what it changes.
 */
export const REDACTED = '[redacted]';

/** Keys whose value is a secret: config fields, SDK options, HTTP headers, environment names. */
export const SECRET_KEYS: ReadonlySet<string> = new Set([
  // An exact `token`: Discord's bot token in its config, an interaction's webhook token.
  'token',
  'botToken',
  'appToken',
  'accessToken',
  'refreshToken',
  'signingSecret',
  'clientSecret',
  'stateSecret',
  // Secrets at rest: the encryption keys, Slack's OAuth exchange (code, tokens in its answer).
  'encryptionKey',
  'previousEncryptionKeys',
  'access_token',
  'refresh_token',
  'client_secret',
  'apiKey',
  'api_key',
  'password',
  // HTTP headers (Node lower-cases incoming ones; outgoing ones keep the caller's case).
  'authorization',
  'Authorization',
  'cookie',
  'Cookie',
  'set-cookie',
  'x-api-key',
  // Environment variables, should an env object ever be logged.
  'SLACK_BOT_TOKEN',
  'SLACK_APP_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_CLIENT_SECRET',
  'SLACK_STATE_SECRET',
  'BRIEF_ENCRYPTION_KEY',
  'BRIEF_ENCRYPTION_KEY_PREVIOUS',
  'DISCORD_TOKEN',
  'OPENAI_API_KEY',
  'DATABASE_URL',
  'REDIS_URL',
]);

/** The record's own keys are depth 0; `config.slack.botToken` is depth 2. */
const MAX_DEPTH = 3;

/** `value` with every secret replaced; the same object when there is none (nothing copied). */
export function redactSecrets<T>(value: T, depth = 0): T {
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return value;
  // Dates, URLs, Buffers: JSON uses their own toJSON, which we leave alone.
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return value;
  if (Array.isArray(value)) {
    let out: unknown[] | null = null;
    value.forEach((item: unknown, i) => {
      const redacted = redactSecrets(item, depth + 1);
      if (redacted !== item) (out ??= [...(value as unknown[])])[i] = redacted;
    });
    return (out ?? value) as T;
  }
  let out: Record<string, unknown> | null = null;
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    const redacted = SECRET_KEYS.has(key) && item !== undefined ? REDACTED : redactSecrets(item, depth + 1);
    if (redacted !== item) (out ??= { ...(value as Record<string, unknown>) })[key] = redacted;
  }
  return (out ?? value) as T;
}
