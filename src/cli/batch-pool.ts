import { Worker } from 'node:worker_threads';
import type { Config } from '../config.js';
import type { EngineChoice } from '../service.js';
import type { LineOutcome } from './batch-line.js';

/**
 * Helper threads for `brief --jsonl`: each briefs the lines the main thread hands it while the main
 * thread briefs others, so a batch uses a second core. Lines go to a helper only when it has room,
 * so a slow helper (or one still starting) never holds up the batch.
 */
export interface HelperData {
  config: Config;
  engine?: EngineChoice;
  maxInputBytes: number;
  force?: boolean;
}

export interface HelperRequest {
  seq: number;
  lineNo: number;
  raw: string;
}

export type HelperReply = { ready: true } | { seq: number; outcome: LineOutcome };

export interface Helper {
  /** Started, alive, and holding fewer lines than it may queue. */
  readonly available: boolean;
  /** Briefs a line on the helper; rejects when the helper stops before answering. */
  brief(item: HelperRequest): Promise<LineOutcome>;
  close(): Promise<void>;
}

/** Lines a helper holds at once: one being briefed and one waiting, so it never idles between them. */
const CAPACITY = 2;

export function startHelper(data: HelperData): Helper {
  const worker = new Worker(helperEntry(), { workerData: data });
  let ready = false;
  let stopped = false;
  const pending = new Map<number, { resolve: (o: LineOutcome) => void; reject: (e: Error) => void }>();
  worker.on('message', (reply: HelperReply) => {
    if ('ready' in reply) {
      ready = true;
      return;
    }
    const waiter = pending.get(reply.seq);
    pending.delete(reply.seq);
    waiter?.resolve(reply.outcome);
  });
  const stop = (err: Error) => {
    stopped = true;
    for (const waiter of pending.values()) waiter.reject(err);
    pending.clear();
  };
  worker.on('error', stop);
  worker.on('exit', (code) => stop(new Error(`the batch helper exited with code ${code}`)));
  return {
    get available() {
      return ready && !stopped && pending.size < CAPACITY;
    },
    brief(item) {
      return new Promise((resolve, reject) => {
        pending.set(item.seq, { resolve, reject });
        worker.postMessage(item satisfies HelperRequest);
      });
    },
    async close() {
      stopped = true;
      await worker.terminate();
    },
  };
}

/**
 * The compiled build loads batch-worker.js directly; under tsx (tests, development) a worker does
 * not inherit the loader, so a tiny bootstrap registers it first (as worker-service.ts does).
 */
function helperEntry(): URL {
  const compiled = !import.meta.url.endsWith('.ts');
  const entry = new URL(`./batch-worker.${compiled ? 'js' : 'ts'}`, import.meta.url);
  if (compiled) return entry;
  const tsx = import.meta.resolve('tsx/esm/api');
  const code = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(entry.href)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}

/** Whether this module runs compiled (helpers start in tens of ms) rather than under tsx (seconds). */
export const COMPILED = !import.meta.url.endsWith('.ts');
