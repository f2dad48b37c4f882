import type { AnyMiddlewareArgs, Middleware, RespondFn, webApi } from '@slack/bolt';
import type { Logger } from '../../src/logger.js';
import { notifyUser } from './notify.js';
import { RESTARTING_TEXT } from '../../src/render/notices.js';

interface Drain {
  draining(): boolean;
  /** Called once per request answered with "restarting" (the shutdown log counts them). */
  refused(kind: 'slash_command' | 'shortcut' | 'mention'): void;
}

/**
 * Global middleware, first in the chain: while the process drains on SIGTERM, new commands,
 * shortcuts and mentions are answered "Brief is restarting" at once instead of being queued and
 * then cut off, or dropped without a word. Link-button acks and the rest pass as usual.
 */
export function refuseWhileDraining(drain: Drain, logger: Logger): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    if (!drain.draining()) return args.next();
    const body = args.body as Record<string, unknown>;
    const { ack, respond } = args as { ack?: (r?: unknown) => Promise<void>; respond?: RespondFn };
    const client: webApi.WebClient = args.client;

    if (typeof body['command'] === 'string' && ack) {
      drain.refused('slash_command');
      await ack({ response_type: 'ephemeral', text: RESTARTING_TEXT });
      return;
    }
    if ((body['type'] === 'message_action' || body['type'] === 'shortcut') && ack) {
      drain.refused('shortcut');
      await ack();
      try {
        await respond?.({ response_type: 'ephemeral', text: RESTARTING_TEXT });
      } catch (err) {
        logger.warn('could not say "restarting" to a shortcut', { err });
      }
      return;
    }
    const event = body['event'] as
      { type?: string; user?: string; bot_id?: string; channel?: string } | undefined;
    if (body['type'] === 'event_callback' && event?.type === 'app_mention') {
      const { user, channel } = event;
      if (!user || event.bot_id || !channel) return;
      drain.refused('mention');
      const ts = (event as { thread_ts?: string; ts?: string }).thread_ts ?? (event as { ts?: string }).ts;
      await notifyUser(
        client,
        { channel, user, responseUrl: null, ...(ts ? { threadTs: ts } : {}) },
        RESTARTING_TEXT,
        logger,
      );
      return;
    }
    await args.next();
  };
}
