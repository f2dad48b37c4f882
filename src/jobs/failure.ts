import { BriefError, isBriefError, userMessageOf } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Notice } from './deliverer.js';

/** The job's own deadline passed (the service's fetch timeout is usually first). */
export const TOO_SLOW = new BriefError(
  'fetch_timeout',
  'Making this brief took too long. Try again in a minute, or paste the article text.',
).userMessage;

/**
 * Thrown by the runner instead of answering when the job stopped before anything reached the
 * requester, for a reason that may pass: this process is stopping, or the platform failed in a way
 * its deliverer calls transient (a network error, a 5xx). Only when the queue says another attempt
 * will follow (`finalAttempt: false`); a queue with retries runs the job again after a backoff.
 */
export class RetryLater extends Error {
  override readonly name = 'RetryLater';
  /**
   * Set when the platform said how long to wait (a 429's Retry-After): the queue runs the job again
   * after this many ms, without counting an attempt (JobMeta.canDefer), and frees its slot meanwhile.
   */
  readonly delayMs?: number;
  constructor(message: string, options?: { cause?: unknown; delayMs?: number }) {
    super(message, options);
    if (options?.delayMs !== undefined) this.delayMs = options.delayMs;
  }
}

/** Causes are followed this deep: enough for a service wrapping a publisher wrapping an SDK error. */
const MAX_CAUSES = 5;

/** `err` and the errors it was caused by (`cause`), outermost first. */
export function causeChain(err: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e: unknown = err; e !== undefined && e !== null && chain.length < MAX_CAUSES;) {
    chain.push(e);
    e = (e as { cause?: unknown }).cause;
  }
  return chain;
}

export function hasCause(err: unknown, test: (e: unknown) => boolean): boolean {
  return causeChain(err).some(test);
}

export interface FailureContext {
  /** The work's own signal: aborted when its deadline passed (or the process stops). */
  signal: AbortSignal;
  /** Aborted when the process stops. */
  shutdown: AbortSignal;
  log: Logger;
  /** Log message, e.g. "brief failed". */
  what: string;
}

/**
 * What the user hears about a failure, and the log line for it: a BriefError is the user's doing
 * (info, its message as is); a deadline or a shutdown that cut the work short says so; anything
 * else is a bug or an outage (error, with the cause chain) and the user gets the generic apology.
 */
export function failureNotice(err: unknown, ctx: FailureContext): Notice {
  if (isBriefError(err)) {
    ctx.log.info(ctx.what, { code: err.code });
    return { kind: 'error', message: err.userMessage };
  }
  if (ctx.shutdown.aborted) {
    ctx.log.info(ctx.what, { reason: 'shutdown' });
    return { kind: 'restarting' };
  }
  if (ctx.signal.aborted) {
    ctx.log.info(ctx.what, { reason: 'deadline' });
    return { kind: 'error', message: TOO_SLOW };
  }
  ctx.log.error(ctx.what, { err, causes: causeChain(err).slice(1) });
  return { kind: 'error', message: userMessageOf(err) };
}
