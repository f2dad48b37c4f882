/**
 * Shares one in-flight call between concurrent identical requests: the same article briefed in ten
 * channels at once is one model call. Each waiter keeps its own deadline: a waiter that gives up
 * leaves (and gets WaiterAborted); the shared call is aborted only when no waiter is left.
 */
export class WaiterAborted extends Error {
  override readonly name = 'WaiterAborted';
}

export interface Inflight<T> {
  run(key: string, start: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** True when a call for key is running that a new waiter would join. */
  has(key: string): boolean;
  /** Calls in flight now (for tests and metrics). */
  readonly size: number;
}

interface Entry<T> {
  promise: Promise<T>;
  controller: AbortController;
  waiters: number;
}

export function createInflight<T>(): Inflight<T> {
  const entries = new Map<string, Entry<T>>();

  return {
    get size() {
      return entries.size;
    },
    has(key) {
      const entry = entries.get(key);
      return entry !== undefined && !entry.controller.signal.aborted;
    },
    run(key, start, signal) {
      if (signal?.aborted) return Promise.reject(new WaiterAborted('the caller gave up before the call'));
      let entry = entries.get(key);
      // A call every waiter abandoned is still settling: do not join it, start afresh.
      if (!entry || entry.controller.signal.aborted) {
        const controller = new AbortController();
        const created: Entry<T> = { controller, waiters: 0, promise: Promise.resolve() as Promise<T> };
        created.promise = Promise.resolve()
          .then(() => start(controller.signal))
          .finally(() => {
            if (entries.get(key) === created) entries.delete(key);
          });
        entries.set(key, created);
        entry = created;
      }
      const shared = entry;
      shared.waiters++;
      if (!signal) return shared.promise;
      return new Promise<T>((resolve, reject) => {
        let left = false;
        const leave = () => {
          if (left) return;
          left = true;
          signal.removeEventListener('abort', onAbort);
          shared.waiters--;
          if (shared.waiters === 0) shared.controller.abort(new WaiterAborted('every caller gave up'));
        };
        const onAbort = () => {
          leave();
          reject(new WaiterAborted('the caller gave up during the call'));
        };
        signal.addEventListener('abort', onAbort, { once: true });
        shared.promise.then(
          (value) => {
            if (!left) signal.removeEventListener('abort', onAbort);
            resolve(value);
          },
          (err: unknown) => {
            if (!left) signal.removeEventListener('abort', onAbort);
            reject(err instanceof Error ? err : new Error(String(err)));
          },
        );
      });
    },
  };
}
