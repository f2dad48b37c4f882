import type { WorkQueue } from '../work-queue.js';
import { createSeenIds, DEDUPE_TTL_MS } from './seen-ids.js';
import type { Job } from './types.js';

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

/** Runs one job; resolves when the requester has been answered. Errors are a bug's, and are logged. */
export type RunJob = (job: Job, meta: { id: string }) => Promise<unknown>;

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
}

/**
 * The one-process queue: jobs run on the given work queues. Each job is copied through JSON on the
 * way in, exactly as a Redis queue would store it, so nothing that only works in one process (an
 * SDK object, a closure) can slip into a job unnoticed.
 */
export function createInProcessJobQueue(options: InProcessQueueOptions): JobQueue {
  const seen = createSeenIds(options.now ?? Date.now, options.dedupeTtlMs ?? DEDUPE_TTL_MS);
  return {
    async enqueue(job, { id }) {
      const copy = JSON.parse(JSON.stringify(job)) as Job;
      if (!seen.firstTime(id)) return 'duplicate';
      const task = async () => {
        await options.run(copy, { id });
      };
      if (options.lanes[job.kind].push(task)) return 'accepted';
      // Refused, so not a job: the same request may be accepted once there is room.
      seen.forget(id);
      return 'busy';
    },
    async onIdle() {
      await Promise.all(Object.values(options.lanes).map((lane) => lane.onIdle()));
    },
  };
}
