/**
 * Everything an end-to-end Discord test needs, all real except Discord itself: the fake Discord,
 * a local article server, the real config loader, brief service, ingest and extractive engine, and
 * the bot started by startDiscord exactly as main.ts starts it. Logs are captured for assertions.
 */
import { startDiscord, type DiscordBot } from '../../adapters/discord/start.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { DigestService } from '../../src/digest/types.js';
import { createExtractiveEngine } from '../../src/engines/extractive/index.js';
import { createLogger, type Logger, type LogLevel } from '../../src/logger.js';
import { createBriefService, type BriefService } from '../../src/service.js';
import {
  startFakeDiscord,
  type FakeDiscord,
  type RecordedRequest,
  type SentMessage,
} from './fake-discord.js';
import { startArticleServer, type ArticleServer, type Route } from './article-server.js';

export interface LogRecord {
  level: string;
  msg: string;
  [field: string]: unknown;
}

export interface DiscordHarness {
  fake: FakeDiscord;
  pages: ArticleServer;
  bot: DiscordBot;
  config: Config;
  service: BriefService;
  logger: Logger;
  logs: LogRecord[];
  close(): Promise<void>;
}

/** Builds the digest service the bot gets, from the harness's own config, brief service and logger. */
export type DigestFactory = (parts: {
  config: Config;
  service: BriefService;
  logger: Logger;
}) => DigestService;

export async function startDiscordHarness(
  routes: Record<string, Route>,
  options: {
    logLevel?: LogLevel;
    env?: Record<string, string>;
    digest?: DigestFactory;
    /** A brief service of the test's own (an LLM rig); default: the extractive engine on this config. */
    service?: BriefService;
  } = {},
): Promise<DiscordHarness> {
  const fake = await startFakeDiscord();
  const pagesServer = await startArticleServer(routes);
  const config = loadConfig({
    DISCORD_TOKEN: 'fake-discord-token',
    DISCORD_APPLICATION_ID: fake.ids.application,
    DISCORD_API_URL: fake.apiUrl,
    BRIEF_ENGINE: 'extractive',
    BRIEF_FETCH_ALLOW_HOSTS: `127.0.0.1:${pagesServer.port}`,
    ...options.env,
  });
  const logs: LogRecord[] = [];
  const logger = createLogger(options.logLevel ?? 'debug', (line) =>
    logs.push(JSON.parse(line) as LogRecord),
  );
  const service =
    options.service ??
    createBriefService({ config, engines: { extractive: createExtractiveEngine() }, logger });
  const digest = options.digest?.({ config, service, logger });
  const bot = await startDiscord(config.discord!, { service, logger, ...(digest ? { digest } : {}) });
  return {
    fake,
    pages: pagesServer,
    bot,
    config,
    service,
    logger,
    logs,
    async close() {
      await bot.stop();
      await fake.close();
      await pagesServer.close();
    },
  };
}

/**
 * The messages the bot sent (replies, edits, follow-ups, channel messages), each as Discord got it;
 * a deferral (callback type 5) carries no message and is left out.
 */
export function sentMessages(requests: RecordedRequest[]): SentMessage[] {
  return requests.flatMap((r) => {
    if (r.path.endsWith('/callback')) return r.body.type === 4 && r.body.data ? [r.body.data] : [];
    const carries = r.body.content !== undefined || r.body.embeds !== undefined;
    return r.method !== 'DELETE' && carries ? [r.body] : [];
  });
}
