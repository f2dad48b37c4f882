import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import type { Config } from './config.js';
import { loadEngines } from './engines/load-engines.js';
import { isBriefError } from './errors.js';
import { createStderrLogger, type LogFormat, type LogLevel } from './logger.js';
import { forwardingMetrics } from './metrics/forward.js';
import { createBriefService } from './service.js';
import type { Store } from './store/store.js';
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
/** Each worker's own connection to the main thread's store: PostgreSQL needs only a few. */
const WORKER_POOL_MAX = 2;

/**
 * The LLM's brief cache and token ledger: SQLite in WAL mode is safe to share between threads, and
 * each worker has a small PostgreSQL pool of its own. The main thread opened (and migrated) the
 * store before starting workers; should this open still fail, briefs go on without the cache.
 */
async function openWorkerStore(): Promise<Store | undefined> {
  if (!config.llm) return undefined;
  try {
    // Loaded only here: without the LLM a worker never needs the query layer.
    const { openStore } = await import('./store/open-store.js');
    return await openStore(config.store, {
      poolMax: Math.min(WORKER_POOL_MAX, config.store.poolMax),
      logger,
    });
  } catch (err) {
    logger.error('brief worker could not open the store; briefing without the cache', { err });
    return undefined;
  }
}

const [store, engines] = await Promise.all([openWorkerStore(), loadEngines(config, logger)]);
const service = createBriefService({ config, engines, logger, store, metrics });
const running = new Map<number, AbortController>();

/**
 * What warm() briefs once per worker: a small page that takes the paths a real one does (HTML
 * extraction, sentence ranking, names, dates and numbers), so their modules and lazy tables are
 * loaded before the first user waits on them.
 */
const WARM_UP_PAGE = `<!doctype html><html lang="en"><head><title>Harbor bridge reopens | Example News</title></head>
<body><article><h1>Harbor bridge reopens after repairs</h1>
<p>The Harbor Bridge reopened to traffic on Monday, March 3, after eight months of repairs that cost $42 million, the city's transport department said.</p>
<p>Mayor Ana Lopez told reporters in Springfield that the work finished two weeks ahead of schedule.</p>
<p>About 60,000 vehicles cross the bridge every day, according to the Regional Planning Council.</p>
<p>Cyclists get a separate lane for the first time, a change that residents requested in 2021.</p>
</article></body></html>`;

port.on('message', (msg: WorkerRequest) => {
  if (msg.op === 'abort') {
    running.get(msg.id)?.abort(new DOMException('The brief was cancelled.', 'AbortError'));
    return;
  }
  if (msg.op === 'warm') {
    // Straight to ingest and the extractive engine: nothing cached, counted or sent anywhere. The
    // modules are loaded by now; a warm-up page that no longer briefs (a stricter ingest rule)
    // is worth a warning, not a bot that refuses to start.
    service
      .ingest({ kind: 'html', html: WARM_UP_PAGE, url: null })
      .then((article) => engines.extractive.brief(article))
      .catch((err: unknown) => logger.warn('warm-up brief failed', { err }))
      .then(() => port.postMessage({ id: msg.id, ok: true, value: performance.now() } satisfies WorkerReply))
      .catch((err: unknown) => logger.error('brief worker could not reply', { err }));
    return;
  }
  const controller = new AbortController();
  running.set(msg.id, controller);
  const { signal } = controller;
  const work: Promise<unknown> =
    msg.op === 'brief'
      ? service.brief(msg.input, { ...msg.options, signal })
      : msg.op === 'ingest'
        ? service.ingest(msg.input, signal)
        : service.briefArticle(msg.article, { ...msg.options, signal });
  work
    .then(
      (value): WorkerReply => ({ id: msg.id, ok: true, value }),
      (err: unknown): WorkerReply => ({ id: msg.id, ok: false, error: wireError(err) }),
    )
    .then((reply) => port.postMessage(reply))
    .catch((err: unknown) => logger.error('brief worker could not reply', { err }))
    .finally(() => running.delete(msg.id));
});

function wireError(err: unknown): Extract<WorkerReply, { ok: false }>['error'] {
  return isBriefError(err)
    ? { code: err.code, userMessage: err.userMessage, name: err.name, message: err.message }
    : { name: (err as Error)?.name ?? 'Error', message: (err as Error)?.message ?? String(err) };
}
