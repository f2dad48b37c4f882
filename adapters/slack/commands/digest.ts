import { answerDigestQuickly, digestNowRefusal } from '../../../src/jobs/digest-job.js';
import { channelOf, jobIds, type DigestAction } from '../../../src/jobs/types.js';
import { parseDigestArgs } from '../digest/parse.js';
import {
  DIGEST_ADD_WORKING_TEXT,
  DIGEST_BUSY_TEXT,
  DIGEST_DISABLED_TEXT,
  DIGEST_NOW_WORKING_TEXT,
  usageProblemText,
} from '../render/digest-notices.js';
import { slackNoticeText } from '../render/notices.js';
import { slackTarget } from '../target.js';
import type { Subcommand, SubcommandContext } from './subcommands.js';

/**
 * `/brief digest add|list|remove|now`: the Slack syntax and acks of the digest commands in
 * src/jobs/digest-job.ts. list and remove are answered in the ack; add (fetches the feed) and now
 * (a whole digest) are acked at once and run as digest jobs, which answer through response_url.
 */
export const digestSubcommand: Subcommand = {
  name: 'digest',
  usage: 'digest add <feed-url> [HH:MM] [time zone] | list | remove <number> | now',
  description: 'a daily digest of news feeds in this channel',
  async run(ctx) {
    const { deps, ack } = ctx;
    const digest = deps.digest;
    if (!digest) return ack({ response_type: 'ephemeral', text: DIGEST_DISABLED_TEXT });
    const parsed = parseDigestArgs(ctx.args);
    const channel = channelOf(targetOf(ctx));
    const reply = (text: string) => ack({ response_type: 'ephemeral', text });

    switch (parsed.action) {
      case 'usage':
        return reply(usageProblemText(parsed.problem));
      case 'list':
      case 'remove':
        return reply(slackNoticeText(await answerDigestQuickly(digest, channel, parsed, deps.logger))!);
      case 'add': {
        const { feedUrl, time, timezone } = parsed;
        const add: DigestAction = {
          action: 'add',
          feedUrl,
          ...(time ? { time } : {}),
          ...(timezone ? { timezone } : {}),
        };
        return queueThenAck(ctx, DIGEST_ADD_WORKING_TEXT, add);
      }
      case 'now': {
        const refusal = await digestNowRefusal(digest, channel);
        if (refusal) return reply(slackNoticeText(refusal)!);
        return queueThenAck(ctx, DIGEST_NOW_WORKING_TEXT, { action: 'now' });
      }
    }
  },
};

function targetOf({ command, deps }: SubcommandContext) {
  return slackTarget({
    teamId: command.team_id,
    enterpriseId: command.enterprise_id,
    channel: command.channel_id,
    user: command.user_id,
    responseUrl: command.response_url,
    receivedAt: deps.now(),
  });
}

/** Like /brief: queue first, then ack, so the ack itself can say "busy". */
async function queueThenAck(ctx: SubcommandContext, working: string, command: DigestAction): Promise<void> {
  const result = await ctx.deps.jobs.enqueue(
    { kind: 'digest', command, target: targetOf(ctx) },
    { id: jobIds.slackCommand(ctx.command.trigger_id) },
  );
  await ctx.ack({ response_type: 'ephemeral', text: result === 'busy' ? DIGEST_BUSY_TEXT : working });
  if (result === 'busy')
    ctx.deps.logger.warn('slack digest queue full; refused', { channel: ctx.command.channel_id });
}
