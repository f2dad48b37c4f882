import { noopMetrics, type Metrics } from './metrics/metrics.js';

/**
 * A bounded work queue: adapters acknowledge at once and push the slow work here, so a burst of
 * requests neither delays acknowledgements nor holds unbounded articles in memory.
 */
export interface WorkQueue {
  /**
   * Queues a task; false when the queue is full (the caller tells the user to retry later).
   * `group` names whose work it is (a workspace): with `maxPerGroup`, one group's burst can hold
   * neither all the running slots nor all the waiting room.
   */
  push(task: () => Promise<void>, group?: string, options?: { force?: boolean }): boolean;
  /** Resolves when nothing is running or waiting (for graceful shutdown and tests). */
  onIdle(): Promise<void>;
  readonly running: number;
  readonly pending: number;
  /** Tasks finished (resolved or thrown) since the queue was made: shutdown counts from it. */
  readonly completed: number;
}

export interface WorkQueueOptions {
  concurrency: number;
  maxPending: number;
  /** Called with whatever a task throws; tasks should handle their own errors, this is the net. */
  onError: (err: unknown) => void;
  /** The `queue` label of its metrics (depth, rejections): "slack-brief", "discord-digest" ... */
  name?: string;
  metrics?: Metrics;
  /**
   * Fairness between groups (workspaces): at most this many of one group's tasks run at once, and
   * at most `maxPendingPerGroup` wait, so other groups keep slots and room while one bursts. The
   * cap holds even when nobody else is waiting: a slot taken by one group cannot be taken back
   * when another's request arrives a moment later. Unset: no groups (one workspace).
   * `force` queues past the waiting limits: work that was accepted before (a job put off for a
   * rate limit) is never refused on its way back.
   */
  maxPerGroup?: number;
  maxPendingPerGroup?: number;
}

export function createWorkQueue(options: WorkQueueOptions): WorkQueue {
  const { concurrency, maxPending, onError } = options;
  const name = options.name ?? 'unnamed';
  const metrics = options.metrics ?? noopMetrics;
  const waiting: Array<{ task: () => Promise<void>; group: string | undefined }> = [];
  const runningIn = new Map<string, number>();
  const waitingIn = new Map<string, number>();
  const bump = (map: Map<string, number>, group: string | undefined, by: number) => {
    if (group === undefined) return;
    const n = (map.get(group) ?? 0) + by;
    if (n > 0) map.set(group, n);
    else map.delete(group);
  };
  const maxPerGroup = options.maxPerGroup ?? Infinity;
  const maxPendingPerGroup = options.maxPendingPerGroup ?? Infinity;
  let running = 0;
  let completed = 0;
  let idleWaiters: Array<() => void> = [];

  const settleIdle = () => {
    if (running === 0 && waiting.length === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  };

  /** The oldest waiting task whose group has a slot left. */
  const nextIndex = () =>
    waiting.findIndex((w) => w.group === undefined || (runningIn.get(w.group) ?? 0) < maxPerGroup);

  const runNext = () => {
    while (running < concurrency && waiting.length > 0) {
      const index = nextIndex();
      if (index < 0) return;
      const [{ task, group }] = waiting.splice(index, 1) as [(typeof waiting)[number]];
      bump(waitingIn, group, -1);
      bump(runningIn, group, 1);
      running++;
      // A task that throws synchronously must not kill the loop either.
      Promise.resolve()
        .then(task)
        .catch(onError)
        .finally(() => {
          running--;
          bump(runningIn, group, -1);
          completed++;
          runNext();
          settleIdle();
        });
    }
  };

  const queue: WorkQueue = {
    push(task, group, { force = false } = {}) {
      const full =
        waiting.length >= maxPending ||
        (group !== undefined && (waitingIn.get(group) ?? 0) >= maxPendingPerGroup);
      if (full && !force) {
        metrics.queueRejected(name);
        return false;
      }
      waiting.push({ task, group });
      bump(waitingIn, group, 1);
      runNext();
      return true;
    },
    onIdle() {
      if (running === 0 && waiting.length === 0) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
    get running() {
      return running;
    },
    get pending() {
      return waiting.length;
    },
    get completed() {
      return completed;
    },
  };
  metrics.watchQueue(name, () => ({ waiting: waiting.length, running }));
  return queue;
}
