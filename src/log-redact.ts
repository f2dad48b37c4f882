/**
 * What the logger redacts, by key path (pino's `redact`), not by a pattern on key names: a field
 * called `tokens`, `promptTokens`, `maxTokens` or `tokenBudget` is a count and stays visible,
 * while the keys below hold real secrets wherever we log them.
 */
export const REDACTED = '[redacted]';

/** Keys whose value is a secret: config fields, SDK options, HTTP headers, environment names. */
export const SECRET_KEYS = [
  // An exact `token`: Discord's bot token in its config, an interaction's webhook token.
  'token',
  'botToken',
  'appToken',
  'accessToken',
  'refreshToken',
  'signingSecret',
  'clientSecret',
  'stateSecret',
  'apiKey',
  'api_key',
  'password',
  // HTTP headers (Node lower-cases incoming ones; outgoing ones keep the caller's case).
  'authorization',
  'Authorization',
  'cookie',
  'Cookie',
  '"set-cookie"',
  '"x-api-key"',
  // Environment variables, should an env object ever be logged.
  'SLACK_BOT_TOKEN',
  'SLACK_APP_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_CLIENT_SECRET',
  'DISCORD_TOKEN',
  'OPENAI_API_KEY',
  'DATABASE_URL',
  'REDIS_URL',
] as const;

/**
 * Each key at the top level and up to three objects deep: the deepest we log is a config object
 * (`config.slack.botToken`) or a request's headers (`request.headers.authorization`) inside a field.
 */
const DEPTHS = ['', '*.', '*.*.', '*.*.*.'];

const pathOf = (prefix: string, key: string) =>
  key.startsWith('"') ? `${prefix.replace(/\.$/, '')}[${key}]` : `${prefix}${key}`;

export const REDACT_PATHS: string[] = DEPTHS.flatMap((prefix) =>
  SECRET_KEYS.map((key) => pathOf(prefix, key)),
);
