import type { DigestService } from '../digest/types.js';
import type { Logger } from '../logger.js';
import type { BriefService } from '../service.js';
import { isBriefError } from '../errors.js';
import type { BriefOptionsFor, WorkspaceBriefOptions } from '../workspace-settings.js';
import type { Deliverer, Deliverers, Notice } from './deliverer.js';
import { runDigestJob } from './digest-job.js';
import { failureNotice, RetryLater } from './failure.js';
import { deadline } from './deadline.js';
import { channelOf, type BriefJob, type DeliveryTarget, type Job, type JobOutcome } from './types.js';

/** Ingest + engine + posting for all of a brief job's inputs; well inside a response_url's 30 minutes. */
export const BRIEF_JOB_TIMEOUT_MS = 90_000;

export interface JobRunnerDeps {
  service: BriefService;
  /** Feed subscriptions and digests; null when the operator did not enable them. */
  digest: DigestService | null;
  /** One per platform this process delivers to. */
  deliverers: Deliverers;
  logger: Logger;
  now?: () => number;
  /** Aborted when the process stops: running work ends, and the requester hears "restarting". */
  shutdown?: AbortSignal;
  /** Deadline for one brief job (all its inputs); default 90 s. */
  briefTimeoutMs?: number;
  /** The defaults of the target's workspace (engine, language, length); none without it. */
  briefOptionsFor?: BriefOptionsFor;
}

export interface JobMeta {
  id: string;
  /**
   * false when the queue will run the job again if it throws RetryLater (attempts are left);
   * default true: the in-process queue never retries, so every failure is answered now.
   */
  finalAttempt?: boolean;
  /**
   * true when the queue can run the job again later without counting an attempt: the runner then
   * rejects with RetryLater carrying `delayMs` when the target's workspace is rate limited (a 429),
   * so the job waits outside its slot. The in-process queue and BullMQ (moveToDelayed) both can.
   */
  canDefer?: boolean;
}

export interface JobRunner {
  /**
   * Runs one job to its end: resolves once the requester was answered (or cannot be reached).
   * Rejects only with RetryLater: when `meta.finalAttempt` is false, or with `delayMs` when
   * `meta.canDefer` is true.
   */
  run(job: Job, meta: JobMeta): Promise<JobOutcome>;
}

/**
 * The work after an ack, the same for every platform: brief each input (usage recorded under the
 * job's caller) and hand each brief to the platform's deliverer; or run a digest command. Every
 * failure becomes a private notice in the shared wording, so a job never ends silently.
 */
export function createJobRunner(deps: JobRunnerDeps): JobRunner {
  const shutdown = deps.shutdown ?? new AbortController().signal;
  const now = deps.now ?? Date.now;

  const delivererFor = (target: DeliveryTarget): Deliverer => {
    const deliverer: Deliverer | undefined = deps.deliverers[target.platform];
    // Jobs come from adapters of this deployment: a missing deliverer is a wiring bug.
    if (!deliverer) throw new Error(`no deliverer for ${target.platform}`);
    return deliverer;
  };

  const runBrief = async (
    job: BriefJob,
    log: Logger,
    deliverer: Deliverer,
    finalAttempt: boolean,
  ): Promise<JobOutcome> => {
    const session = deliverer.open(job.target);
    const defaults: WorkspaceBriefOptions = (await deps.briefOptionsFor?.(channelOf(job.target))) ?? {};
    const signal = deadline(deps.briefTimeoutMs ?? BRIEF_JOB_TIMEOUT_MS, job.expiresAt, now, shutdown);
    // Until something reached the requester, a passing failure may hand the whole job back.
    let sent = false;
    const retryable = (err: unknown, transient: boolean) =>
      !finalAttempt && !sent && !isBriefError(err) && transient;
    const tell = async (notice: Notice) => {
      const reachable = await session.notice(notice);
      sent = true;
      return reachable;
    };
    for (const input of job.inputs) {
      const started = now();
      let brief;
      try {
        // A section front or a bot check is answered with a notice, not posted as a junk brief.
        // The job's own length (a command's --length) wins over the workspace's default.
        brief = await deps.service.brief(input, {
          ...defaults,
          signal,
          caller: job.caller,
          articlesOnly: true,
          ...(job.length ? { length: job.length } : {}),
        });
      } catch (err) {
        if (retryable(err, shutdown.aborted)) throw new RetryLater('stopping', { cause: err });
        const notice = failureNotice(err, { signal, shutdown, log, what: 'brief failed' });
        if (!(await tell(notice))) return { status: 'unreachable' };
        continue;
      }
      try {
        const delivery = await session.brief(brief, {
          requestedUrl: input.kind === 'url' ? input.url : null,
        });
        if (delivery.status === 'unreachable') return { status: 'unreachable' };
        sent = true;
        log.info('brief delivered', { via: delivery.via, kind: input.kind, ms: now() - started });
      } catch (err) {
        if (retryable(err, deliverer.transient(err))) {
          log.warn('brief delivery failed; the job will run again', { err });
          throw new RetryLater('platform unavailable', { cause: err });
        }
        // The platform refused what we sent (a bug of ours, or an outage): say so, then go on.
        const notice = failureNotice(err, { signal, shutdown, log, what: 'brief delivery failed' });
        if (!(await tell(notice))) return { status: 'unreachable' };
      }
    }
    return { status: 'done' };
  };

  return {
    async run(job, meta) {
      const { target } = job;
      const finalAttempt = meta.finalAttempt ?? true;
      const log = deps.logger.child({ job: meta.id, platform: target.platform });
      try {
        const deliverer = delivererFor(target);
        // The workspace uninstalled while the job waited: nothing to post, nobody to tell.
        if (deliverer.reachable && !(await deliverer.reachable(target))) {
          log.info('job dropped: the workspace has no installation any more', { kind: job.kind });
          return { status: 'unreachable' };
        }
        // The platform asked this workspace to wait (a 429): wait outside the slot, not in it.
        const wait = meta.canDefer ? (deliverer.deferMs?.(target) ?? 0) : 0;
        if (wait > 0) throw new RetryLater('the workspace is rate limited', { delayMs: wait });
        if (job.kind === 'brief')
          return await runBrief(job, log.child({ caller: job.caller }), deliverer, finalAttempt);
        return await runDigestJob(job, { digest: deps.digest, deliverer, log, now, shutdown, finalAttempt });
      } catch (err) {
        if (err instanceof RetryLater) throw err;
        // Sessions never throw from notice(); reaching this is a bug, and the net keeps the worker alive.
        log.error('job crashed', { err, kind: job.kind });
        return { status: 'done' };
      }
    },
  };
}
