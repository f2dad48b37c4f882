/**
 * Polite fetching: at most `perHost` requests to one host and `total` overall in flight. Waiters
 * are served in arrival order, skipping those whose host is busy, so one slow site never holds up
 * the others.
 */
export interface HostLimiter {
  run<T>(url: string, work: () => Promise<T>): Promise<T>;
}

export function createHostLimiter(options: { total: number; perHost: number }): HostLimiter {
  let active = 0;
  const perHost = new Map<string, number>();
  const queue: Array<{ host: string; start: () => void }> = [];

  const hostOf = (url: string) => {
    try {
      return new URL(url).host.toLowerCase();
    } catch {
      return url;
    }
  };
  const canStart = (host: string) => active < options.total && (perHost.get(host) ?? 0) < options.perHost;
  const acquire = (host: string) => {
    active++;
    perHost.set(host, (perHost.get(host) ?? 0) + 1);
  };
  const release = (host: string) => {
    active--;
    const n = (perHost.get(host) ?? 1) - 1;
    if (n === 0) perHost.delete(host);
    else perHost.set(host, n);
    for (let i = 0; i < queue.length && active < options.total;) {
      const waiter = queue[i]!;
      if (canStart(waiter.host)) {
        queue.splice(i, 1);
        acquire(waiter.host);
        waiter.start();
      } else i++;
    }
  };

  return {
    async run<T>(url: string, work: () => Promise<T>): Promise<T> {
      const host = hostOf(url);
      if (canStart(host)) acquire(host);
      else await new Promise<void>((resolve) => queue.push({ host, start: resolve }));
      try {
        return await work();
      } finally {
        release(host);
      }
    },
  };
}
