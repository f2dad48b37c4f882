import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import type { Config } from './config.js';
import { createEngines } from './engines/create-engines.js';
import { isBriefError } from './errors.js';
import { createLogger, type LogLevel } from './logger.js';
import { createBriefService, type BriefService } from './service.js';
import type { Store } from './store/store.js';
import type { WorkerReply, WorkerRequest } from './worker-service.js';

/**
 * One brief worker thread (see worker-service.ts): its own service, engines and NLP state, so that
 * parsing pages and ranking sentences never blocks the thread that acknowledges chat requests.
 */
const { config, logLevel } = workerData as { config: Config; logLevel: LogLevel };

// On Linux, setpriority(pid 0) renices only the calling thread: briefing yields the CPU to the main
// thread, which accepts and acknowledges requests. Elsewhere it would renice the whole process.
if (process.platform === 'linux') {
  try {
    setPriority(0, 10);
  } catch {
    // Not permitted in some containers; the worker still runs, at normal priority.
  }
}
const logger = createLogger(logLevel).child({ thread: 'brief-worker' });
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

const ready: Promise<BriefService> = openWorkerStore().then((store) =>
  createBriefService({ config, engines: createEngines(config, logger), logger, store }),
);
const running = new Map<number, AbortController>();
const port = parentPort!;

port.on('message', (msg: WorkerRequest) => {
  if (msg.op === 'abort') {
    running.get(msg.id)?.abort(new DOMException('The brief was cancelled.', 'AbortError'));
    return;
  }
  const controller = new AbortController();
  running.set(msg.id, controller);
  const { signal } = controller;
  const work = ready.then((service): Promise<unknown> =>
    msg.op === 'brief'
      ? service.brief(msg.input, { ...msg.options, signal })
      : msg.op === 'ingest'
        ? service.ingest(msg.input, signal)
        : service.briefArticle(msg.article, { ...msg.options, signal }),
  );
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
