import type { WorkQueue } from './work-queue.js';

/**
 * Graceful shutdown, counted: what finished within the grace period, what was still running or
 * waiting when it ended (and was aborted), and how many new requests were answered "restarting".
 */
export interface DrainCounts {
  finished: number;
  aborted: number;
  rejected: number;
}

export const noDrainCounts = (): DrainCounts => ({ finished: 0, aborted: 0, rejected: 0 });

export function addDrainCounts(a: DrainCounts, b: Partial<DrainCounts>): DrainCounts {
  return {
    finished: a.finished + (b.finished ?? 0),
    aborted: a.aborted + (b.aborted ?? 0),
    rejected: a.rejected + (b.rejected ?? 0),
  };
}

/** Resolves when `promise` settles or `deadline` aborts, whichever is first; never rejects. */
export async function untilDeadline(promise: Promise<unknown>, deadline: AbortSignal): Promise<void> {
  if (deadline.aborted) return;
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<void>((resolve) => {
    onAbort = resolve;
    deadline.addEventListener('abort', onAbort, { once: true });
  });
  try {
    await Promise.race([
      promise.then(
        () => undefined,
        () => undefined,
      ),
      aborted,
    ]);
  } finally {
    if (onAbort) deadline.removeEventListener('abort', onAbort);
  }
}

/**
 * Lets the queues run until they are empty or the deadline passes. Tasks finished meanwhile
 * count as finished; those still running or waiting then are the caller's to abort.
 */
export async function drainQueues(
  queues: readonly WorkQueue[],
  deadline: AbortSignal,
): Promise<Pick<DrainCounts, 'finished' | 'aborted'>> {
  const completed = () => queues.reduce((n, q) => n + q.completed, 0);
  const before = completed();
  await untilDeadline(Promise.all(queues.map((q) => q.onIdle())), deadline);
  return {
    finished: completed() - before,
    aborted: queues.reduce((n, q) => n + q.running + q.pending, 0),
  };
}
