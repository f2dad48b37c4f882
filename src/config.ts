import { z } from 'zod';
import { digestConfigOf, digestEnv, type DigestConfig } from './config/digest.js';
import { discordConfigOf, discordEnv, type DiscordConfig } from './config/discord.js';
import { encryptionConfigOf, encryptionEnv, type EncryptionConfig } from './config/encryption.js';
import { allowHosts, positiveInt, type AllowedHost } from './config/fetch.js';
import { llmConfigOf, llmEnv, type LlmConfig } from './config/llm.js';
import { runtimeConfigOf, runtimeEnv, type RuntimeConfig } from './config/runtime.js';
import { slackConfigOf, slackEnv, type SlackConfig } from './config/slack.js';
import { storeConfigOf, storeEnv, type StoreConfig } from './config/store.js';

// Each section (fetch, Slack, Discord, LLM, store, digest, the process) lives in src/config/; this file
// composes them into the one schema and the one loadConfig.
export * from './config/digest.js';
export * from './config/discord.js';
export * from './config/encryption.js';
export * from './config/fetch.js';
export * from './config/llm.js';
export * from './config/runtime.js';
export * from './config/slack.js';
export * from './config/store.js';

/**
 * The only place that reads the environment. Entry points call loadConfig(process.env) once and
 * pass the result down; everything else receives what it needs as parameters.
 */

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const schema = z.object({
  ...slackEnv.shape,
  ...llmEnv.shape,
  ...discordEnv.shape,
  ...digestEnv.shape,
  ...runtimeEnv.shape,
  ...storeEnv.shape,
  ...encryptionEnv.shape,
  BRIEF_FETCH_ALLOW_HOSTS: allowHosts,
  BRIEF_FETCH_TIMEOUT_MS: positiveInt(10_000),
  BRIEF_FETCH_MAX_BYTES: positiveInt(5 * 1024 * 1024),
  BRIEF_ENGINE: z.enum(['auto', 'extractive', 'llm']).default('auto'),
  BRIEF_BATCH_THREADS: z.coerce.number().int().min(0).max(16).optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).optional(),
});

export interface Config {
  fetch: { allowHosts: AllowedHost[]; timeoutMs: number; maxBytes: number; maxRedirects: number };
  engine: 'auto' | 'extractive' | 'llm';
  /** Helper threads for `brief --jsonl` with the extractive engine; undefined = one per spare core. */
  batchThreads?: number;
  /** Unset means each entry point's default: quiet for the CLI, info for the bots. */
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent' | undefined;
  /** null when Slack is not configured (neither SLACK_BOT_TOKEN nor SLACK_CLIENT_ID set). */
  slack: SlackConfig | null;
  /** The key for secrets at rest (BRIEF_ENCRYPTION_KEY); null when unset. */
  encryption: EncryptionConfig | null;
  /** null when Discord is not configured (DISCORD_TOKEN unset). */
  discord: DiscordConfig | null;
  /** null when neither OPENAI_API_KEY nor OPENAI_BASE_URL is set. */
  llm: LlmConfig | null;
  store: StoreConfig;
  digest: DigestConfig;
  /** The HTTP port, the log format and the shutdown grace period. */
  runtime: RuntimeConfig;
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
  const encryption = encryptionConfigOf(e, problems);
  const slack = slackConfigOf(e, encryption, problems);
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
    batchThreads: e.BRIEF_BATCH_THREADS,
    logLevel: e.LOG_LEVEL,
    slack,
    encryption,
    discord,
    llm: llmConfigOf(e),
    store: storeConfigOf(e),
    digest: digestConfigOf(e),
    runtime: runtimeConfigOf(e),
  };
}
