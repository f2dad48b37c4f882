import type { WorkQueue } from '../work-queue.js';
import { RetryLater } from './failure.js';
import { createSeenIds, DEDUPE_TTL_MS } from './seen-ids.js';
import { channelOf, type Job } from './types.js';

/**
 * Where a receiving adapter puts the work after its ack. One interface for the in-process queue
 * (below, one process) and a Redis-backed queue (web and worker processes); adapters only see this.
 */
export type EnqueueResult =
  /** Queued: the job will run, and will answer the requester itself. */
  | 'accepted'
  /** Full: nothing was queued; the adapter tells the requester to try again later. */
  | 'busy'
  /** A job with this id was already accepted (a retried or repeated request): nothing more to do. */
  | 'duplicate';

export interface EnqueueOptions {
  /** What makes the work unique (jobIds in types.ts): the same id is one job. */
  id: string;
}

export interface JobQueue {
  enqueue(job: Job, options: EnqueueOptions): Promise<EnqueueResult>;
  /** Resolves when no accepted job is running or waiting here (graceful shutdown, tests). */
  onIdle(): Promise<void>;
}

/**
 * Runs one job; resolves when the requester has been answered. Rejects with RetryLater carrying
 * `delayMs` to be run again after that long (only when `canDefer`); other errors are a bug's.
 */
export type RunJob = (job: Job, meta: { id: string; canDefer?: boolean }) => Promise<unknown>;

/** The workspace a job works for: the fairness group of the work queues. */
export function workspaceOf(job: Job): string {
  const c = channelOf(job.target);
  return `${c.platform}:${c.workspaceId}`;
}

/** Times one job may be put off for a rate limit; after that it waits in its slot like before. */
export const MAX_DEFERRALS = 5;

export interface InProcessQueueOptions {
  /**
   * The bounded work queues jobs run on, by kind: digests (whole feeds, many articles) must not
   * hold the slots of single briefs.
   */
  lanes: Record<Job['kind'], WorkQueue>;
  run: RunJob;
  now?: () => number;
  /** How long an accepted id is remembered for duplicates; default 10 minutes. */
  dedupeTtlMs?: number;
  /** Push each job with its workspace as the lanes' fairness group (many workspaces). */
  groupByWorkspace?: boolean;
  /** Aborted when the process stops: jobs put off for a rate limit run at once (and say "restarting"). */
  shutdown?: AbortSignal;
  /** Timer seam for deferred jobs (tests). */
  setTimer?: (fn: () => void, ms: number) => { cancel(): void };
}

/**
 * The one-process queue: jobs run on the given work queues. Each job is copied through JSON on the
 * way in, exactly as a Redis queue would store it, so nothing that only works in one process (an
 * SDK object, a closure) can slip into a job unnoticed.
 */
export function createInProcessJobQueue(options: InProcessQueueOptions): JobQueue {
  const seen = createSeenIds(options.now ?? Date.now, options.dedupeTtlMs ?? DEDUPE_TTL_MS);
  const setTimer = options.setTimer ?? defaultTimer;
  const shutdown = options.shutdown;
  // Jobs put off for a rate limit: waiting on a timer, in no lane, but not idle either.
  let deferred = 0;
  let idleWaiters: Array<() => void> = [];
  const lanesIdle = () => Promise.all(Object.values(options.lanes).map((lane) => lane.onIdle()));

  const schedule = (job: Job, id: string, deferrals: number, force = false): boolean => {
    const group = options.groupByWorkspace ? workspaceOf(job) : undefined;
    const task = async () => {
      const canDefer = deferrals < MAX_DEFERRALS && !shutdown?.aborted;
      try {
        await options.run(job, { id, ...(canDefer ? { canDefer } : {}) });
      } catch (err) {
        if (!(err instanceof RetryLater) || err.delayMs === undefined || !canDefer) throw err;
        defer(job, id, deferrals + 1, err.delayMs);
      }
    };
    return options.lanes[job.kind].push(task, group, { force });
  };

  const defer = (job: Job, id: string, deferrals: number, delayMs: number) => {
    deferred++;
    let fired = false;
    let timer: { cancel(): void } | null = null;
    const fire = () => {
      if (fired) return;
      fired = true;
      timer?.cancel();
      shutdown?.removeEventListener('abort', fire);
      // Into its lane before it stops counting as deferred, so onIdle never sees a gap; its lane
      // may be full by now, but the job was accepted, so it goes in anyway.
      schedule(job, id, deferrals, true);
      deferred--;
      if (deferred === 0) settle();
    };
    timer = setTimer(fire, delayMs);
    shutdown?.addEventListener('abort', fire, { once: true });
    if (shutdown?.aborted) fire();
  };

  const settle = () => {
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  };

  return {
    async enqueue(job, { id }) {
      const copy = JSON.parse(JSON.stringify(job)) as Job;
      if (!seen.firstTime(id)) return 'duplicate';
      if (schedule(copy, id, 0)) return 'accepted';
      // Refused, so not a job: the same request may be accepted once there is room.
      seen.forget(id);
      return 'busy';
    },
    async onIdle() {
      // A deferred job goes back into a lane before `deferred` drops, and a running job defers
      // before its lane task ends: lanes idle with nothing deferred is idle.
      for (;;) {
        await lanesIdle();
        if (deferred === 0) return;
        await new Promise<void>((resolve) => idleWaiters.push(resolve));
      }
    },
  };
}

const defaultTimer = (fn: () => void, ms: number) => {
  const t = setTimeout(fn, ms);
  return { cancel: () => clearTimeout(t) };
};
