import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { startSlack, type SlackHandle, type SlackRuntimeOptions } from '../../adapters/slack/start.js';
import { EVENTS_PATH } from '../../adapters/slack/transport.js';
import { loadConfig, type Config } from '../../src/config.js';
import {
  createDigestScheduler,
  createDigestService,
  type DigestScheduler,
  type DigestServiceWithRuntime,
} from '../../src/digest/index.js';
import { createExtractiveEngine } from '../../src/engines/extractive/index.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { createBriefService, type BriefService } from '../../src/service.js';
import { openSqliteStore, type KyselyStore } from '../../src/store/open-store.js';
import { workspaceBriefOptions } from '../../src/workspace-settings.js';
import { startFakeResponseUrl, type FakeResponseUrl } from './fake-response-url.js';
import { startFakeSlackApi, type FakeSlackApi, type FakeWorkspace } from './fake-slack-api.js';
import { startFeedServer, type FeedServer } from './feed-server.js';
import { postEvent, postInteraction, postSlashCommand } from './slack-signed-client.js';
import { makeTempDir } from './temp-dir.js';

export const MULTI_SIGNING_SECRET = 'test-signing-secret-multi';
export const CLIENT_ID = '1111111111.2222222222';
export const CLIENT_SECRET = 'test-client-secret';
/** A fixed token the default (single-workspace) part of the fake knows; nobody uses it here. */
const UNUSED_TOKEN = 'xoxb-unused-default';

export interface InstallResult {
  status: number;
  html: string;
  workspace: FakeWorkspace;
  /** The redirect Slack sent the browser to, and the state cookie the browser had. */
  redirect: string;
  cookie: string;
}

export interface MultiSlackHarness {
  base: string;
  api: FakeSlackApi;
  hooks: FakeResponseUrl;
  feeds: FeedServer;
  store: KyselyStore;
  config: Config;
  slack: SlackHandle;
  digest: DigestServiceWithRuntime;
  scheduler: DigestScheduler;
  clock: { now: number };
  logs: Array<Record<string, unknown>>;
  /** The whole "Add to Slack" flow as a browser would do it, for the workspace `spec`. */
  install(spec: Partial<FakeWorkspace> & { teamId: string }): Promise<InstallResult>;
  /** A signed /brief from `teamId`; resolves with the ack and the command's response_url. */
  command(
    teamId: string,
    text: string,
    options?: { channel?: string; user?: string },
  ): Promise<{ status: number; body: string; responseUrl: string }>;
  event(teamId: string, event: Record<string, unknown>, eventId?: string): Promise<number>;
  interaction(payload: Record<string, unknown>): Promise<{ status: number; body: string }>;
  close(): Promise<void>;
}

let events = 0;

/**
 * The real Slack adapter in OAuth mode (many workspaces) over a real store (a SQLite file, or the
 * store a test gives), with the real digest service and scheduler on an injected clock, against
 * the fake Web API (which plays Slack's authorize page too), a fake response_url endpoint and a
 * local feed and article server.
 */
export async function startMultiSlackHarness(
  options: {
    store?: KyselyStore;
    runtime?: SlackRuntimeOptions;
    start?: number;
    env?: Record<string, string>;
  } = {},
): Promise<MultiSlackHarness> {
  const api = await startFakeSlackApi({
    token: UNUSED_TOKEN,
    oauth: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
  });
  const hooks = await startFakeResponseUrl();
  const feeds = await startFeedServer();
  const tmp = options.store ? null : makeTempDir('brief-multi-');
  const config = loadConfig({
    BRIEF_FETCH_ALLOW_HOSTS: '127.0.0.1',
    BRIEF_ENGINE: 'extractive',
    SLACK_CLIENT_ID: CLIENT_ID,
    SLACK_CLIENT_SECRET: CLIENT_SECRET,
    SLACK_STATE_SECRET: 'test-state-secret-0123456789',
    SLACK_SIGNING_SECRET: MULTI_SIGNING_SECRET,
    BRIEF_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    SLACK_API_URL: api.url,
    PORT: '0',
    ...(tmp ? { BRIEF_DB: join(tmp.dir, 'brief.db') } : {}),
    ...options.env,
  });
  const store = options.store ?? openSqliteStore(config.store.path);
  const logs: Array<Record<string, unknown>> = [];
  const logger: Logger = createLogger('debug', (line) =>
    logs.push(JSON.parse(line) as Record<string, unknown>),
  );
  const clock = { now: options.start ?? Date.UTC(2025, 5, 2, 8, 0) };
  const service: BriefService = createBriefService({
    config,
    engines: { extractive: createExtractiveEngine() },
    logger,
    store,
  });
  const briefDefaults = { engine: config.engine, language: null, llmConfigured: false };
  const digest = createDigestService({
    config,
    service,
    store,
    logger,
    now: () => clock.now,
    briefOptionsFor: workspaceBriefOptions({ store, llmConfigured: false, logger }),
  });
  const slack = await startSlack(
    config.slack!,
    { service, logger, store, digest, briefDefaults },
    { host: '127.0.0.1', ...options.runtime },
  );
  const base = `http://127.0.0.1:${slack.port}`;
  api.oauthRedirectUri = `${base}/slack/oauth_redirect`;
  const scheduler = createDigestScheduler({
    digest,
    publishers: { slack: slack.digestPublisher },
    logger,
    now: () => clock.now,
  });

  return {
    base,
    api,
    hooks,
    feeds,
    store,
    config,
    slack,
    digest,
    scheduler,
    clock,
    logs,
    async install(spec) {
      const workspace = api.approveNextInstall(spec);
      const page = await fetch(`${base}/slack/install`);
      const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0]!;
      const html = await page.text();
      const href = /href="([^"]+)"/.exec(html.replace(/href="data:[^"]*"/, ''))?.[1]?.replace(/&amp;/g, '&');
      if (!href) throw new Error(`no Add to Slack link on the install page (${page.status})`);
      const slackPage = await fetch(href, { redirect: 'manual' });
      const redirect = slackPage.headers.get('location');
      if (!redirect) throw new Error(`the fake authorize page did not redirect (${slackPage.status})`);
      const done = await fetch(redirect, { headers: { cookie } });
      return { status: done.status, html: await done.text(), workspace, redirect, cookie };
    },
    async command(teamId, text, opts = {}) {
      const responseUrl = hooks.newUrl();
      const ack = await postSlashCommand(`${base}${EVENTS_PATH}`, MULTI_SIGNING_SECRET, {
        text,
        response_url: responseUrl,
        team_id: teamId,
        channel_id: opts.channel ?? `C${teamId}`,
        user_id: opts.user ?? `U${teamId}`,
      });
      return { status: ack.status, body: ack.body, responseUrl };
    },
    async event(teamId, event, eventId = `Ev${++events}`) {
      const res = await postEvent(`${base}${EVENTS_PATH}`, MULTI_SIGNING_SECRET, {
        token: 'deprecated-verification-token',
        team_id: teamId,
        api_app_id: 'A0APP',
        type: 'event_callback',
        event_id: eventId,
        event_time: Math.floor(Date.now() / 1000),
        authorizations: [{ team_id: teamId, user_id: `UBOT${teamId}`, is_bot: true, enterprise_id: null }],
        event,
      });
      return res.status;
    },
    async interaction(payload) {
      const res = await postInteraction(`${base}${EVENTS_PATH}`, MULTI_SIGNING_SECRET, payload);
      return { status: res.status, body: res.body };
    },
    async close() {
      await scheduler.stop();
      await slack.stop();
      if (!options.store) await store.close();
      await Promise.all([api.close(), hooks.close(), feeds.close()]);
      tmp?.cleanup();
    },
  };
}
