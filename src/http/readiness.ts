/**
 * Readiness: the process is ready when every part it started says so (the Slack receiver
 * listening, the Discord gateway ready, the database open, later Redis and Postgres) and it is not
 * draining. Parts register their own check, so a new part needs no change here.
 */
export type ReadyCheck = () => boolean | Promise<boolean>;

export interface ReadinessReport {
  ready: boolean;
  /** True from the first shutdown signal: load balancers stop sending before work stops. */
  draining: boolean;
  parts: Record<string, boolean>;
}

export interface Readiness {
  /** Adds a part; the returned function removes it again. A second part of one name replaces the first. */
  register(part: string, check: ReadyCheck): () => void;
  /**
   * Declares a part that will register later (an adapter still starting): not ready until it does,
   * so that the process is not reported ready between the database and the first adapter.
   */
  expect(part: string): void;
  /** Not ready from now on, whatever the parts say. */
  drain(): void;
  readonly draining: boolean;
  check(): Promise<ReadinessReport>;
}

/** A check that hangs (a database that does not answer) counts as not ready, not as a hung probe. */
const CHECK_TIMEOUT_MS = 2_000;

async function run(check: ReadyCheck): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      Promise.resolve().then(check),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), CHECK_TIMEOUT_MS);
      }),
    ]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export function createReadiness(): Readiness {
  const checks = new Map<string, ReadyCheck>();
  let draining = false;
  return {
    register(part, check) {
      checks.set(part, check);
      return () => {
        if (checks.get(part) === check) checks.delete(part);
      };
    },
    expect(part) {
      if (!checks.has(part)) checks.set(part, () => false);
    },
    drain() {
      draining = true;
    },
    get draining() {
      return draining;
    },
    async check() {
      const entries = [...checks];
      const results = await Promise.all(entries.map(([, check]) => run(check)));
      const parts = Object.fromEntries(entries.map(([name], i) => [name, results[i] === true]));
      // Nothing registered yet means nothing has started: not ready.
      const ready = !draining && entries.length > 0 && results.every(Boolean);
      return { ready, draining, parts };
    },
  };
}
