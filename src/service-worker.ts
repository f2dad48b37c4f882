import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import type { Config } from './config.js';
import { createEngines } from './engines/create-engines.js';
import { isBriefError } from './errors.js';
import { createStderrLogger, type LogFormat, type LogLevel } from './logger.js';
import { forwardingMetrics } from './metrics/forward.js';
import { createBriefService } from './service.js';
import { openSqliteStore } from './store/sqlite-store.js';
import type { WorkerMetric, WorkerReply, WorkerRequest } from './worker-service.js';

/**
 * One brief worker thread (see worker-service.ts): its own service, engines and NLP state, so that
 * parsing pages and ranking sentences never blocks the thread that acknowledges chat requests.
 */
const { config, logLevel, logFormat } = workerData as {
  config: Config;
  logLevel: LogLevel;
  logFormat: LogFormat;
};

// On Linux, setpriority(pid 0) renices only the calling thread: briefing yields the CPU to the main
// thread, which accepts and acknowledges requests. Elsewhere it would renice the whole process.
if (process.platform === 'linux') {
  try {
    setPriority(0, 10);
  } catch {
    // Not permitted in some containers; the worker still runs, at normal priority.
  }
}
// Synchronous writes to fd 2 from this thread: no transport thread, no hop through the main thread.
const logger = createStderrLogger(logLevel, logFormat, { thread: 'brief-worker' });
const port = parentPort!;
const metrics = forwardingMetrics((metric) => port.postMessage({ metric } satisfies WorkerMetric));
// The LLM's brief cache and token ledger; SQLite in WAL mode is safe to share between workers.
const store = config.llm ? openSqliteStore(config.store.path) : undefined;
const service = createBriefService({
  config,
  engines: createEngines(config, logger),
  logger,
  store,
  metrics,
});
const running = new Map<number, AbortController>();

port.on('message', (msg: WorkerRequest) => {
  if (msg.op === 'abort') {
    running.get(msg.id)?.abort(new DOMException('The brief was cancelled.', 'AbortError'));
    return;
  }
  const controller = new AbortController();
  running.set(msg.id, controller);
  const { signal } = controller;
  const work =
    msg.op === 'brief'
      ? service.brief(msg.input, { ...msg.options, signal })
      : msg.op === 'ingest'
        ? service.ingest(msg.input, signal)
        : service.briefArticle(msg.article, { ...msg.options, signal });
  work
    .then(
      (value): WorkerReply => ({ id: msg.id, ok: true, value }),
      (err: unknown): WorkerReply => ({
        id: msg.id,
        ok: false,
        error: isBriefError(err)
          ? { code: err.code, userMessage: err.userMessage, name: err.name, message: err.message }
          : { name: (err as Error)?.name ?? 'Error', message: (err as Error)?.message ?? String(err) },
      }),
    )
    .then((reply) => port.postMessage(reply))
    .catch((err: unknown) => logger.error('brief worker could not reply', { err }))
    .finally(() => running.delete(msg.id));
});
