import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { inputsFromMessage } from '../../../src/message-input.js';
import { callerOf, jobIds } from '../../../src/jobs/types.js';
import type { SlackDeps } from '../deps.js';
import { BUSY_TEXT } from '../render/notices.js';
import { decodeSlackText } from '../slack-text.js';
import { slackTarget } from '../target.js';

/** callback_id of the "Brief this message" message shortcut (slack-manifest.yaml). */
export const BRIEF_MESSAGE_CALLBACK_ID = 'brief_message';

const EMPTY_MESSAGE_TEXT = 'That message has no link and no text I can brief.';

type ShortcutArgs = SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs;

/** Briefs the links (or else the text) of any message, in that message's thread. */
export function briefMessageShortcutHandler(deps: SlackDeps) {
  return async ({ shortcut, ack }: ShortcutArgs): Promise<void> => {
    await ack();
    const message = shortcut.message;
    const target = slackTarget({
      // An org-wide install sends no team: the user's own workspace is the one.
      teamId: shortcut.team?.id ?? shortcut.user.team_id ?? '?',
      enterpriseId: shortcut.enterprise?.id,
      channel: shortcut.channel.id,
      user: shortcut.user.id,
      threadTs: (message.thread_ts as string | undefined) ?? message.ts,
      responseUrl: shortcut.response_url,
      receivedAt: deps.now(),
    });
    const inputs = inputsFromMessage(decodeSlackText(message.text ?? ''));
    if (inputs.length === 0) return deps.deliverer.tell(target, EMPTY_MESSAGE_TEXT);
    const result = await deps.jobs.enqueue(
      { kind: 'brief', inputs, caller: callerOf(target), target },
      { id: jobIds.slackShortcut(shortcut.trigger_id) },
    );
    if (result === 'busy') await deps.deliverer.tell(target, BUSY_TEXT);
  };
}
