import { noopMetrics, type Metrics } from './metrics/metrics.js';

/**
 * A bounded work queue: adapters acknowledge at once and push the slow work here, so a burst of
 * requests neither delays acknowledgements nor holds unbounded articles in memory.
 */
export interface WorkQueue {
  /** Queues a task; false when the queue is full (the caller tells the user to retry later). */
  push(task: () => Promise<void>): boolean;
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
}

export function createWorkQueue(options: WorkQueueOptions): WorkQueue {
  const { concurrency, maxPending, onError } = options;
  const name = options.name ?? 'unnamed';
  const metrics = options.metrics ?? noopMetrics;
  const waiting: Array<() => Promise<void>> = [];
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

  const runNext = () => {
    while (running < concurrency && waiting.length > 0) {
      const task = waiting.shift()!;
      running++;
      // A task that throws synchronously must not kill the loop either.
      Promise.resolve()
        .then(task)
        .catch(onError)
        .finally(() => {
          running--;
          completed++;
          runNext();
          settleIdle();
        });
    }
  };

  const queue: WorkQueue = {
    push(task) {
      if (waiting.length >= maxPending) {
        metrics.queueRejected(name);
        return false;
      }
      waiting.push(task);
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
