import type { DigestService } from '../digest/types.js';
import type { Logger } from '../logger.js';
import type { BriefService } from '../service.js';
import type { Deliverer, Deliverers, DeliverySession } from './deliverer.js';
import { runDigestJob } from './digest-job.js';
import { failureNotice } from './failure.js';
import { deadline } from './deadline.js';
import type { BriefJob, DeliveryTarget, Job, JobOutcome } from './types.js';

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
}

export interface JobRunner {
  /** Runs one job to its end; never rejects (a failure is told to the requester and logged). */
  run(job: Job, meta: { id: string }): Promise<JobOutcome>;
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

  const runBrief = async (job: BriefJob, log: Logger, session: DeliverySession): Promise<JobOutcome> => {
    const signal = deadline(deps.briefTimeoutMs ?? BRIEF_JOB_TIMEOUT_MS, job.expiresAt, now, shutdown);
    for (const input of job.inputs) {
      const started = now();
      let brief;
      try {
        brief = await deps.service.brief(input, { signal, caller: job.caller });
      } catch (err) {
        const notice = failureNotice(err, { signal, shutdown, log, what: 'brief failed' });
        if (!(await session.notice(notice))) return { status: 'unreachable' };
        continue;
      }
      try {
        const delivery = await session.brief(brief, {
          requestedUrl: input.kind === 'url' ? input.url : null,
        });
        if (delivery.status === 'unreachable') return { status: 'unreachable' };
        log.info('brief delivered', { via: delivery.via, kind: input.kind, ms: now() - started });
      } catch (err) {
        // The platform refused what we sent (a bug of ours, or an outage): say so, then go on.
        const notice = failureNotice(err, { signal, shutdown, log, what: 'brief delivery failed' });
        if (!(await session.notice(notice))) return { status: 'unreachable' };
      }
    }
    return { status: 'done' };
  };

  return {
    async run(job, meta) {
      const { target } = job;
      const log = deps.logger.child({ job: meta.id, platform: target.platform });
      try {
        const deliverer = delivererFor(target);
        const session = deliverer.open(target);
        if (job.kind === 'brief') return await runBrief(job, log.child({ caller: job.caller }), session);
        return await runDigestJob(job, {
          digest: deps.digest,
          deliverer,
          session,
          log,
          now,
          shutdown,
        });
      } catch (err) {
        // Sessions never throw from notice(); reaching this is a bug, and the net keeps the worker alive.
        log.error('job crashed', { err, kind: job.kind });
        return { status: 'done' };
      }
    },
  };
}
