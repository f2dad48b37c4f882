import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { findLinks } from '../../../src/message-input.js';
import { runBriefJob } from '../brief-job.js';
import type { SlackDeps } from '../deps.js';
import { notifyUser } from '../notify.js';
import { BUSY_TEXT, MENTION_HINT_TEXT } from '../render/notices.js';
import { decodeSlackText } from '../slack-text.js';

type MentionArgs = SlackEventMiddlewareArgs<'app_mention'> & AllMiddlewareArgs;

/** "@Brief <link>": brief the link in the message's thread. Bolt acks events before listeners run. */
export function appMentionHandler(deps: SlackDeps) {
  return async ({ event, client, context }: MentionArgs): Promise<void> => {
    // Other bots and edits: no brief (bot-to-bot loops, duplicate briefs on every edit).
    if (event.bot_id || event.subtype || !event.user) return;
    const threadTs = event.thread_ts ?? event.ts;
    const notifyTarget = { channel: event.channel, user: event.user, threadTs, responseUrl: null };
    const text = decodeSlackText(event.text);
    if (findLinks(text).length === 0) {
      await notifyUser(client, notifyTarget, MENTION_HINT_TEXT, deps.logger);
      return;
    }
    const accepted = deps.queue.push(() =>
      runBriefJob(client, deps, {
        text,
        user: event.user!,
        target: { channel: event.channel, threadTs, responseUrl: null },
        emptyText: MENTION_HINT_TEXT,
        caller: `slack:${context.teamId ?? '?'}/${event.channel}`,
      }),
    );
    if (!accepted) await notifyUser(client, notifyTarget, BUSY_TEXT, deps.logger);
  };
}
