import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { findLinks, inputsFromMessage } from '../../../src/message-input.js';
import { callerOf, jobIds, type SlackTarget } from '../../../src/jobs/types.js';
import type { SlackDeps } from '../deps.js';
import { BUSY_TEXT, MENTION_HINT_TEXT } from '../render/notices.js';
import { decodeSlackText } from '../slack-text.js';

type MentionArgs = SlackEventMiddlewareArgs<'app_mention'> & AllMiddlewareArgs;

/** "@Brief <link>": brief the link in the message's thread. Bolt acks events before listeners run. */
export function appMentionHandler(deps: SlackDeps) {
  return async ({ event, body, context }: MentionArgs): Promise<void> => {
    // Other bots and edits: no brief (bot-to-bot loops, duplicate briefs on every edit).
    if (event.bot_id || event.subtype || !event.user) return;
    const target: SlackTarget = {
      platform: 'slack',
      teamId: context.teamId ?? '?',
      ...(context.enterpriseId ? { enterpriseId: context.enterpriseId } : {}),
      channel: event.channel,
      user: event.user,
      threadTs: event.thread_ts ?? event.ts,
      receivedAt: deps.now(),
    };
    const text = decodeSlackText(event.text);
    if (findLinks(text).length === 0) return deps.deliverer.tell(target, MENTION_HINT_TEXT);
    // The event id is what Slack repeats when it redelivers: the same id is the same job.
    const result = await deps.jobs.enqueue(
      { kind: 'brief', inputs: inputsFromMessage(text), caller: callerOf(target), target },
      { id: jobIds.slackEvent(body.event_id) },
    );
    if (result === 'busy') await deps.deliverer.tell(target, BUSY_TEXT);
  };
}
