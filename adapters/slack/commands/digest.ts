import type { ChannelRef, DigestService } from '../../../src/digest/types.js';
import { isBriefError } from '../../../src/errors.js';
import { parseDigestArgs } from '../digest/parse.js';
import { slackUserTimezone } from '../digest/user-timezone.js';
import { notifyUser } from '../notify.js';
import {
  DIGEST_ADD_WORKING_TEXT,
  DIGEST_BUSY_TEXT,
  DIGEST_DISABLED_TEXT,
  DIGEST_NOT_IN_CHANNEL_TEXT,
  DIGEST_NOW_WORKING_TEXT,
  listText,
  noFeedsText,
  nowResultText,
  removedText,
  subscribedText,
  usageProblemText,
} from '../render/digest-notices.js';
import { errorText } from '../render/notices.js';
import { cannotPostHere } from '../slack-errors.js';
import type { Subcommand, SubcommandContext } from './subcommands.js';

/** Fetching and validating one feed. */
const ADD_TIMEOUT_MS = 60_000;
/** A whole digest: every feed, then a brief per story; well inside the response_url's 30 minutes. */
const NOW_TIMEOUT_MS = 10 * 60_000;

/**
 * `/brief digest add|list|remove|now`. list and remove are quick store calls answered in the ack;
 * add (fetches the feed) and now (a whole digest) are acked at once and run on the digest queue.
 * Results and errors are private to the user; only the digest itself is posted in the channel.
 */
export const digestSubcommand: Subcommand = {
  name: 'digest',
  usage: 'digest add <feed-url> [HH:MM] [time zone] | list | remove <number> | now',
  description: 'a daily digest of news feeds in this channel',
  async run(ctx) {
    const { deps, command, ack } = ctx;
    const digest = deps.digest;
    if (!digest) return ack({ response_type: 'ephemeral', text: DIGEST_DISABLED_TEXT });
    const parsed = parseDigestArgs(ctx.args);
    const channel: ChannelRef = {
      platform: 'slack',
      workspaceId: command.team_id,
      channelId: command.channel_id,
    };
    const reply = (text: string) => ack({ response_type: 'ephemeral', text });

    switch (parsed.action) {
      case 'usage':
        return reply(usageProblemText(parsed.problem));
      case 'list':
        return reply(await quick(ctx, async () => listText(await digest.list(channel))));
      case 'remove':
        return reply(
          await quick(ctx, async () => removedText(await digest.remove(channel, parsed.id), parsed.id)),
        );
      case 'add':
        return queueThenAck(ctx, DIGEST_ADD_WORKING_TEXT, () =>
          addJob(ctx, digest, channel, parsed.feedUrl, parsed.time, parsed.timezone),
        );
      case 'now':
        if ((await digest.list(channel)).length === 0) return reply(noFeedsText());
        return queueThenAck(ctx, DIGEST_NOW_WORKING_TEXT, () => nowJob(ctx, digest, channel));
    }
  },
};

/** A store call answered within the ack; a failure still gets an answer. */
async function quick(ctx: SubcommandContext, run: () => Promise<string>): Promise<string> {
  try {
    return await run();
  } catch (err) {
    if (!isBriefError(err))
      ctx.deps.logger.error('digest command failed', { err, channel: ctx.command.channel_id });
    return errorText(err);
  }
}

/** Like /brief: queue first, then ack in the same tick, so the ack itself can say "busy". */
async function queueThenAck(
  ctx: SubcommandContext,
  working: string,
  job: () => Promise<void>,
): Promise<void> {
  const accepted = ctx.deps.digestQueue.push(job);
  await ctx.ack({ response_type: 'ephemeral', text: accepted ? working : DIGEST_BUSY_TEXT });
  if (!accepted)
    ctx.deps.logger.warn('slack digest queue full; refused', { channel: ctx.command.channel_id });
}

async function addJob(
  ctx: SubcommandContext,
  digest: DigestService,
  channel: ChannelRef,
  feedUrl: string,
  time: string | undefined,
  timezone: string | undefined,
): Promise<void> {
  const { deps, command, client } = ctx;
  try {
    // All of a channel's feeds share one digest: the adder's own zone only sets a new channel's
    // schedule; later feeds join the one the channel has (unless a zone is given).
    const zone =
      timezone ??
      ((await digest.list(channel)).length === 0
        ? ((await slackUserTimezone(client, command.user_id, deps.logger)) ?? undefined)
        : undefined);
    const result = await digest.subscribe(
      {
        channel,
        feedUrl,
        addedBy: command.user_id,
        ...(time ? { time } : {}),
        ...(zone ? { timezone: zone } : {}),
      },
      AbortSignal.any([AbortSignal.timeout(ADD_TIMEOUT_MS), deps.shutdown]),
    );
    deps.logger.info('slack digest subscribed', { channel: channel.channelId, id: result.subscription.id });
    await tell(ctx, subscribedText(result));
  } catch (err) {
    await tell(ctx, failureText(ctx, err, 'digest add failed'));
  }
}

async function nowJob(ctx: SubcommandContext, digest: DigestService, channel: ChannelRef): Promise<void> {
  const { deps } = ctx;
  try {
    const result = await digest.runNow(
      channel,
      deps.digestPublisher,
      AbortSignal.any([AbortSignal.timeout(NOW_TIMEOUT_MS), deps.shutdown]),
    );
    deps.logger.info('slack digest now', { channel: channel.channelId, status: result.status });
    const text = nowResultText(result);
    if (text) await tell(ctx, text);
  } catch (err) {
    if (hasCause(err, cannotPostHere)) {
      deps.logger.info('slack digest now: not in the channel', { channel: channel.channelId });
      return tell(ctx, DIGEST_NOT_IN_CHANNEL_TEXT);
    }
    await tell(ctx, failureText(ctx, err, 'digest now failed'));
  }
}

function failureText(ctx: SubcommandContext, err: unknown, what: string): string {
  if (isBriefError(err)) ctx.deps.logger.info(what, { code: err.code, channel: ctx.command.channel_id });
  else ctx.deps.logger.error(what, { err, channel: ctx.command.channel_id });
  return errorText(err);
}

function tell(ctx: SubcommandContext, text: string): Promise<void> {
  const { client, command, responseUrl, deps } = ctx;
  return notifyUser(
    client,
    { channel: command.channel_id, user: command.user_id, responseUrl },
    text,
    deps.logger,
  );
}

/** The digest service may wrap what the publisher threw; look through the causes. */
function hasCause(err: unknown, test: (e: unknown) => boolean): boolean {
  for (let e: unknown = err, depth = 0; e !== undefined && e !== null && depth < 5; depth++) {
    if (test(e)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
