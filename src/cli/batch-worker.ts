import { parentPort, workerData } from 'node:worker_threads';
import { createExtractiveEngine } from '../engines/extractive/index.js';
import { createStderrLogger, resolveLogFormat } from '../logger.js';
import { createBriefService } from '../service.js';
import { briefLine } from './batch-line.js';
import type { HelperData, HelperReply, HelperRequest } from './batch-pool.js';

/**
 * A batch helper thread (see batch-pool.ts): its own service with the extractive engine only
 * (batches that use the LLM stay on the main thread), briefing the lines it is sent.
 */
const { config, engine, maxInputBytes } = workerData as HelperData;
const port = parentPort!;
const service = createBriefService({
  config,
  engines: { extractive: createExtractiveEngine() },
  // Synchronous writes to fd 2, as the brief workers do; JSON unless LOG_FORMAT asks otherwise.
  logger: createStderrLogger(config.logLevel ?? 'warn', resolveLogFormat(config.runtime.logFormat, false), {
    thread: 'batch-helper',
  }),
});
const deps = { service, engine, maxInputBytes };

port.on('message', (msg: HelperRequest) => {
  void briefLine(msg.raw, msg.lineNo, deps).then((outcome) =>
    port.postMessage({ seq: msg.seq, outcome } satisfies HelperReply),
  );
});
port.postMessage({ ready: true } satisfies HelperReply);
