import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Article } from './article.js';
import type { Brief } from './brief.js';
import type { Config } from './config.js';
import { BriefError, type BriefErrorCode } from './errors.js';
import type { Logger, LogFormat, LogLevel } from './logger.js';
import { applyMetricEvent, isMetricEvent, type MetricEvent } from './metrics/forward.js';
import type { Metrics } from './metrics/metrics.js';
import type { BriefInput, BriefRequestOptions, BriefService } from './service.js';

/**
 * A BriefService whose work (fetch, HTML extraction, the engine) runs on worker threads. Ingest and
 * the extractive engine are synchronous CPU work of tens of ms per article; on the main thread a
 * burst of briefs delays accepting and acknowledging chat requests (Slack's 3 s, Discord's 3 s).
 * Here the main thread only does I/O, and a second core, when there is one, briefs in parallel.
 */
export type WorkerRequest =
  | { id: number; op: 'brief'; input: BriefInput; options: WireOptions }
  | { id: number; op: 'ingest'; input: BriefInput }
  | { id: number; op: 'briefArticle'; article: Article; options: WireOptions }
  | { id: number; op: 'warm' }
  | { id: number; op: 'abort' };

/** A metric recorded on the worker (LLM tokens, a fallback), for the main thread's registry. */
export interface WorkerMetric {
  metric: MetricEvent;
}

export type WorkerReply =
  | { id: number; ok: true; value: unknown }
  | {
      id: number;
      ok: false;
      error: { code?: BriefErrorCode; userMessage?: string; name: string; message: string };
    };

type WireOptions = Omit<BriefRequestOptions, 'signal'>;
type Job = Exclude<WorkerRequest, { op: 'abort' }>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

interface Slot {
  worker: Worker;
  pending: Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>;
}

export interface WorkerServiceOptions {
  config: Config;
  logger: Logger;
  logLevel?: LogLevel;
  /** The workers log like the main thread: JSON lines, or pretty (resolved by the caller). */
  logFormat?: LogFormat;
  /** Receives the metrics the workers record (LLM tokens, fallbacks). */
  metrics?: Metrics;
  /** Worker threads; default defaultWorkerCount(). */
  size?: number;
  /**
   * The worker's module; default service-worker next to this one (through tsx when running from
   * the sources). Tests pass the built dist/src/service-worker.js: a worker compiled ahead starts
   * in a fraction of the time tsx takes to load and transpile it.
   */
  entry?: URL;
}

export interface WorkerBriefService extends BriefService {
  /**
   * Starts every worker thread and has each load its modules and brief a small built-in page
   * once, so that the first brief after start-up is as fast as the tenth (a cold worker spends
   * most of a second loading the NLP libraries). Resolves with the ms each worker took from its
   * start; rejects when a worker cannot start.
   */
  warm(): Promise<{ workers: number; ms: number[] }>;
  close(): Promise<void>;
}

/**
 * One core stays with the main thread (it accepts and acknowledges requests); measured with
 * bench/slack.ts on 2 cores, 1 worker gave lower ack latency than 2.
 */
export function defaultWorkerCount(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

export function createWorkerBriefService(options: WorkerServiceOptions): WorkerBriefService {
  const size = options.size ?? defaultWorkerCount();
  const slots: Array<Slot | null> = Array.from({ length: size }, () => null);
  let nextId = 0;
  let closed = false;

  const spawn = (index: number): Slot => {
    const worker = new Worker(options.entry ?? workerEntry(), {
      workerData: {
        config: options.config,
        logLevel: options.logLevel ?? options.config.logLevel ?? 'warn',
        logFormat: options.logFormat ?? 'json',
      },
    });
    const slot: Slot = { worker, pending: new Map() };
    worker.on('message', (msg: WorkerReply | WorkerMetric) => {
      if ('metric' in msg) {
        if (options.metrics && isMetricEvent(msg.metric)) applyMetricEvent(options.metrics, msg.metric);
        return;
      }
      const reply = msg;
      const waiter = slot.pending.get(reply.id);
      if (!waiter) return;
      slot.pending.delete(reply.id);
      if (reply.ok) waiter.resolve(reply.value);
      else waiter.reject(reviveError(reply.error));
    });
    const fail = (err: unknown) => {
      if (slots[index] === slot) slots[index] = null;
      if (!closed) options.logger.error('brief worker stopped', { err });
      for (const waiter of slot.pending.values())
        waiter.reject(new Error('The brief worker stopped.', { cause: err }));
      slot.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`exit code ${code}`)));
    slots[index] = slot;
    return slot;
  };

  // The least busy worker; a crashed one is replaced on the next request.
  const pick = (): Slot => {
    let best = 0;
    for (let i = 1; i < size; i++) {
      if ((slots[i]?.pending.size ?? 0) < (slots[best]?.pending.size ?? 0)) best = i;
    }
    return slots[best] ?? spawn(best);
  };

  const call = <T>(job: DistributiveOmit<Job, 'id'>, signal?: AbortSignal, on?: () => Slot): Promise<T> => {
    if (closed) return Promise.reject(new Error('The brief service is closed.'));
    if (signal?.aborted) return Promise.reject(asError(signal.reason));
    const slot = (on ?? pick)();
    const id = ++nextId;
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => slot.worker.postMessage({ id, op: 'abort' } satisfies WorkerRequest);
      signal?.addEventListener('abort', onAbort, { once: true });
      slot.pending.set(id, {
        resolve: (v) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(v as T);
        },
        reject: (e: Error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(e);
        },
      });
      slot.worker.postMessage({ ...job, id });
    });
  };

  const wire = ({ signal: _signal, ...rest }: BriefRequestOptions = {}): WireOptions => rest;

  return {
    brief: (input, opts) => call<Brief>({ op: 'brief', input, options: wire(opts) }, opts?.signal),
    ingest: (input, signal) => call<Article>({ op: 'ingest', input }, signal),
    briefArticle: (article, opts) =>
      call<Brief>({ op: 'briefArticle', article, options: wire(opts) }, opts?.signal),
    async warm() {
      const ms = await Promise.all(
        slots.map((_, i) => call<number>({ op: 'warm' }, undefined, () => slots[i] ?? spawn(i))),
      );
      return { workers: size, ms: ms.map(Math.round) };
    },
    async close() {
      closed = true;
      await Promise.all(slots.map((slot) => (slot ? slot.worker.terminate() : Promise.resolve(0))));
    },
  };
}

function asError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason));
}

function reviveError(e: Extract<WorkerReply, { ok: false }>['error']): Error {
  if (e.code && e.userMessage !== undefined) return new BriefError(e.code, e.userMessage);
  const err = new Error(e.message);
  err.name = e.name;
  return err;
}

/**
 * The build (npm start, bin/brief.js) loads the compiled .js entry directly. From the sources
 * (npm run dev, benchmarks, tests) the entry is .ts and a worker does not inherit tsx's loader, so
 * a tiny bootstrap registers it first; tsx is a dev dependency, needed only then.
 */
function workerEntry(): URL {
  const entry = new URL(
    `./service-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`,
    import.meta.url,
  );
  if (!entry.pathname.endsWith('.ts')) return entry;
  const tsx = import.meta.resolve('tsx/esm/api');
  const code = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(entry.href)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}
