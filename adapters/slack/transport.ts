import type { IncomingMessage } from 'node:http';
import {
  ErrorCode,
  HTTPReceiver,
  SocketModeReceiver,
  type Logger as BoltLogger,
  type webApi,
} from '@slack/bolt';
import type { SlackConfig } from '../../src/config.js';
import type { RequestHandler } from '../../src/http/server.js';
import { RECEIVED_AT } from './ack-timing.js';

/** Where Slack sends slash commands, events and interactivity in HTTP mode (slack-manifest.yaml). */
export const EVENTS_PATH = '/slack/events';
export { HEALTH_PATH, READY_PATH, METRICS_PATH } from '../../src/http/server.js';

export type Transport =
  | {
      mode: 'http';
      receiver: HTTPReceiver;
      /** Mounted on the process's HTTP server (src/http/server.ts): Bolt does not listen itself. */
      handler: RequestHandler;
    }
  | { mode: 'socket'; receiver: SocketModeReceiver };

/**
 * Transport only: how requests reach the app. HTTP mode verifies signatures (Bolt, on the raw
 * body) and acks before listeners finish (processBeforeResponse: false: nothing slow runs before
 * the 3 s deadline anyway); its routes are served by the one HTTP server of the process, next to
 * /healthz, /readyz and /metrics. Socket Mode is used when an app-level token is configured.
 */
export function createTransport(
  config: SlackConfig,
  logger: BoltLogger,
  clientOptions: webApi.WebClientOptions,
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
  // When each request arrived, for the ack latency (ack-timing.ts); Bolt buffers the same object.
  const arrivals = new WeakMap<IncomingMessage, number>();
  const receiver = new HTTPReceiver({
    signingSecret: config.signingSecret,
    endpoints: EVENTS_PATH,
    logger,
    processBeforeResponse: false,
    // Slack's payloads are a few kB; no reason to buffer Bolt's default 4 MB per request.
    bodyLimit: 512 * 1024,
    customPropertiesExtractor: (req) => {
      const at = arrivals.get(req);
      return at === undefined ? {} : { [RECEIVED_AT]: at };
    },
  });
  return {
    mode: 'http',
    receiver,
    handler: (req, res) => {
      arrivals.set(req, performance.now());
      try {
        // Bolt's public listener: POST /slack/events now, /slack/install and the OAuth redirect
        // when an installer is configured. Anything else it throws back to us, unanswered.
        receiver.requestListener(req, res);
        return true;
      } catch (err) {
        if ((err as { code?: unknown }).code === ErrorCode.HTTPReceiverDeferredRequestError) return false;
        throw err;
      }
    },
  };
}
