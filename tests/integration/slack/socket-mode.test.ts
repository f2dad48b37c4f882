import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORKING_TEXT } from '../../../adapters/slack/render/notices.js';
import { startSlack, type SlackHandle } from '../../../adapters/slack/start.js';
import { loadConfig } from '../../../src/config.js';
import { createExtractiveEngine } from '../../../src/engines/extractive/index.js';
import { silentLogger } from '../../../src/logger.js';
import { createBriefService } from '../../../src/service.js';
import { startFakeSlackApi, type FakeSlackApi } from '../../helpers/fake-slack-api.js';
import { startFakeResponseUrl, type FakeResponseUrl } from '../../helpers/fake-response-url.js';
import { startFakeSocketMode, type FakeSocketMode } from '../../helpers/fake-socket-mode.js';

const BOT = 'xoxb-test-socket';
const APP = 'xapp-test-socket';

describe('Socket Mode (SLACK_APP_TOKEN set)', () => {
  let api: FakeSlackApi;
  let socket: FakeSocketMode;
  let hooks: FakeResponseUrl;
  let slack: SlackHandle;

  beforeAll(async () => {
    api = await startFakeSlackApi({ token: BOT, appToken: APP });
    socket = await startFakeSocketMode();
    hooks = await startFakeResponseUrl();
    api.socketModeUrl = socket.url;
    // No signing secret: Socket Mode does not need one.
    const config = loadConfig({
      SLACK_BOT_TOKEN: BOT,
      SLACK_APP_TOKEN: APP,
      SLACK_API_URL: api.url,
      PORT: '0',
    });
    const service = createBriefService({
      config,
      engines: { extractive: createExtractiveEngine() },
      logger: silentLogger,
    });
    slack = await startSlack(config.slack!, { service, logger: silentLogger }, { host: '127.0.0.1' });
    await socket.connected();
  });
  afterAll(async () => {
    await slack.stop();
    await Promise.all([socket.close(), api.close(), hooks.close()]);
  });

  it('opens the connection with the app token through SLACK_API_URL, and serves /healthz', async () => {
    expect(slack.mode).toBe('socket');
    expect(api.callsTo('apps.connections.open')).toMatchObject([{ authorized: true }]);
    expect((await fetch(`http://127.0.0.1:${slack.port}/healthz`)).status).toBe(200);
  });

  it('acks a slash command over the socket and posts the brief', async () => {
    const ack = await socket.deliver('slash_commands', {
      command: '/brief',
      text: 'The city council voted on Tuesday to expand the tram network by 12 kilometres. Construction will start in 2026 and cost 300 million euros. The mayor said the new lines would serve 80,000 residents.',
      channel_id: 'C0CHANNEL',
      user_id: 'U0USER',
      team_id: 'T0TEST',
      response_url: hooks.newUrl(),
      trigger_id: '1',
      api_app_id: 'A0APP',
    });
    expect(ack).toEqual({ response_type: 'ephemeral', text: WORKING_TEXT });
    const [main] = await api.waitForCalls('chat.postMessage', 1);
    expect(main!.args).toMatchObject({ channel: 'C0CHANNEL', unfurl_links: false });
  });
});
