import type { ChannelRef, DigestService } from '../digest/types.js';
import type { Logger } from '../logger.js';
import { isBriefError } from '../errors.js';
import type { Deliverer, Notice } from './deliverer.js';
import { failureNotice, hasCause, RetryLater } from './failure.js';
import { deadline } from './deadline.js';
import { channelOf, type DigestJob, type JobOutcome } from './types.js';

/**
 * The digest commands, once for every platform. list and remove are store calls answered within
 * the ack (answerDigestQuickly); add (fetches the feed) and now (a whole digest) are acknowledged
 * at once and run as digest jobs. Every answer is private; only the digest itself is public.
 */

/** Fetching and validating one feed. */
export const DIGEST_ADD_TIMEOUT_MS = 60_000;
/** A whole digest: every feed, then a brief per story; well inside a response_url's 30 minutes. */
export const DIGEST_NOW_TIMEOUT_MS = 10 * 60_000;

export const DIGESTS_DISABLED = 'Digests are not enabled on this Brief server.';

export type QuickDigestCommand = { action: 'list' } | { action: 'remove'; id: number };

/** The answer to list or remove; a failure still gets one. */
export async function answerDigestQuickly(
  digest: DigestService,
  channel: ChannelRef,
  command: QuickDigestCommand,
  log: Logger,
): Promise<Notice> {
  try {
    if (command.action === 'list') return { kind: 'digest_list', subscriptions: await digest.list(channel) };
    return { kind: 'digest_removed', removed: await digest.remove(channel, command.id), id: command.id };
  } catch (err) {
    const never = new AbortController().signal;
    return failureNotice(err, {
      signal: never,
      shutdown: never,
      log,
      what: `digest ${command.action} failed`,
    });
  }
}

/** What `now` answers at once when there is nothing it could do; null when it should be queued. */
export async function digestNowRefusal(digest: DigestService, channel: ChannelRef): Promise<Notice | null> {
  return (await digest.list(channel)).length === 0 ? { kind: 'digest_no_feeds' } : null;
}

export interface DigestJobContext {
  digest: DigestService | null;
  deliverer: Deliverer;
  log: Logger;
  now: () => number;
  shutdown: AbortSignal;
  /** false: a stop cut short by shutdown is handed back to the queue (RetryLater) instead of answered. */
  finalAttempt: boolean;
}

export async function runDigestJob(job: DigestJob, ctx: DigestJobContext): Promise<JobOutcome> {
  const { command, target } = job;
  const log = ctx.log.child({ command: `digest ${command.action}` });
  // The receiving side checks this first; a worker without digests is a deployment mistake.
  if (!ctx.digest) log.warn('digest job without a digest service', { channel: channelOf(target).channelId });
  const notice = ctx.digest
    ? await digestAnswer(job, ctx.digest, ctx, log)
    : ({ kind: 'error', message: DIGESTS_DISABLED } satisfies Notice);
  return (await ctx.deliverer.open(target).notice(notice)) ? { status: 'done' } : { status: 'unreachable' };
}

async function digestAnswer(
  job: DigestJob,
  digest: DigestService,
  ctx: DigestJobContext,
  log: Logger,
): Promise<Notice> {
  const { command, target } = job;
  const channel = channelOf(target);
  const limit = command.action === 'add' ? DIGEST_ADD_TIMEOUT_MS : DIGEST_NOW_TIMEOUT_MS;
  const signal = deadline(limit, job.expiresAt, ctx.now, ctx.shutdown);
  try {
    if (command.action === 'add') {
      // All of a channel's feeds share one digest: the adder's own zone only sets a new channel's
      // schedule; later feeds join the one the channel has (unless a zone is given).
      const zone =
        command.timezone ??
        ((await digest.list(channel)).length === 0 ? await ctx.deliverer.userTimezone?.(target) : undefined);
      const result = await digest.subscribe(
        {
          channel,
          feedUrl: command.feedUrl,
          addedBy: target.user,
          ...(command.time ? { time: command.time } : {}),
          ...(zone ? { timezone: zone } : {}),
        },
        signal,
      );
      log.info('digest subscribed', { channel: channel.channelId, id: result.subscription.id });
      return { kind: 'digest_subscribed', result };
    }
    const result = await digest.runNow(channel, ctx.deliverer.publisher, signal);
    log.info('digest now', { channel: channel.channelId, status: result.status });
    return result.status === 'posted'
      ? { kind: 'digest_posted', stories: result.stories, failedFeeds: result.failedFeeds }
      : { kind: 'digest_nothing_new', failedFeeds: result.failedFeeds };
  } catch (err) {
    // The digest service wraps what the publisher threw: look through the causes.
    if (command.action === 'now' && hasCause(err, (e) => ctx.deliverer.cannotPost(e))) {
      log.info('digest now: cannot post in the channel', { channel: channel.channelId });
      return { kind: 'digest_cannot_post' };
    }
    // A digest not posted is rolled back by the service: another attempt starts clean.
    if (!ctx.finalAttempt && ctx.shutdown.aborted && !isBriefError(err))
      throw new RetryLater('stopping', { cause: err });
    return failureNotice(err, {
      signal,
      shutdown: ctx.shutdown,
      log,
      what: `digest ${command.action} failed`,
    });
  }
}
