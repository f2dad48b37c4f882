import { z } from 'zod';

/**
 * The only place that reads the environment. Entry points call loadConfig(process.env) once and
 * pass the result down; everything else receives what it needs as parameters.
 */

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** One `host[:port]` entry of BRIEF_FETCH_ALLOW_HOSTS; port undefined = any port. */
export interface AllowedHost {
  host: string;
  port?: number;
}

const allowHosts = z
  .string()
  .default('')
  .transform((raw, ctx): AllowedHost[] => {
    const out: AllowedHost[] = [];
    for (const part of raw.split(',')) {
      const entry = part.trim().toLowerCase();
      if (!entry) continue;
      // "[::1]:8080", "[::1]", "intranet.example:8080", "10.0.0.5"
      const m = /^(?:\[([0-9a-f:.]+)\]|([^:[\]]+))(?::(\d{1,5}))?$/.exec(entry);
      const port = m?.[3] === undefined ? undefined : Number(m[3]);
      if (!m || (port !== undefined && (port < 1 || port > 65535))) {
        ctx.addIssue({ code: 'custom', message: `"${entry}" is not host or host:port` });
        continue;
      }
      const host = (m[1] ?? m[2] ?? '').replace(/\.$/, '');
      out.push(port === undefined ? { host } : { host, port });
    }
    return out;
  });

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

// ---- Slack (adapters/slack) ------------------------------------------------------------------
// Slack is configured when SLACK_BOT_TOKEN is set. HTTP mode then needs the signing secret (Bolt
// verifies every request with it); Socket Mode (SLACK_APP_TOKEN) does not.

export interface SlackConfig {
  botToken: string;
  /** Required in HTTP mode; null in Socket Mode when not given. */
  signingSecret: string | null;
  /** Set => Socket Mode instead of HTTP. */
  appToken: string | null;
  /** Web API base, always ending in "/" (GovSlack, proxies and tests change it). */
  apiUrl: string;
  /** HTTP port for POST /slack/events and GET /healthz; 0 picks a free port. */
  port: number;
}

const slackEnv = z.object({
  SLACK_BOT_TOKEN: z
    .string()
    .regex(/^xoxb-[A-Za-z0-9-]+$/, 'must be a bot token starting with "xoxb-" (OAuth & Permissions page)')
    .optional(),
  SLACK_SIGNING_SECRET: z.string().min(1).optional(),
  SLACK_APP_TOKEN: z
    .string()
    .regex(
      /^xapp-[A-Za-z0-9-]+$/,
      'must be an app-level token starting with "xapp-" (Basic Information page)',
    )
    .optional(),
  SLACK_API_URL: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL such as https://slack.com/api/' })
    .default('https://slack.com/api/')
    .transform((u) => (u.endsWith('/') ? u : `${u}/`)),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
});
type SlackEnv = z.infer<typeof slackEnv>;

/** Cross-variable rules; pushes one line per problem, naming the variable. */
function slackConfigOf(e: SlackEnv, problems: string[]): SlackConfig | null {
  if (!e.SLACK_BOT_TOKEN) {
    if (e.SLACK_SIGNING_SECRET || e.SLACK_APP_TOKEN) {
      problems.push(
        'SLACK_BOT_TOKEN: required when SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is set (xoxb-...)',
      );
    }
    return null;
  }
  if (!e.SLACK_APP_TOKEN && !e.SLACK_SIGNING_SECRET) {
    problems.push(
      'SLACK_SIGNING_SECRET: required when SLACK_BOT_TOKEN is set (Basic Information > Signing Secret), or set SLACK_APP_TOKEN for Socket Mode',
    );
    return null;
  }
  return {
    botToken: e.SLACK_BOT_TOKEN,
    signingSecret: e.SLACK_SIGNING_SECRET ?? null,
    appToken: e.SLACK_APP_TOKEN ?? null,
    apiUrl: e.SLACK_API_URL,
    port: e.PORT,
  };
}
// ---- end Slack --------------------------------------------------------------------------------

// ---- Discord (adapters/discord) ----------------------------------------------------------------
// Discord is configured when DISCORD_TOKEN is set; the application id is then required (command
// registration and interaction webhooks are addressed by it).

export interface DiscordConfig {
  token: string;
  /** The application's snowflake (Developer Portal > General Information > Application ID). */
  applicationId: string;
  /** Set => the deploy script registers commands to this one guild (instant) instead of globally. */
  guildId: string | null;
  /** REST base without the version (discord.js appends /v10); proxies and tests change it. */
  apiUrl: string;
}

// Snowflakes are 64-bit integers written in decimal: 17-20 digits today.
const snowflake = z.string().regex(/^\d{17,20}$/, 'must be a Discord id (17-20 digits)');

const discordEnv = z.object({
  DISCORD_TOKEN: z
    .string()
    .regex(/^\S+$/, 'must be the bot token from the Bot page, without spaces or a "Bot " prefix')
    .optional(),
  DISCORD_APPLICATION_ID: snowflake.optional(),
  DISCORD_GUILD_ID: snowflake.optional(),
  DISCORD_API_URL: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL such as https://discord.com/api' })
    .default('https://discord.com/api')
    .transform((u) => u.replace(/\/+$/, '')),
});
type DiscordEnv = z.infer<typeof discordEnv>;

/** Cross-variable rules; pushes one line per problem, naming the variable. */
function discordConfigOf(e: DiscordEnv, problems: string[]): DiscordConfig | null {
  if (!e.DISCORD_TOKEN) return null;
  if (!e.DISCORD_APPLICATION_ID) {
    problems.push(
      'DISCORD_APPLICATION_ID: required when DISCORD_TOKEN is set (Developer Portal > General Information > Application ID)',
    );
    return null;
  }
  return {
    token: e.DISCORD_TOKEN,
    applicationId: e.DISCORD_APPLICATION_ID,
    guildId: e.DISCORD_GUILD_ID ?? null,
    apiUrl: e.DISCORD_API_URL,
  };
}
// ---- end Discord --------------------------------------------------------------------------------

const schema = z.object({
  ...slackEnv.shape,
  ...discordEnv.shape,
  BRIEF_FETCH_ALLOW_HOSTS: allowHosts,
  BRIEF_FETCH_TIMEOUT_MS: positiveInt(10_000),
  BRIEF_FETCH_MAX_BYTES: positiveInt(5 * 1024 * 1024),
  BRIEF_ENGINE: z.enum(['auto', 'extractive', 'llm']).default('auto'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).optional(),
});

export interface Config {
  fetch: { allowHosts: AllowedHost[]; timeoutMs: number; maxBytes: number; maxRedirects: number };
  engine: 'auto' | 'extractive' | 'llm';
  /** Unset means each entry point's default: quiet for the CLI, info for the bots. */
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent' | undefined;
  /** null when Slack is not configured (SLACK_BOT_TOKEN unset). */
  slack: SlackConfig | null;
  /** null when Discord is not configured (DISCORD_TOKEN unset). */
  discord: DiscordConfig | null;
}

/** Parses the environment; throws ConfigError with one line per bad variable, naming it. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  // Empty strings mean "unset": shells and .env files produce them for blank assignments.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`);
    throw new ConfigError(lines.join('\n'));
  }
  const e = parsed.data;
  const problems: string[] = [];
  const slack = slackConfigOf(e, problems);
  const discord = discordConfigOf(e, problems);
  if (problems.length > 0) throw new ConfigError(problems.join('\n'));
  return {
    fetch: {
      allowHosts: e.BRIEF_FETCH_ALLOW_HOSTS,
      timeoutMs: e.BRIEF_FETCH_TIMEOUT_MS,
      maxBytes: e.BRIEF_FETCH_MAX_BYTES,
      maxRedirects: 5,
    },
    engine: e.BRIEF_ENGINE,
    logLevel: e.LOG_LEVEL,
    slack,
    discord,
  };
}
