import { startSlack, type SlackHandle, type SlackRuntimeOptions } from '../../adapters/slack/start.js';
import { EVENTS_PATH, HEALTH_PATH } from '../../adapters/slack/transport.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { DigestService } from '../../src/digest/types.js';
import { createExtractiveEngine } from '../../src/engines/extractive/index.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { createBriefService, type BriefService } from '../../src/service.js';
import { startFakeResponseUrl, type FakeResponseUrl } from './fake-response-url.js';
import { startFakeSlackApi, type FakeSlackApi } from './fake-slack-api.js';
import { startArticleServer, type ArticleServer, type Route } from './article-server.js';

export const TEST_BOT_TOKEN = 'xoxb-test-0000';
export const TEST_SIGNING_SECRET = 'test-signing-secret';

export interface SlackHarness {
  eventsUrl: string;
  healthUrl: string;
  api: FakeSlackApi;
  hooks: FakeResponseUrl;
  articles: ArticleServer;
  config: Config;
  service: BriefService;
  logger: Logger;
  slack: SlackHandle;
  /** Log records the adapter wrote (JSON-parsed). */
  logs: Array<Record<string, unknown>>;
  close(): Promise<void>;
}

/**
 * The real Slack adapter (Bolt over HTTP on 127.0.0.1) with the real brief service, extractive
 * engine and ingest, talking to a fake Web API, a fake response_url endpoint and a local article
 * server that the fetch allow-list opens.
 */
/** Builds the digest service the adapter gets, from the harness's own config, brief service and logger. */
export type SlackDigestFactory = (parts: {
  config: Config;
  service: BriefService;
  logger: Logger;
}) => DigestService;

export async function startSlackHarness(
  options: {
    pages?: Record<string, Route>;
    runtime?: SlackRuntimeOptions;
    env?: Record<string, string>;
    digest?: SlackDigestFactory;
    /** A brief service of the test's own (an LLM rig); default: the extractive engine on this config. */
    service?: BriefService;
  } = {},
): Promise<SlackHarness> {
  const articles = await startArticleServer(options.pages ?? {});
  const api = await startFakeSlackApi({ token: TEST_BOT_TOKEN });
  const hooks = await startFakeResponseUrl();
  const config = loadConfig({
    BRIEF_FETCH_ALLOW_HOSTS: `127.0.0.1:${articles.port}`,
    BRIEF_ENGINE: 'extractive',
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: api.url,
    PORT: '0',
    ...options.env,
  });
  const logs: Array<Record<string, unknown>> = [];
  const logger: Logger = createLogger('debug', (line) =>
    logs.push(JSON.parse(line) as Record<string, unknown>),
  );
  const service =
    options.service ??
    createBriefService({ config, engines: { extractive: createExtractiveEngine() }, logger });
  const digest = options.digest?.({ config, service, logger });
  const slack = await startSlack(
    config.slack!,
    { service, logger, ...(digest ? { digest } : {}) },
    { host: '127.0.0.1', ...options.runtime },
  );
  const base = `http://127.0.0.1:${slack.port}`;
  return {
    eventsUrl: `${base}${EVENTS_PATH}`,
    healthUrl: `${base}${HEALTH_PATH}`,
    api,
    hooks,
    articles,
    config,
    service,
    logger,
    slack,
    logs,
    async close() {
      await slack.stop();
      await Promise.all([api.close(), hooks.close(), articles.close()]);
    },
  };
}
