import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { runBriefJob } from '../brief-job.js';
import type { SlackDeps } from '../deps.js';
import { notifyUser } from '../notify.js';
import { BUSY_TEXT } from '../render/notices.js';
import { createResponseUrl } from '../response-url.js';
import { decodeSlackText } from '../slack-text.js';

/** callback_id of the "Brief this message" message shortcut (slack-manifest.yaml). */
export const BRIEF_MESSAGE_CALLBACK_ID = 'brief_message';

const EMPTY_MESSAGE_TEXT = 'That message has no link and no text I can brief.';

type ShortcutArgs = SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs;

/** Briefs the links (or else the text) of any message, in that message's thread. */
export function briefMessageShortcutHandler(deps: SlackDeps) {
  return async ({ shortcut, ack, client }: ShortcutArgs): Promise<void> => {
    await ack();
    const responseUrl = createResponseUrl(shortcut.response_url, {
      receivedAt: deps.now(),
      now: deps.now,
      fetch: deps.fetch,
      timeoutMs: deps.httpTimeoutMs,
      logger: deps.logger,
    });
    const message = shortcut.message;
    const threadTs = (message.thread_ts as string | undefined) ?? message.ts;
    const accepted = deps.queue.push(() =>
      runBriefJob(client, deps, {
        text: decodeSlackText(message.text ?? ''),
        user: shortcut.user.id,
        target: { channel: shortcut.channel.id, threadTs, responseUrl },
        emptyText: EMPTY_MESSAGE_TEXT,
        caller: `slack:${shortcut.team?.id ?? '?'}/${shortcut.channel.id}`,
      }),
    );
    if (!accepted) {
      await notifyUser(
        client,
        { channel: shortcut.channel.id, user: shortcut.user.id, threadTs, responseUrl },
        BUSY_TEXT,
        deps.logger,
      );
    }
  };
}
