import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlack } from '../../../adapters/slack/start.js';
import { ConfigError, loadConfig } from '../../../src/config.js';
import { createExtractiveEngine } from '../../../src/engines/extractive/index.js';
import { silentLogger } from '../../../src/logger.js';
import { createBriefService } from '../../../src/service.js';
import { startFakeSlackApi, type FakeSlackApi } from '../../helpers/fake-slack-api.js';

describe('starting and stopping the Slack adapter', () => {
  let api: FakeSlackApi;
  beforeAll(async () => {
    api = await startFakeSlackApi({ token: 'xoxb-right-token' });
  });
  afterAll(() => api.close());

  const start = (token: string, apiUrl = api.url) => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: token,
      SLACK_SIGNING_SECRET: 'secret',
      SLACK_API_URL: apiUrl,
      PORT: '0',
    });
    const service = createBriefService({
      config,
      engines: { extractive: createExtractiveEngine() },
      logger: silentLogger,
    });
    return startSlack(config.slack!, { service, logger: silentLogger }, { host: '127.0.0.1' });
  };

  it('refuses a token Slack rejects, naming SLACK_BOT_TOKEN in one line', async () => {
    const failure = start('xoxb-wrong-token');
    await expect(failure).rejects.toBeInstanceOf(ConfigError);
    await expect(failure).rejects.toThrow(/^SLACK_BOT_TOKEN: Slack refused the token \(invalid_auth\)/);
  });

  it('says where it could not reach Slack', async () => {
    await expect(start('xoxb-right-token', 'http://127.0.0.1:1/api/')).rejects.toThrow(
      /auth\.test at http:\/\/127\.0\.0\.1:1\/api\/ did not answer/,
    );
  });

  it('starts on a free port, serves /healthz, and stops cleanly', async () => {
    const slack = await start('xoxb-right-token');
    expect(slack.mode).toBe('http');
    expect(slack.port).toBeGreaterThan(0);
    expect((await fetch(`http://127.0.0.1:${slack.port}/healthz`)).status).toBe(200);
    await slack.stop();
    await expect(fetch(`http://127.0.0.1:${slack.port}/healthz`)).rejects.toThrow();
  });
});
