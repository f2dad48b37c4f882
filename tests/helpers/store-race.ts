import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { StoreConfig } from '../../src/config.js';

export type StoreLocation = Pick<StoreConfig, 'path' | 'databaseUrl' | 'poolMax'>;

export type RaceCommand =
  | { op: 'open'; location: StoreLocation }
  | { op: 'close' }
  | { op: 'commit' | 'claim' | 'markParentPosted'; items: Array<string | number>; at: number };
export type RaceReply = { ok: true; won: Array<string | number> } | { ok: false; error: string };

/**
 * Racers: worker threads, each with its own store on one database (SQLite: its own connection to
 * the file, exactly like another process; PostgreSQL: its own pool). Threads, not promises in
 * one thread, because a SQLite connection waits for another's lock synchronously.
 */
export interface Racers {
  /** Sends the command to every racer at once; resolves with what each won. */
  all(cmd: RaceCommand): Promise<Array<Array<string | number>>>;
  /** Stops the threads (closing their stores first). */
  stop(): Promise<void>;
}

function entry(): URL {
  const file = new URL('./store-race-worker.ts', import.meta.url);
  const tsx = import.meta.resolve('tsx/esm/api');
  const code = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(file.href)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}

async function reply(worker: Worker): Promise<Array<string | number>> {
  const [msg] = (await once(worker, 'message')) as [RaceReply];
  if (!msg.ok) throw new Error(`a racer failed: ${msg.error}`);
  return msg.won;
}

/** Starting a thread that loads TypeScript takes seconds: start them once, open stores per test. */
export async function startRacers(count: number): Promise<Racers> {
  const workers = Array.from(
    { length: count },
    (_, i) => new Worker(entry(), { workerData: { owner: `racer-${i}` } }),
  );
  // Each says it is ready once loaded; none has opened the store yet.
  await Promise.all(workers.map(reply));
  const all = (cmd: RaceCommand) =>
    Promise.all(
      workers.map((w) => {
        const answer = reply(w);
        w.postMessage(cmd);
        return answer;
      }),
    );
  return {
    all,
    async stop() {
      await all({ op: 'close' }).catch(() => undefined);
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
