import type { ServerResponse } from 'node:http';
import { HEALTH_PATH, writeHealth } from './health.js';
import { HTTPReceiver, SocketModeReceiver, type Logger as BoltLogger, type Receiver } from '@slack/bolt';
import type { webApi } from '@slack/bolt';
import type { SlackConfig } from '../../src/config.js';

/** Where Slack sends slash commands, events and interactivity in HTTP mode (slack-manifest.yaml). */
export const EVENTS_PATH = '/slack/events';
export { HEALTH_PATH };

export interface Transport {
  receiver: Receiver;
  mode: 'http' | 'socket';
}

/**
 * Transport only: how requests reach the app. HTTP mode verifies signatures (Bolt, on the raw
 * body) and acks before listeners finish (processBeforeResponse: false: nothing slow runs before
 * the 3 s deadline anyway). Socket Mode is used when an app-level token is configured; its
 * /healthz is served by health.ts.
 */
export function createTransport(
  config: SlackConfig,
  logger: BoltLogger,
  clientOptions: webApi.WebClientOptions,
  isReady: () => boolean,
): Transport {
  if (config.appToken) {
    return {
      mode: 'socket',
      receiver: new SocketModeReceiver({
        appToken: config.appToken,
        logger,
        // The Socket Mode client opens its connection through the Web API (apps.connections.open),
        // so it needs the same base URL, timeout and retry policy as the bot's client.
        installerOptions: { clientOptions },
      }),
    };
  }
  if (!config.signingSecret) throw new Error('HTTP mode needs SLACK_SIGNING_SECRET (config checks this)');
  return {
    mode: 'http',
    receiver: new HTTPReceiver({
      signingSecret: config.signingSecret,
      endpoints: EVENTS_PATH,
      port: config.port,
      customRoutes: [
        {
          path: HEALTH_PATH,
          method: ['GET'],
          handler: (_req: unknown, res: ServerResponse) => writeHealth(res, isReady()),
        },
      ],
      logger,
      processBeforeResponse: false,
      // Slack's payloads are a few kB; no reason to buffer Bolt's default 4 MB per request.
      bodyLimit: 512 * 1024,
    }),
  };
}
