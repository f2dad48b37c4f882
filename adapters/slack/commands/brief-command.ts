import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { inputsFromMessage } from '../../../src/message-input.js';
import { callerOf, jobIds } from '../../../src/jobs/types.js';
import type { SlackDeps } from '../deps.js';
import { BUSY_TEXT, usageText, WORKING_TEXT } from '../render/notices.js';
import { decodeSlackText } from '../slack-text.js';
import { slackTarget } from '../target.js';
import { parseCommandText } from './parse.js';
import { BUILT_IN_USAGE, subcommands, type Subcommand } from './subcommands.js';

export const BRIEF_COMMAND = '/brief';

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

export function briefCommandHandler(deps: SlackDeps, extra: readonly Subcommand[] = subcommands) {
  const byName = new Map(extra.map((s) => [s.name, s]));
  const usage = usageText(BRIEF_COMMAND, [...BUILT_IN_USAGE, ...extra]);

  return async ({ command, ack }: CommandArgs): Promise<void> => {
    const parsed = parseCommandText(decodeSlackText(command.text ?? ''), [...byName.keys()]);
    const inputs = parsed.kind === 'brief' ? inputsFromMessage(parsed.text) : [];
    if (parsed.kind === 'subcommand') {
      await byName.get(parsed.name)!.run({ args: parsed.args, command, ack, deps });
      return;
    }
    if (parsed.kind === 'invalid') {
      await ack({ response_type: 'ephemeral', text: parsed.message });
      return;
    }
    if (inputs.length === 0) {
      await ack({ response_type: 'ephemeral', text: usage });
      return;
    }

    // Queue first, then ack: the ack itself can say "busy" instead of spending a response_url
    // call on it. Queueing is quick (a memory push, or one Redis round trip).
    const target = slackTarget({
      teamId: command.team_id,
      enterpriseId: command.enterprise_id,
      channel: command.channel_id,
      user: command.user_id,
      responseUrl: command.response_url,
      receivedAt: deps.now(),
    });
    const length = parsed.kind === 'brief' ? parsed.length : undefined;
    const result = await deps.jobs.enqueue(
      { kind: 'brief', inputs, caller: callerOf(target), target, ...(length ? { length } : {}) },
      { id: jobIds.slackCommand(command.trigger_id) },
    );
    await ack({ response_type: 'ephemeral', text: result === 'busy' ? BUSY_TEXT : WORKING_TEXT });
    if (result === 'busy')
      deps.logger.warn('slack queue full; /brief refused', { channel: command.channel_id });
  };
}
