import { z } from 'zod';
import { normalizeTime, normalizeTimeZone } from './digest/time.js';

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

// ---- LLM engine and store (src/engines/llm, src/store) ----------------------------------------
// The LLM is "configured" when OPENAI_API_KEY or OPENAI_BASE_URL is set: local OpenAI-compatible
// servers (Ollama, vLLM, llama.cpp) usually need no key, so a base URL alone is enough.

/**
 * Default model: gpt-4.1-mini. It supports strict JSON-schema structured output, is cheap and fast,
 * and is not a reasoning model, so the output cap bounds the whole reply (reasoning models spend
 * hidden tokens from the same cap) and a low temperature is accepted.
 */
export const DEFAULT_LLM_MODEL = 'gpt-4.1-mini';
/** The SDK refuses to start without a key; local servers ignore whatever we send. */
export const PLACEHOLDER_API_KEY = 'no-key-needed';

export interface LlmConfig {
  apiKey: string;
  /** null = api.openai.com. */
  baseURL: string | null;
  model: string;
  /** ISO 639 code of the language to write briefs in; null = the article's own language. */
  language: string | null;
  /** Per request; tens of seconds, not the SDK's 10 minutes. */
  timeoutMs: number;
  /** Retries after a 429, 5xx or connection error; never after 400/401/403. */
  maxRetries: number;
  /** A retry-after longer than this is not waited for: the user gets the extractive brief instead. */
  retryAfterCapMs: number;
  /**
   * Article tokens sent at most; longer articles are cut to the lead and the densest paragraphs.
   * 1,500 (about 1,100 words) keeps most news stories whole (CNN's average is ~900) and leaves a
   * 4k-context local model room for the prompt and the answer.
   */
  maxInputTokens: number;
  maxOutputTokens: number;
  /**
   * OpenAI rejects max_tokens for newer models and wants max_completion_tokens; many local servers
   * only know max_tokens. "auto" picks by endpoint: api.openai.com or not.
   */
  tokenLimitParam: 'max_tokens' | 'max_completion_tokens';
}

export interface StoreConfig {
  /** SQLite file; its directory is created on open. */
  path: string;
  /** How long a good brief is served from the cache. */
  cacheTtlMs: number;
  /** How long a fallback brief (the LLM failed) is served before the LLM is tried again; 0 = never. */
  failureTtlMs: number;
}

const llmEnv = z.object({
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL such as http://localhost:11434/v1' })
    .optional(),
  BRIEF_LLM_MODEL: z.string().min(1).default(DEFAULT_LLM_MODEL),
  BRIEF_LANGUAGE: z
    .string()
    .regex(
      /^(auto|[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})?)$/,
      'must be a language code such as en, de or pt-BR, or auto',
    )
    .optional(),
  BRIEF_LLM_TIMEOUT_MS: positiveInt(30_000),
  BRIEF_LLM_MAX_RETRIES: z.coerce.number().int().min(0).max(2).default(1),
  BRIEF_LLM_RETRY_AFTER_CAP_MS: z.coerce.number().int().min(0).default(10_000),
  BRIEF_LLM_MAX_INPUT_TOKENS: z.coerce.number().int().min(200).default(1_500),
  BRIEF_LLM_MAX_OUTPUT_TOKENS: z.coerce.number().int().min(200).default(800),
  BRIEF_LLM_TOKEN_PARAM: z.enum(['auto', 'max_tokens', 'max_completion_tokens']).default('auto'),
  BRIEF_DB: z.string().min(1).default('./data/brief.db'),
  BRIEF_CACHE_TTL_S: positiveInt(30 * 24 * 3600),
  BRIEF_CACHE_FAILURE_TTL_S: z.coerce.number().int().min(0).default(60),
});
type LlmEnv = z.infer<typeof llmEnv>;

function llmConfigOf(e: LlmEnv): LlmConfig | null {
  if (!e.OPENAI_API_KEY && !e.OPENAI_BASE_URL) return null;
  const baseURL = e.OPENAI_BASE_URL ?? null;
  const official = baseURL === null || new URL(baseURL).hostname === 'api.openai.com';
  return {
    apiKey: e.OPENAI_API_KEY ?? PLACEHOLDER_API_KEY,
    baseURL,
    model: e.BRIEF_LLM_MODEL,
    language: !e.BRIEF_LANGUAGE || e.BRIEF_LANGUAGE === 'auto' ? null : e.BRIEF_LANGUAGE,
    timeoutMs: e.BRIEF_LLM_TIMEOUT_MS,
    maxRetries: e.BRIEF_LLM_MAX_RETRIES,
    retryAfterCapMs: e.BRIEF_LLM_RETRY_AFTER_CAP_MS,
    maxInputTokens: e.BRIEF_LLM_MAX_INPUT_TOKENS,
    maxOutputTokens: e.BRIEF_LLM_MAX_OUTPUT_TOKENS,
    tokenLimitParam:
      e.BRIEF_LLM_TOKEN_PARAM !== 'auto'
        ? e.BRIEF_LLM_TOKEN_PARAM
        : official
          ? 'max_completion_tokens'
          : 'max_tokens',
  };
}

function storeConfigOf(e: LlmEnv): StoreConfig {
  return {
    path: e.BRIEF_DB,
    cacheTtlMs: e.BRIEF_CACHE_TTL_S * 1000,
    failureTtlMs: e.BRIEF_CACHE_FAILURE_TTL_S * 1000,
  };
}
// ---- end LLM engine and store -----------------------------------------------------------------

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

// ---- Digest (src/digest) -----------------------------------------------------------------------
// Feed subscriptions and daily digests. Defaults apply when a channel's first subscription names
// no time or zone; later subscriptions join the channel's existing schedule.

export interface DigestConfig {
  /** HH:MM, 24 h. */
  defaultTime: string;
  /** IANA zone. */
  defaultTimezone: string;
  /** Stories per digest unless a subscription says otherwise. */
  maxStories: number;
  /** Newest items read per feed; a 10,000-item feed costs no more than this. */
  maxItemsPerFeed: number;
  /** Feed and article fetches in flight at once, overall and per host (politeness). */
  fetchConcurrency: number;
  hostConcurrency: number;
}

const digestEnv = z.object({
  BRIEF_DIGEST_DEFAULT_TIME: z
    .string()
    .default('09:00')
    .transform((v, ctx) => {
      const t = normalizeTime(v);
      if (t === null) ctx.addIssue({ code: 'custom', message: 'must be a 24-hour time HH:MM such as 09:00' });
      return t ?? '09:00';
    }),
  BRIEF_DIGEST_DEFAULT_TIMEZONE: z
    .string()
    .default('UTC')
    .transform((v, ctx) => {
      const zone = normalizeTimeZone(v);
      if (zone === null)
        ctx.addIssue({ code: 'custom', message: 'must be an IANA time zone such as Europe/Berlin or UTC' });
      return zone ?? 'UTC';
    }),
  BRIEF_DIGEST_MAX_STORIES: z.coerce.number().int().min(1).max(25).default(10),
  BRIEF_DIGEST_MAX_ITEMS: z.coerce.number().int().min(10).max(1000).default(200),
  BRIEF_DIGEST_FETCH_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  BRIEF_DIGEST_HOST_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
});
type DigestEnv = z.infer<typeof digestEnv>;

function digestConfigOf(e: DigestEnv): DigestConfig {
  return {
    defaultTime: e.BRIEF_DIGEST_DEFAULT_TIME,
    defaultTimezone: e.BRIEF_DIGEST_DEFAULT_TIMEZONE,
    maxStories: e.BRIEF_DIGEST_MAX_STORIES,
    maxItemsPerFeed: e.BRIEF_DIGEST_MAX_ITEMS,
    fetchConcurrency: e.BRIEF_DIGEST_FETCH_CONCURRENCY,
    hostConcurrency: e.BRIEF_DIGEST_HOST_CONCURRENCY,
  };
}
// ---- end Digest --------------------------------------------------------------------------------

const schema = z.object({
  ...slackEnv.shape,
  ...llmEnv.shape,
  ...discordEnv.shape,
  ...digestEnv.shape,
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
  /** null when neither OPENAI_API_KEY nor OPENAI_BASE_URL is set. */
  llm: LlmConfig | null;
  store: StoreConfig;
  digest: DigestConfig;
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
    llm: llmConfigOf(e),
    store: storeConfigOf(e),
    digest: digestConfigOf(e),
  };
}
