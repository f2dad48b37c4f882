import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { runBriefJob } from '../brief-job.js';
import type { SlackDeps } from '../deps.js';
import { BUSY_TEXT, usageText, WORKING_TEXT } from '../render/notices.js';
import { createResponseUrl } from '../response-url.js';
import { decodeSlackText } from '../slack-text.js';
import { parseCommandText } from './parse.js';
import { BUILT_IN_USAGE, subcommands, type Subcommand } from './subcommands.js';

export const BRIEF_COMMAND = '/brief';

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

export function briefCommandHandler(deps: SlackDeps, extra: readonly Subcommand[] = subcommands) {
  const byName = new Map(extra.map((s) => [s.name, s]));
  const usage = usageText(BRIEF_COMMAND, [...BUILT_IN_USAGE, ...extra]);

  return async ({ command, ack, client }: CommandArgs): Promise<void> => {
    const parsed = parseCommandText(decodeSlackText(command.text ?? ''), [...byName.keys()]);
    const responseUrl = createResponseUrl(command.response_url, {
      receivedAt: deps.now(),
      now: deps.now,
      fetch: deps.fetch,
      timeoutMs: deps.httpTimeoutMs,
      logger: deps.logger,
    });

    if (parsed.kind === 'help') {
      await ack({ response_type: 'ephemeral', text: usage });
      return;
    }
    if (parsed.kind === 'subcommand') {
      await byName.get(parsed.name)!.run({ args: parsed.args, command, ack, client, deps, responseUrl });
      return;
    }

    // Queue first, ack right after in the same tick: the queued task cannot start before this
    // handler yields, and pushing first lets the ack itself say "busy" instead of spending a
    // response_url call on it.
    const accepted = deps.queue.push(() =>
      runBriefJob(client, deps, {
        text: parsed.text,
        user: command.user_id,
        target: { channel: command.channel_id, responseUrl },
        emptyText: usage,
        caller: `slack:${command.team_id}/${command.channel_id}`,
      }),
    );
    await ack({ response_type: 'ephemeral', text: accepted ? WORKING_TEXT : BUSY_TEXT });
    if (!accepted) deps.logger.warn('slack queue full; /brief refused', { channel: command.channel_id });
  };
}
