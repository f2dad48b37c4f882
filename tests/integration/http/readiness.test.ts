import { afterEach, describe, expect, it } from 'vitest';
import { startDiscord } from '../../../adapters/discord/start.js';
import { startSlack } from '../../../adapters/slack/start.js';
import { loadConfig, type Config } from '../../../src/config.js';
import { createExtractiveEngine } from '../../../src/engines/extractive/index.js';
import {
  createReadiness,
  startHttpServer,
  type HttpServer,
  type Readiness,
} from '../../../src/http/index.js';
import { silentLogger } from '../../../src/logger.js';
import { createPrometheusMetrics, type PrometheusMetrics } from '../../../src/metrics/index.js';
import { createBriefService } from '../../../src/service.js';
import { startFakeDiscord } from '../../helpers/fake-discord.js';
import { startFakeResponseUrl } from '../../helpers/fake-response-url.js';
import { startFakeSlackApi } from '../../helpers/fake-slack-api.js';
import { startFakeSocketMode } from '../../helpers/fake-socket-mode.js';
import { postSlashCommand } from '../../helpers/slack-signed-client.js';

/**
 * /readyz through real HTTP requests, with the real adapters wired as src/main.ts wires them:
 * one server and one readiness for the process, each adapter registering its own part.
 */
const SECRET = 'test-signing-secret';
const STORY =
  'The city council approved a new budget on Monday. It adds 40 electric buses to the fleet by 2027. ' +
  'Fares will stay at $2 for another year, the mayor said. The vote was 7 to 2.';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Process {
  server: HttpServer;
  readiness: Readiness;
  metrics: PrometheusMetrics;
  get(path: string): Promise<{ status: number; body: string }>;
  readyz(): Promise<{ status: number; body: Record<string, unknown> }>;
}

async function processServer(): Promise<Process> {
  const readiness = createReadiness();
  const metrics = createPrometheusMetrics({ defaultMetrics: false });
  const server = await startHttpServer({
    port: 0,
    host: '127.0.0.1',
    readiness,
    metrics,
    logger: silentLogger,
  });
  cleanups.push(() => server.close());
  const get = async (path: string) => {
    const res = await fetch(`http://127.0.0.1:${server.port}${path}`);
    return { status: res.status, body: await res.text() };
  };
  return {
    server,
    readiness,
    metrics,
    get,
    readyz: async () => {
      const { status, body } = await get('/readyz');
      return { status, body: JSON.parse(body) as Record<string, unknown> };
    },
  };
}

const serviceFor = (config: Config) =>
  createBriefService({ config, engines: { extractive: createExtractiveEngine() }, logger: silentLogger });

describe('/readyz with Slack in HTTP mode', () => {
  it('is 503 until the receiver is mounted, 200 then, 503 from the drain on; acks are counted', async () => {
    const api = await startFakeSlackApi({ token: 'xoxb-test-ready' });
    const hooks = await startFakeResponseUrl();
    cleanups.push(
      () => api.close(),
      () => hooks.close(),
    );
    const p = await processServer();
    p.readiness.register('database', () => true);
    p.readiness.expect('slack');
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-test-ready',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: api.url,
      BRIEF_ENGINE: 'extractive',
    });
    expect((await p.get('/healthz')).status).toBe(200);
    expect(await p.readyz()).toMatchObject({
      status: 503,
      body: { parts: { database: true, slack: false }, notReady: ['slack'] },
    });

    const slack = await startSlack(config.slack!, {
      service: serviceFor(config),
      logger: silentLogger,
      metrics: p.metrics,
      http: { server: p.server, readiness: p.readiness },
    });
    expect(slack.port).toBe(p.server.port);
    expect(await p.readyz()).toEqual({
      status: 200,
      body: { ready: true, draining: false, parts: { database: true, slack: true } },
    });

    // Slack's events arrive on the same port as the probes.
    const ack = await postSlashCommand(`http://127.0.0.1:${p.server.port}/slack/events`, SECRET, {
      text: STORY,
      response_url: hooks.newUrl(),
    });
    expect(ack.status).toBe(200);
    await api.waitForCalls('chat.postMessage', 1);
    const metrics = (await p.get('/metrics')).body;
    expect(metrics).toContain('brief_acks_total{platform="slack",kind="slash_command"} 1');
    expect(metrics).toContain('brief_ack_seconds_count{platform="slack"} 1');

    p.readiness.drain();
    slack.drain();
    expect(await p.readyz()).toMatchObject({ status: 503, body: { draining: true } });
    // A command while draining is answered, not dropped.
    const late = await postSlashCommand(`http://127.0.0.1:${p.server.port}/slack/events`, SECRET, {
      text: STORY,
      response_url: hooks.newUrl(),
    });
    expect(late.status).toBe(200);
    expect(late.body).toMatch(/restarting/);
    const counts = await slack.stop({ deadline: AbortSignal.timeout(5_000) });
    expect(counts).toEqual({ finished: 0, aborted: 0, rejected: 1 });
    expect((await p.readyz()).body.parts).toEqual({ database: true });
    // The routes went with the adapter; the probes stay until the process closes its server.
    expect(
      (
        await postSlashCommand(`http://127.0.0.1:${p.server.port}/slack/events`, SECRET, {
          text: 'x',
          response_url: hooks.newUrl(),
        })
      ).status,
    ).toBe(404);
  });
});

describe('/readyz with Slack in Socket Mode', () => {
  it('is 200 while the WebSocket is up and 503 when it drops', async () => {
    const api = await startFakeSlackApi({ token: 'xoxb-test-socket', appToken: 'xapp-test-socket' });
    const socket = await startFakeSocketMode();
    api.socketModeUrl = socket.url;
    cleanups.push(() => api.close());
    const p = await processServer();
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-test-socket',
      SLACK_APP_TOKEN: 'xapp-test-socket',
      SLACK_API_URL: api.url,
    });
    const slack = await startSlack(config.slack!, {
      service: serviceFor(config),
      logger: silentLogger,
      metrics: p.metrics,
      http: { server: p.server, readiness: p.readiness },
    });
    cleanups.push(() => slack.stop({ deadline: AbortSignal.timeout(1_000) }));
    await socket.connected();
    expect(await p.readyz()).toMatchObject({ status: 200, body: { parts: { slack: true } } });
    // Acks over the socket are timed too.
    await socket.deliver('slash_commands', {
      command: '/brief',
      text: 'help',
      channel_id: 'C0CHANNEL',
      user_id: 'U0USER',
      team_id: 'T0TEST',
      response_url: 'http://127.0.0.1:1/unused',
      trigger_id: '1',
      api_app_id: 'A0APP',
    });
    expect((await p.get('/metrics')).body).toContain(
      'brief_acks_total{platform="slack",kind="slash_command"} 1',
    );
    // Slack's end goes away; the client tries to reconnect, and meanwhile the process is not ready.
    await socket.close();
    await expect.poll(async () => (await p.readyz()).status).toBe(503);
    expect((await p.readyz()).body).toMatchObject({ notReady: ['slack'] });
    expect((await p.get('/healthz')).status).toBe(200);
  });
});

describe('/readyz for a Discord-only process', () => {
  it('is served although nothing listens for Discord, and follows the gateway', async () => {
    const fake = await startFakeDiscord();
    cleanups.push(() => fake.close());
    const p = await processServer();
    const config = loadConfig({
      DISCORD_TOKEN: 'fake-discord-token',
      DISCORD_APPLICATION_ID: fake.ids.application,
      DISCORD_API_URL: fake.apiUrl,
      BRIEF_ENGINE: 'extractive',
    });
    expect(await p.readyz()).toMatchObject({ status: 503, body: { parts: {} } });
    const bot = await startDiscord(config.discord!, {
      service: serviceFor(config),
      logger: silentLogger,
      metrics: p.metrics,
      http: { server: p.server, readiness: p.readiness },
    });
    expect(await p.readyz()).toEqual({
      status: 200,
      body: { ready: true, draining: false, parts: { discord: true } },
    });

    const interaction = fake.chatInput('brief', { text: STORY });
    fake.dispatchInteraction(interaction);
    await fake.waitFor((r) => r.method === 'PATCH' && JSON.stringify(r.body).includes('council'));
    await expect
      .poll(async () => (await p.get('/metrics')).body)
      .toContain('brief_acks_total{platform="discord",kind="command"} 1');

    bot.drain();
    const late = fake.chatInput('brief', { text: STORY });
    fake.dispatchInteraction(late);
    const answer = await fake.waitFor((r) => r.path === `/interactions/${late.id}/${late.token}/callback`);
    expect(answer.body).toMatchObject({
      type: 4,
      data: { content: expect.stringMatching(/restarting/) as unknown },
    });
    const counts = await bot.stop({ deadline: AbortSignal.timeout(5_000) });
    expect(counts.rejected).toBe(1);
    expect(await p.readyz()).toMatchObject({ status: 503, body: { parts: {} } });
  });
});
