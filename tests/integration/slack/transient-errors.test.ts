import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackTransient } from '../../../adapters/slack/slack-errors.js';
import { startFakeSlackApi, type FakeSlackApi } from '../../helpers/fake-slack-api.js';

/**
 * Which Web API failures a job may hand back for a later attempt: the real client's errors, from a
 * server that answers 503, a port nobody listens on, and the fake Web API refusing a message.
 */
let down: Server;
let downUrl: string;
let api: FakeSlackApi;

beforeAll(async () => {
  down = createServer((_req, res) => res.writeHead(503).end('unavailable'));
  down.listen(0, '127.0.0.1');
  await once(down, 'listening');
  downUrl = `http://127.0.0.1:${(down.address() as AddressInfo).port}/api/`;
  api = await startFakeSlackApi({ token: 'xoxb-test-0000' });
});
afterAll(async () => {
  down.closeAllConnections();
  await new Promise<void>((resolve) => down.close(() => resolve()));
  await api.close();
});

const client = (slackApiUrl: string) =>
  new webApi.WebClient('xoxb-test-0000', { slackApiUrl, retryConfig: { retries: 0 }, timeout: 2_000 });
const failureOf = (call: Promise<unknown>) =>
  call.then(
    () => null,
    (err: unknown) => err,
  );

describe('Slack failures worth a later attempt', () => {
  it('are HTTP errors and requests that got no answer', async () => {
    expect(
      slackTransient(await failureOf(client(downUrl).chat.postMessage({ channel: 'C1', text: 'x' }))),
    ).toBe(true);
    down.close();
    expect(
      slackTransient(await failureOf(client(downUrl).chat.postMessage({ channel: 'C1', text: 'x' }))),
    ).toBe(true);
  });

  it('are never Slack refusing the message', async () => {
    api.failWith('chat.postMessage', 'msg_too_long');
    const refused = await failureOf(client(api.url).chat.postMessage({ channel: 'C1', text: 'x' }));
    expect(refused).not.toBeNull();
    expect(slackTransient(refused)).toBe(false);
  });
});
